/**
 * Sentiment per timeline bucket. Sentiment comes from another analysis (a
 * per-message `sentiment` column), which the runner runs before the timeline
 * (the timeline declares that it reads the column); the timeline then fills
 * `bySentiment` with counts and shares on its own buckets.
 */
import type { AnalysisContext } from '../runner/analysis.ts';
import type { Message } from '../model.ts';
import { isCustomerMessage } from './notions.ts';
import type { TimelineBucket, TimelineSection, TimelineSentiment } from './types.ts';

/** Name of the per-message column holding a sentiment label. */
export const SENTIMENT_COLUMN = 'sentiment';

const LABEL_ORDER = ['negative', 'neutral', 'positive'];

/**
 * Adds `bySentiment` to a timeline section: customer messages per bucket and
 * label, and each label's share of the bucket. `labelOf` returns a message's
 * label, or null to leave it out.
 */
export function addTimelineSentiment(section: TimelineSection, messages: readonly Message[], labelOf: (m: Message) => string | null): TimelineSentiment | undefined {
  if (section.source !== 'messages' || !section.buckets.length) return undefined;
  const counter = sentimentCounter(section.buckets, section.bucket.ms, labelOf);
  for (const m of messages) counter.add(m);
  return counter.finish(section);
}

/** {@link addTimelineSentiment} one message at a time, so a loop over the messages made anyway can do the counting. */
export interface SentimentCounter {
  add(m: Message): void;
  /** Sets `section.bySentiment` (when any message had a label) and returns it. */
  finish(section: TimelineSection): TimelineSentiment | undefined;
}

/** A {@link SentimentCounter} over `buckets` (at least one) of width `bucketMs`. */
export function sentimentCounter(buckets: readonly TimelineBucket[], bucketMs: number, labelOf: (m: Message) => string | null): SentimentCounter {
  // Bucket starts, not origin + i·width: calendar days are 23 or 25 hours long across a DST change.
  const starts = buckets.map((b) => Date.parse(b.start));
  const n = starts.length;
  const end = starts[n - 1] + bucketMs;
  const counts: Record<string, number[]> = {};
  return {
    add(m) {
      if (!isCustomerMessage(m) || m.createdAt < starts[0] || m.createdAt >= end) return;
      const i = lastAtOrBefore(starts, m.createdAt);
      const label = labelOf(m);
      if (label === null || label === '') return;
      (counts[label] ??= new Array<number>(n).fill(0))[i]++;
    },
    finish(section) {
      const labels = Object.keys(counts).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
      if (!labels.length) return undefined;
      const total = starts.map((_, i) => labels.reduce((sum, l) => sum + counts[l]![i]!, 0));
      const share = (count: number, i: number): number | null => (total[i] ? Math.round((count / total[i]!) * 10_000) / 10_000 : null);
      section.bySentiment = {
        labels,
        counts: Object.fromEntries(labels.map((l) => [l, counts[l]!])),
        scope: 'inbound',
        total,
        shares: Object.fromEntries(labels.map((l) => [l, counts[l]!.map(share)])),
      };
      return section.bySentiment;
    },
  };
}

/** Label of a message from the context's `sentiment` column, if that column exists. */
export function sentimentColumnLabel(ctx: AnalysisContext): ((m: Message) => string | null) | null {
  if (!ctx.columns.has(SENTIMENT_COLUMN)) return null;
  return (m) => {
    const v = ctx.columns.value(m.id, SENTIMENT_COLUMN);
    return v === null || v === undefined ? null : String(v).toLowerCase();
  };
}

/** Index of the last start ≤ t (starts ascending, t ≥ starts[0]). */
function lastAtOrBefore(starts: number[], t: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function rank(label: string): number {
  const i = LABEL_ORDER.indexOf(label);
  return i < 0 ? LABEL_ORDER.length : i;
}
