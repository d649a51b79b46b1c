/**
 * `cases.csv`: one row per loaded case (ticket, complaint), with the columns
 * analyses add — e.g. the fault a complaint narrative shows and its evidence.
 * Same cell rules as messages.csv.
 */
import type { Case } from '../model.ts';
import { compareIds, csvChunks, type CellValue, type ExtraColumns } from './messages-csv.ts';

/** The canonical columns of cases.csv, before the analyses' columns. */
export const CASE_CSV_COLUMNS = [
  'id', 'opened_at', 'first_response_at', 'resolved_at', 'closed_at', 'status', 'category', 'subcategory', 'product', 'company', 'channel', 'text',
  // Ticket fields, after the original columns so a reader that takes them by position still finds those where they were.
  'priority', 'team', 'agent', 'due_at', 'sla_met', 'reopen_count', 'reassignment_count',
];

/** The fields of a case cases.csv shows. */
export type CsvCase = Omit<Case, 'attributes' | 'sourceFile' | 'sourceRow'>;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The canonical cells of one case, in {@link CASE_CSV_COLUMNS} order. */
export function caseCsvCells(c: CsvCase): CellValue[] {
  return [
    c.id, iso(c.openedAt), iso(c.firstResponseAt), iso(c.resolvedAt), iso(c.closedAt), c.status, c.category, c.subcategory, c.product, c.company, c.channel, c.text,
    c.priority, c.team, c.agent, iso(c.dueAt), c.slaMet, c.reopenCount, c.reassignmentCount,
  ];
}

/** Renders cases (sorted by opening time, then id) and extra per-case columns as CSV text. */
export function casesCsv(cases: readonly CsvCase[], extraNames: readonly string[] = [], extra: ExtraColumns = new Map()): string {
  const rows = [...cases].sort((a, b) => a.openedAt - b.openedAt || compareIds(a.id, b.id));
  const chunks = csvChunks([...CASE_CSV_COLUMNS, ...extraNames], rows.length, (i) => {
    const more = extra.get(rows[i]!.id) ?? {};
    return [...caseCsvCells(rows[i]!), ...extraNames.map((n) => more[n] ?? null)];
  });
  return [...chunks].join('');
}
