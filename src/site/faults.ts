/**
 * Faults as the site shows them: `report.sections.faults` (the taxonomy
 * Pareto) and `report.sections.candidateFaults` (recurring complaints no
 * configured fault covers), read defensively and joined with example
 * messages. Examples come from the section's assignments when it keeps them,
 * else from the per-message `fault` column.
 */
import type { CandidateFault, FaultSummary } from '../analysis/nlp/faults/types.ts';
import type { ExtraColumns } from '../analysis/report/messages-csv.ts';
import type { ReportModel } from '../analysis/report/report-model.ts';
import type { Case, Message } from '../analysis/model.ts';
import { CASE_ID_PREFIX } from './cases.ts';

/** One fault with its examples: a Pareto row (or a candidate shaped like one) under its own id. */
export interface FaultView extends Omit<FaultSummary, 'faultId'> {
  id: string;
  /** Up to five example message ids, earliest first. */
  exampleIds: string[];
  /** True for a candidate fault (discovered, not in the taxonomy). */
  candidate: boolean;
}

/** Faults of one crisis. */
export interface FaultsView {
  /** What was classified, for sentences like "42 cases": a crisis of tickets only has no messages. */
  unit: 'messages' | 'cases' | 'messages and cases';
  considered: number;
  classified: number;
  bucketMs: number;
  bucketStarts: number[];
  faults: FaultView[];
  candidates: FaultView[];
}

const MAX_EXAMPLES = 5;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Candidate faults, whether the section is a list or `{ candidates: [...] }`. */
function candidateList(value: unknown): CandidateFault[] {
  const list = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.candidates) ? value.candidates : [];
  return list.filter((c): c is CandidateFault => isObject(c) && typeof c.label === 'string' && typeof c.count === 'number');
}

/** Cases and their per-case columns, when the crisis has any (ids in examples get the `case:` prefix). */
export interface CaseInput {
  cases: readonly Case[];
  columns: ExtraColumns;
}

/** Builds the faults view; null when the report has neither faults nor candidates. */
export function faultsView(report: ReportModel, messages: readonly Message[], columns: ExtraColumns, cases: CaseInput = { cases: [], columns: new Map() }): FaultsView | null {
  const section = report.sections.faults;
  const pareto = isObject(section) && Array.isArray(section.pareto) ? (section.pareto as FaultSummary[]) : null;
  const candidates = candidateList(report.sections.candidateFaults ?? (isObject(section) ? section.candidates : undefined));
  if (!pareto && !candidates.length) return null;

  const examples = new Map<string, string[]>();
  // A retweet or a complaint filed twice is one example, not two.
  const shown = new Map<string, Set<string>>();
  const add = (faultId: string, messageId: string, text: string | null) => {
    const list = examples.get(faultId) ?? [];
    const texts = shown.get(faultId) ?? new Set<string>();
    const key = (text ?? messageId).replace(/^RT\s+/i, '').trim().toLowerCase();
    if (list.length < MAX_EXAMPLES && !texts.has(key)) {
      list.push(messageId);
      texts.add(key);
    }
    examples.set(faultId, list);
    shown.set(faultId, texts);
  };
  const assignments = isObject(section) && isObject(section.assignments) ? section.assignments : null;
  // Messages and cases in one time line, so a mixed crisis shows its earliest examples of either.
  const items = [
    ...messages.map((m) => ({ id: m.id, at: m.createdAt, columns, key: m.id, text: m.text as string | null })),
    ...cases.cases.map((c) => ({ id: CASE_ID_PREFIX + c.id, at: c.openedAt, columns: cases.columns, key: c.id, text: c.text })),
  ].sort((a, b) => a.at - b.at);
  for (const item of items) {
    const a = assignments?.[item.id];
    const fault = isObject(a) && typeof a.faultId === 'string' ? a.faultId : columnFault(item.columns, item.key);
    if (fault) add(fault, item.id, item.text);
  }

  const faults: FaultView[] = (pareto ?? []).map((f) => ({
    id: f.faultId,
    label: f.label,
    count: f.count,
    share: f.share,
    cumulativeShare: f.cumulativeShare,
    firstSeen: f.firstSeen,
    lastSeen: f.lastSeen,
    volume: f.volume ?? [],
    exampleIds: examples.get(f.faultId) ?? [],
    candidate: false,
  }));
  const known = new Map(items.map((item) => [item.id, item.at]));
  const candidateViews: FaultView[] = candidates.map((c) => {
    const times = c.exampleIds.map((id) => known.get(id)).filter((t): t is number => t !== undefined);
    return {
      id: `candidate:${c.key}`,
      label: c.label,
      count: c.count,
      share: 0,
      cumulativeShare: 0,
      firstSeen: times.length ? Math.min(...times) : null,
      lastSeen: times.length ? Math.max(...times) : null,
      volume: [],
      exampleIds: c.exampleIds.slice(0, MAX_EXAMPLES),
      candidate: true,
    };
  });
  const s = isObject(section) ? section : {};
  const casesClassified = typeof s.casesClassified === 'number' ? s.casesClassified : 0;
  return {
    unit: messages.length === 0 ? 'cases' : casesClassified > 0 ? 'messages and cases' : 'messages',
    considered: typeof s.considered === 'number' ? s.considered : 0,
    classified: typeof s.classified === 'number' ? s.classified : 0,
    bucketMs: typeof s.bucketMs === 'number' ? s.bucketMs : 3_600_000,
    bucketStarts: Array.isArray(s.bucketStarts) ? (s.bucketStarts as number[]) : [],
    faults,
    candidates: candidateViews,
  };
}

function columnFault(columns: ExtraColumns, id: string): string | null {
  const row = columns.get(id);
  const v = row?.fault ?? row?.fault_id;
  return typeof v === 'string' && v ? v : null;
}

/** The most frequent taxonomy fault (else candidate) with at least one message. */
export function topFault(view: FaultsView | null): FaultView | null {
  if (!view) return null;
  return view.faults.find((f) => f.count > 0) ?? view.candidates.find((c) => c.count > 0) ?? null;
}
