/**
 * Time buckets for volume curves: which width to use for a span, which part
 * of the data the curve covers, and which bucket an instant falls in.
 */
import { zoneOffsetMinutes } from '../ingest/timestamps.ts';
import { quantileSorted } from './stats.ts';
import type { BucketId } from './types.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Candidate widths, narrowest first. A week is added for case files that span years. */
export const BUCKET_WIDTHS: readonly { id: BucketId; ms: number }[] = [
  { id: '5m', ms: 5 * MINUTE },
  { id: '15m', ms: 15 * MINUTE },
  { id: '1h', ms: HOUR },
  { id: '3h', ms: 3 * HOUR },
  { id: '6h', ms: 6 * HOUR },
  { id: '1d', ms: DAY },
  { id: '1w', ms: 7 * DAY },
];

/** Most buckets a curve should have; the narrowest width that stays under it wins. */
export const MAX_BUCKETS = 300;

/** Width in ms of a bucket id. */
export function bucketMs(id: BucketId): number {
  return BUCKET_WIDTHS.find((b) => b.id === id)!.ms;
}

/**
 * The narrowest width giving at most {@link MAX_BUCKETS} buckets over `spanMs`.
 * Aims at 50–300 buckets: each candidate is 3–7× the previous one, so the
 * first that fits usually lands above 50.
 */
export function chooseBucket(spanMs: number): BucketId {
  for (const b of BUCKET_WIDTHS) if (Math.floor(spanMs / b.ms) + 1 <= MAX_BUCKETS) return b.id;
  return '1w';
}

/** The part of the data a curve covers. */
export interface Domain {
  start: number;
  end: number;
  /** Records before `start` / after `end`, left off the curve. */
  excludedBefore: number;
  excludedAfter: number;
}

/**
 * The covered span without stray outliers. Exports often carry a few old
 * records (TWCS: one tweet from 2011 among 5,000 from Oct–Nov 2017) that
 * would stretch a curve over years. The core is the central 99% of records
 * (0.5%–99.5% quantiles); records within 10% of the core's length on either
 * side are kept, anything further out is counted and left off.
 */
export function robustDomain(sortedTimes: readonly number[]): Domain | null {
  const n = sortedTimes.length;
  if (!n) return null;
  const lo = quantileSorted(sortedTimes, 0.005)!;
  const hi = quantileSorted(sortedTimes, 0.995)!;
  const margin = (hi - lo) * 0.1;
  let first = 0;
  while (sortedTimes[first] < lo - margin) first++;
  let last = n - 1;
  while (sortedTimes[last] > hi + margin) last--;
  return { start: sortedTimes[first], end: sortedTimes[last], excludedBefore: first, excludedAfter: n - 1 - last };
}

/** A fixed-width bucket grid. */
export interface BucketGrid {
  id: BucketId;
  ms: number;
  /** Start of bucket 0, epoch ms. */
  origin: number;
  count: number;
}

/**
 * Lays a grid of fixed-width buckets over `[start, end]`, aligned to the
 * crisis time zone's clock at `start` (days start at local midnight, weeks on
 * Monday). Widths stay fixed through a DST change, so later day boundaries
 * move by an hour on the local clock; fixed widths keep bucket counts
 * comparable, which the spike baseline needs.
 */
export function bucketGrid(start: number, end: number, id: BucketId, zone: string): BucketGrid {
  const ms = bucketMs(id);
  const offset = zoneOffsetMinutes(start, zone) * MINUTE;
  // 1970-01-05 was a Monday: weekly buckets count from there.
  const anchor = id === '1w' ? 4 * DAY : 0;
  const origin = Math.floor((start + offset - anchor) / ms) * ms + anchor - offset;
  return { id, ms, origin, count: Math.floor((end - origin) / ms) + 1 };
}

/** Index of the bucket holding `t` (may be outside 0…count−1). */
export function bucketIndex(grid: BucketGrid, t: number): number {
  return Math.floor((t - grid.origin) / grid.ms);
}

/** Start of bucket `i`, epoch ms. */
export function bucketStart(grid: BucketGrid, i: number): number {
  return grid.origin + i * grid.ms;
}
