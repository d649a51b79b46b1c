/**
 * `excerpts.json`: the rows of a crisis that pages show as rows or quote —
 * the first pages of messages and cases, and every message or case the
 * report names as an example — already through the privacy filter. A page
 * needs these few rows, never the whole table.
 */
import type { Case, Message } from '../model.ts';
import type { ReportModel } from '../report/report-model.ts';
import { CASE_PREFIX } from '../language/text-messages.ts';
import { EXCERPT_CASES, EXCERPT_MESSAGES } from './layout.ts';

/** A value of an analysis column. */
export type CellValue = string | number | boolean | null;

/** A message as pages show it, with its analysis columns. */
export interface ExcerptMessage extends Omit<Message, 'attributes'> {
  columns: Record<string, CellValue>;
}

/** A case as pages show it, with its analysis columns. */
export interface ExcerptCase extends Omit<Case, 'attributes'> {
  columns: Record<string, CellValue>;
}

/** A table's excerpt: its size, its analysis column names, its first rows. */
export interface TableExcerpt<Row> {
  total: number;
  columnNames: string[];
  head: Row[];
}

export interface Excerpts {
  messages: TableExcerpt<ExcerptMessage>;
  cases: TableExcerpt<ExcerptCase>;
  /** Rows the report quotes (fault and theme examples) that are not in `head`, by id. */
  quoted: { messages: ExcerptMessage[]; cases: ExcerptCase[] };
}

/** Every message or case id (`case:` prefixed) that the report quotes. */
export function quotedIds(report: ReportModel): Set<string> {
  const ids = new Set<string>();
  const s = report.sections;
  for (const f of s.faults?.pareto ?? []) for (const id of f.exampleIds) ids.add(id);
  for (const c of s.candidateFaults ?? []) for (const id of c.exampleIds) ids.add(id);
  for (const t of s.themes?.themes ?? []) for (const r of t.representatives) ids.add(r.id);
  return ids;
}

/**
 * Builds the excerpts from messages and cases already in publication order
 * (time, then id) and already filtered for privacy.
 */
export function buildExcerpts(
  report: ReportModel,
  messages: readonly ExcerptMessage[],
  messageColumns: readonly string[],
  cases: readonly ExcerptCase[],
  caseColumns: readonly string[],
): Excerpts {
  const quoted = quotedIds(report);
  const head = messages.slice(0, EXCERPT_MESSAGES);
  const caseHead = cases.slice(0, EXCERPT_CASES);
  const inHead = new Set(head.map((m) => m.id));
  const caseInHead = new Set(caseHead.map((c) => c.id));
  return {
    messages: { total: messages.length, columnNames: [...messageColumns], head },
    cases: { total: cases.length, columnNames: [...caseColumns], head: caseHead },
    quoted: {
      messages: messages.filter((m) => quoted.has(m.id) && !inHead.has(m.id)),
      cases: cases.filter((c) => quoted.has(CASE_PREFIX + c.id) && !caseInHead.has(c.id)),
    },
  };
}
