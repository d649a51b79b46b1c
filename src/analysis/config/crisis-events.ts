/**
 * `events:` in crisis.yaml: what the company did and when (the rollout, the
 * pause, the public statement, the fixes), which no export records. Each is
 * `{ at, label, kind }`; the summary draws them on the timeline and measures
 * the incident's durations (time to detect, to first statement, …) from them.
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
}

/** Longest label: it is printed on the timeline chart. */
export const MAX_EVENT_LABEL = 120;

const FIELDS = ['at', 'label', 'kind'];

/**
 * Validates `events:` (a list of `{ at, label, kind }`), reading an `at`
 * without an offset in the crisis's time zone `zone`. Problems go to
 * `problems`, each with its index, field and how to fix it. Returns the
 * valid events sorted by time (then label, so the order never depends on
 * the file's).
 */
export function validateEvents(raw: unknown, zone: string, problems: string[]): CrisisEvent[] {
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
    const before = problems.length;
    for (const key of Object.keys(e)) if (!FIELDS.includes(key)) problems.push(`${path}.${key}: unknown field (known: ${FIELDS.join(', ')})`);
    const at = eventTime(e.at, zone, `${path}.at`, problems);
    const label = typeof e.label === 'string' || typeof e.label === 'number' ? String(e.label).trim() : '';
    if (!label) problems.push(`${path}.label: required text saying what happened (e.g. "Rollout paused")`);
    else if (label.length > MAX_EVENT_LABEL) problems.push(`${path}.label: ${label.length} characters; keep it under ${MAX_EVENT_LABEL}, it labels the timeline chart`);
    const kind = e.kind === undefined ? 'other' : e.kind;
    if (!EVENT_KINDS.includes(kind as EventKind)) problems.push(`${path}.kind: "${String(kind)}" is not one of ${EVENT_KINDS.join(', ')}`);
    if (problems.length === before && at) events.push({ at, label, kind: kind as EventKind });
  });
  return events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
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
