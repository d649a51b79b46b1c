/**
 * `excerpts.json`: the rows of a crisis that pages show as rows or quote —
 * the first pages of messages and cases, and every message or case the
 * report names as an example — already through the privacy filter. A page
 * needs these few rows, never the whole table.
 */
import { CASE_PREFIX, type Case, type Message, type RowList } from '../model.ts';
import type { CellValue } from '../report/messages-csv.ts';
import type { ReportModel } from '../report/report-model.ts';
import { EXCERPT_CASES, EXCERPT_MESSAGES } from './layout.ts';

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

/** A table in publication order, read by position (see write-bundle.ts). */
export interface ExcerptSource<Excerpt> {
  rows: RowList<{ id: string }>;
  columnNames: readonly string[];
  excerpt(i: number): Excerpt;
}

/** Builds the excerpts of tables in publication order, already filtered for privacy. */
export function buildExcerpts(report: ReportModel, messages: ExcerptSource<ExcerptMessage>, cases: ExcerptSource<ExcerptCase>): Excerpts {
  const quoted = quotedIds(report);
  const pick = <E>(table: ExcerptSource<E>, headSize: number, id: (rowId: string) => string) => {
    const head: E[] = [];
    const more: E[] = [];
    table.rows.forEach((r, i) => {
      if (i < headSize) head.push(table.excerpt(i));
      else if (quoted.has(id(r.id))) more.push(table.excerpt(i));
    });
    return { excerpt: { total: table.rows.length, columnNames: [...table.columnNames], head }, quoted: more };
  };
  const m = pick(messages, EXCERPT_MESSAGES, (id) => id);
  const c = pick(cases, EXCERPT_CASES, (id) => CASE_PREFIX + id);
  return { messages: m.excerpt, cases: c.excerpt, quoted: { messages: m.quoted, cases: c.quoted } };
}
