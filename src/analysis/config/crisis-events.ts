/**
 * `events:` in crisis.yaml: what the company did and when (the rollout, the
 * pause, the public statement, the fixes), which no export records. Each is
 * `{ at, label, kind }`, optionally with the `faults` it addresses (ids of
 * the crisis's faults), an `id` and a `detail`; the summary draws them on the
 * timeline and measures the incident's durations (time to detect, to first
 * statement, …) from them, and the fault pages compare a fault's rate before
 * and after the last fix or recall that names it. Many events (a recall
 * list) can come from a CSV file instead: see events-file.ts.
 */
import { parseTimestamp } from '../ingest/timestamps.ts';

/** What an event marks, in the incident vocabulary of incident.io and FireHydrant (plus `recall` for products). */
export const EVENT_KINDS = ['detected', 'declared', 'statement', 'mitigated', 'fix', 'resolved', 'recall', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** One human event of the crisis. */
export interface CrisisEvent {
  /** When it happened (ISO, UTC). */
  at: string;
  /** What happened, as the chart and summary print it ("Rollout paused"). */
  label: string;
  kind: EventKind;
  /** Ids of the crisis's faults the event addresses (a fix, a recall), in the order written; absent when it names none. */
  faults?: string[];
  /** The event's own reference (a recall campaign number such as `18V894000`); absent when not given. */
  id?: string;
  /** A longer description (a recall's defect summary); absent when not given. */
  detail?: string;
}

/** Longest label: it is printed on the timeline chart. */
export const MAX_EVENT_LABEL = 120;

/** Longest `detail`: enough for a recall's defect summary, short enough to list. */
export const MAX_EVENT_DETAIL = 4000;

/** The fields of an event, in crisis.yaml and as the columns of an events file. */
export const EVENT_FIELDS = ['at', 'label', 'kind', 'faults', 'id', 'detail'] as const;

/**
 * The faults an event may name: the crisis's faults (for a crisis with a
 * fault column, every library fault with codes too), and the library's, only
 * to say how to use one that is not listed.
 */
export interface EventFaultIds {
  crisis: ReadonlySet<string>;
  library?: ReadonlySet<string>;
}

/**
 * Validates `events:` (a list of `{ at, label, kind, faults?, id?, detail? }`),
 * reading an `at` without an offset in the crisis's time zone `zone`.
 * Problems go to `problems`, each with its index, field and how to fix it.
 * `faults` names are checked against `faultIds` (every name refused when it is
 * not given). Returns the valid events sorted by time (then label, so the order
 * never depends on the file's).
 */
export function validateEvents(raw: unknown, zone: string, problems: string[], faultIds?: EventFaultIds): CrisisEvent[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problems.push('events: must be a list of { at, label, kind } (e.g. - { at: 2024-10-09T12:20:00-04:00, label: Rollout paused, kind: mitigated })');
    return [];
  }
  const events: CrisisEvent[] = [];
  raw.forEach((entry, i) => {
    const path = `events[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${path}: must be a mapping { at, label, kind }`);
      return;
    }
    const e = entry as Record<string, unknown>;
    for (const key of Object.keys(e)) if (!(EVENT_FIELDS as readonly string[]).includes(key)) problems.push(`${path}.${key}: unknown field (known: ${EVENT_FIELDS.join(', ')})`);
    const faults = e.faults === undefined || e.faults === null ? [] : Array.isArray(e.faults) ? e.faults : [e.faults];
    const event = validateEvent({ ...e, faults }, zone, (field) => `${path}.${field}`, problems, faultIds);
    if (event) events.push(event);
  });
  return sortEvents(events);
}

/**
 * One event whose fields are already split out (`faults` a list): returns it,
 * or null after adding its problems to `problems`, each starting with
 * `field(name)` (`events[2].at`, or `row 3 (line 4), at` in an events file).
 */
