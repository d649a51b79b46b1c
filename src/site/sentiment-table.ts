/**
 * The timeline's messages per bucket and sentiment label (`bySentiment`) as
 * Arquero tables: one row per bucket with a column per label, folded into
 * one row per bucket and label for the stacked chart, and rolled up into
 * totals per label for its summary and the negative-share KPI.
 */
import { op, table, type ColumnTable } from 'arquero';
import type { TimelineSection } from '../analysis/crisis/types.ts';

/** Prefix of the label columns: labels come from an export's column and may be any text, `label` or `start_utc` too. */
const COUNT = 'count:';

/**
 * One row per bucket and label (bucket by bucket, labels in display order):
 * the `extra` columns (one value per bucket), `label` and `messages` (0 where
 * a bucket has no count); null without sentiment labels.
 */
export function sentimentLong(t: TimelineSection, extra: Record<string, unknown[]> = {}): ColumnTable | null {
  const s = t.bySentiment;
  if (!s || !s.labels.length) return null;
  const counts = Object.fromEntries(s.labels.map((l) => [`${COUNT}${l}`, t.buckets.map((_, i) => s.counts[l]?.[i] ?? 0)]));
  return table({ ...extra, ...counts })
    .fold(Object.keys(counts), { as: ['label', 'messages'] })
    .derive({ label: `d => substring(d.label, ${COUNT.length})` } as never);
}

/** Messages per sentiment label over every bucket (labels in display order), and over every label (`all`); null without sentiment labels. */
export function sentimentTotals(t: TimelineSection): { byLabel: Record<string, number>; all: number } | null {
  const long = sentimentLong(t);
  if (!long) return null;
  const per = long.groupby('label').rollup({ messages: op.sum('messages') }).objects() as { label: string; messages: number }[];
  const found = new Map(per.map((r) => [r.label, r.messages]));
  // Without buckets there are no rows: every label counts 0.
  const byLabel = Object.fromEntries(t.bySentiment!.labels.map((l) => [l, found.get(l) ?? 0]));
  const all = long.numRows() ? (long.rollup({ all: op.sum('messages') }).get('all', 0) as number) : 0;
  return { byLabel, all };
}
