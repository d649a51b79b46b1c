/**
 * `cases.csv`: one row per loaded case (ticket, complaint), with the columns
 * analyses add — e.g. the fault a complaint narrative shows and its evidence.
 * Same cell rules as messages.csv.
 */
import type { Case } from '../model.ts';
import { compareIds, csvCell, type ExtraColumns } from './messages-csv.ts';

const BASE = ['id', 'opened_at', 'first_response_at', 'resolved_at', 'closed_at', 'status', 'category', 'subcategory', 'product', 'company', 'channel', 'text'];

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Renders cases (sorted by opening time, then id) and extra per-case columns as CSV text. */
export function casesCsv(cases: readonly Case[], extraNames: readonly string[] = [], extra: ExtraColumns = new Map()): string {
  const rows = [...cases].sort((a, b) => a.openedAt - b.openedAt || compareIds(a.id, b.id));
  const lines = [[...BASE, ...extraNames].join(',')];
  for (const c of rows) {
    const more = extra.get(c.id) ?? {};
    const base = [c.id, iso(c.openedAt), iso(c.firstResponseAt), iso(c.resolvedAt), iso(c.closedAt), c.status, c.category, c.subcategory, c.product, c.company, c.channel, c.text];
    lines.push([...base, ...extraNames.map((n) => more[n] ?? null)].map(csvCell).join(','));
  }
  return lines.join('\n') + '\n';
}