export function validateEvent(e: Record<string, unknown> & { faults: unknown[] }, zone: string, field: (name: string) => string, problems: string[], faultIds?: EventFaultIds): CrisisEvent | null {
  const before = problems.length;
  const at = eventTime(e.at, zone, field('at'), problems);
  const label = typeof e.label === 'string' || typeof e.label === 'number' ? String(e.label).trim() : '';
  if (!label) problems.push(`${field('label')}: required text saying what happened (e.g. "Rollout paused")`);
  else if (label.length > MAX_EVENT_LABEL) problems.push(`${field('label')}: ${label.length} characters; keep it under ${MAX_EVENT_LABEL}, it labels the timeline chart`);
  const kind = e.kind === undefined || e.kind === null || e.kind === '' ? 'other' : e.kind;
  if (!EVENT_KINDS.includes(kind as EventKind)) problems.push(`${field('kind')}: "${String(kind)}" is not one of ${EVENT_KINDS.join(', ')}`);
  const faults: string[] = [];
  e.faults.forEach((f, i) => {
    const id = typeof f === 'string' || typeof f === 'number' ? String(f).trim() : '';
    const where = `${field('faults')}[${i}]`;
    if (!id) problems.push(`${where}: must be a fault id (e.g. engine)`);
    else if (faults.includes(id)) problems.push(`${where}: "${id}" is named twice`);
    else if (!faultIds?.crisis.has(id)) problems.push(`${where}: ${unknownFault(id, faultIds)}`);
    else faults.push(id);
  });
  const id = optionalText(e.id, field('id'), 200, problems);
  const detail = optionalText(e.detail, field('detail'), MAX_EVENT_DETAIL, problems);
  if (problems.length !== before || !at) return null;
  return { at, label, kind: kind as EventKind, ...(faults.length ? { faults } : {}), ...(id ? { id } : {}), ...(detail ? { detail } : {}) };
}

/** Events by time, then label, then id: an order that never depends on the files'. */
export function sortEvents(events: CrisisEvent[]): CrisisEvent[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return events.sort((a, b) => cmp(a.at, b.at) || cmp(a.label, b.label) || cmp(a.id ?? '', b.id ?? ''));
}

/** Why a fault id cannot be named, and what to do. */
function unknownFault(id: string, faultIds: EventFaultIds | undefined): string {
  if (faultIds?.library?.has(id)) return `"${id}" is a fault of the fault library but not of this crisis: list it under faults: (${id}: ~) to analyse it here`;
  const known = [...(faultIds?.crisis ?? [])].sort();
  return `"${id}" is not a fault of this crisis (${known.length ? `its faults: ${known.join(', ')}` : 'it defines no faults: add them under faults:'})`;
}

/** An optional one-cell text: trimmed, empty means absent, at most `max` characters. */
function optionalText(v: unknown, path: string, max: number, problems: string[]): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' && typeof v !== 'number') {
    problems.push(`${path}: must be text`);
    return null;
  }
  const text = String(v).trim();
  if (text.length > max) {
    problems.push(`${path}: ${text.length} characters; keep it under ${max}`);
    return null;
  }
  return text || null;
}

/** An event's `at` as ISO UTC: text with an offset as written, a wall time in `zone`; YAML dates are instants already. */
function eventTime(v: unknown, zone: string, path: string, problems: string[]): string | null {
  const example = 'write 2024-10-09T12:20:00-04:00, or 2024-10-09 12:20 for a time in the crisis time zone';
  if (v === undefined || v === null || v === '') {
    problems.push(`${path}: required (${example})`);
    return null;
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? (problems.push(`${path}: not a date (${example})`), null) : v.toISOString();
  const text = String(v).trim();
  const parsed = parseTimestamp(text, { zone });
  if (!parsed.ok) {
    problems.push(`${path}: "${text}" is not a date and time (${example})`);
    return null;
  }
  // An event is a moment: a bare day would silently mean midnight.
  if (!/\d{1,2}:\d{2}/.test(text)) {
    problems.push(`${path}: "${text}" has no time of day (${example})`);
    return null;
  }
  return new Date(parsed.ms).toISOString();
}
