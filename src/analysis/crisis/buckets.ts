/**
 * Time buckets for volume curves: which width to use for a span, which part
 * of the data the curve covers, and which bucket an instant falls in.
 */
import { zoneOffsetMinutes, zonedWallToUtc } from '../core/time-zones.ts';
import type { MessageRows } from '../model.ts';
import { messageTimes } from '../core/message-table.ts';
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
 * first that fits usually lands above 50. `minMs` rules out widths finer than
 * the data (a day for date-only records).
 */
export function chooseBucket(spanMs: number, minMs = 0): BucketId {
  for (const b of BUCKET_WIDTHS) if (b.ms >= minMs && Math.floor(spanMs / b.ms) + 1 <= MAX_BUCKETS) return b.id;
  return '1w';
}

/** The part of the data a curve covers. */
export interface Domain {
  start: number;
  end: number;
  /** Records before `start` / after `end`, left off the curve (see {@link robustDomain}). */
  excludedBefore: number;
  excludedAfter: number;
}

/**
 * The covered span: every record, unless a few strays would stretch the
 * curve. Exports often carry a few old records (TWCS: one tweet from 2011
 * among 5,000 from Oct–Nov 2017) that would squeeze the crisis into a few
 * weekly buckets. The bulk is the central 99% of records (0.5%–99.5%
 * quantiles) plus 10% of its length on either side; the records beyond it are
 * then taken back, nearest first, as long as the span still fits the bulk's
 * bucket width ({@link chooseBucket}, at least `minBucketMs`). Only records
 * that would force coarser buckets than the bulk needs are left off, and they
 * are counted: an incident opened a day before a week of others is on the
 * curve, a tweet from 2011 among those of late 2017 is not.
 */
export function robustDomain(sortedTimes: ArrayLike<number>, minBucketMs = 0): Domain | null {
  const n = sortedTimes.length;
  if (!n) return null;
  const lo = quantileSorted(sortedTimes, 0.005)!;
  const hi = quantileSorted(sortedTimes, 0.995)!;
  const margin = (hi - lo) * 0.1;
  let first = 0;
  while (sortedTimes[first] < lo - margin) first++;
  let last = n - 1;
  while (sortedTimes[last] > hi + margin) last--;
  const width = chooseBucket(sortedTimes[last] - sortedTimes[first], minBucketMs);
  const fits = (start: number, end: number) => chooseBucket(end - start, minBucketMs) === width;
  // Nearest first: of the next record before and the next after, the one that stretches the span less.
  for (;;) {
    const before = first > 0 && fits(sortedTimes[first - 1], sortedTimes[last]) ? sortedTimes[first] - sortedTimes[first - 1] : Infinity;
    const after = last < n - 1 && fits(sortedTimes[first], sortedTimes[last + 1]) ? sortedTimes[last + 1] - sortedTimes[last] : Infinity;
    if (before === Infinity && after === Infinity) break;
    if (before <= after) first--;
    else last++;
  }
  return { start: sortedTimes[first], end: sortedTimes[last], excludedBefore: first, excludedAfter: n - 1 - last };
}

/**
 * A bucket grid. Sub-day buckets have a fixed width in real time; days and
 * weeks follow the crisis time zone's calendar, so a DST change makes one day
 * 23 or 25 hours long instead of moving every later midnight by an hour (a
 * date-only record stamped at local midnight would otherwise land on the
 * previous day).
 */
export interface BucketGrid {
  id: BucketId;
  /** Nominal width. */
  ms: number;
  /** Start of bucket 0, epoch ms. */
  origin: number;
  count: number;
  /** Calendar buckets only: local wall time of bucket 0 (encoded as if UTC) and the zone's offsets over the span. */
  local: { zone: string; wallOrigin: number; offsets: ZoneOffsets } | null;
}

/** Offsets in force over a span: `minutes[i]` applies from `from[i]` (epoch ms) on; `from[0]` is −∞. */
export interface ZoneOffsets {
  from: number[];
  minutes: number[];
}

/**
 * The zone's UTC offsets over `[start, end]`, with the exact instants they
 * change. Sampled every 6 hours (zones change at most a few times a year)
 * and each change located to the minute by bisection.
 */
export function zoneOffsets(zone: string, start: number, end: number): ZoneOffsets {
  const step = 6 * HOUR;
  const out: ZoneOffsets = { from: [-Infinity], minutes: [zoneOffsetMinutes(start - DAY, zone)] };
  let prevT = start - DAY;
  let prev = out.minutes[0];
  for (let t = start - DAY + step; t <= end + DAY + step; t += step) {
    const o = zoneOffsetMinutes(t, zone);
    if (o !== prev) {
      let lo = Math.floor(prevT / MINUTE);
      let hi = Math.floor(t / MINUTE);
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (zoneOffsetMinutes(mid * MINUTE, zone) === prev) lo = mid;
        else hi = mid;
      }
      out.from.push(hi * MINUTE);
      out.minutes.push(o);
    }
    prevT = t;
    prev = o;
  }
  return out;
}

function offsetAt(offsets: ZoneOffsets, t: number): number {
  let i = offsets.from.length - 1;
  while (offsets.from[i] > t) i--;
  return offsets.minutes[i];
}

/**
 * Lays buckets over `[start, end]` aligned to the crisis time zone's clock at
 * `start`: sub-day buckets of fixed width on the hour grid, days from local
 * midnight, weeks from Monday.
 */
export function bucketGrid(start: number, end: number, id: BucketId, zone: string): BucketGrid {
  const ms = bucketMs(id);
  if (ms < DAY) {
    const offset = zoneOffsetMinutes(start, zone) * MINUTE;
    const origin = Math.floor((start + offset) / ms) * ms - offset;
    return { id, ms, origin, count: Math.floor((end - origin) / ms) + 1, local: null };
  }
  const offsets = zoneOffsets(zone, start, end);
  // 1970-01-05 was a Monday: weeks count from there.
  const anchor = id === '1w' ? 4 * DAY : 0;
  const wallOrigin = Math.floor((start + offsetAt(offsets, start) * MINUTE - anchor) / ms) * ms + anchor;
  const grid: BucketGrid = { id, ms, origin: zonedWallToUtc(wallOrigin, zone), count: 0, local: { zone, wallOrigin, offsets } };
  grid.count = bucketIndex(grid, end) + 1;
  return grid;
}

/** Index of the bucket holding `t` (may be outside 0…count−1). */
export function bucketIndex(grid: BucketGrid, t: number): number {
  if (!grid.local) return Math.floor((t - grid.origin) / grid.ms);
  return Math.floor((t + offsetAt(grid.local.offsets, t) * MINUTE - grid.local.wallOrigin) / grid.ms);
}

/** Start of bucket `i`, epoch ms. */
export function bucketStart(grid: BucketGrid, i: number): number {
  return grid.local ? zonedWallToUtc(grid.local.wallOrigin + i * grid.ms, grid.local.zone) : grid.origin + i * grid.ms;
}

/** SQL for the bucket index of a TIMESTAMP column, matching {@link bucketIndex}. */
export function bucketIndexSql(grid: BucketGrid, column: string): string {
  const t = `epoch_ms(${column})`;
  if (!grid.local) return `CAST(floor((${t} - ${grid.origin}) / ${grid.ms}) AS BIGINT)`;
  const { from, minutes } = grid.local.offsets;
  const offset = from.length === 1 ? String(minutes[0]) : `CASE ${from.slice(1).map((f, i) => `WHEN ${t} < ${f} THEN ${minutes[i]}`).join(' ')} ELSE ${minutes[minutes.length - 1]} END`;
  return `CAST(floor((${t} + (${offset}) * ${MINUTE} - ${grid.local.wallOrigin}) / ${grid.ms}) AS BIGINT)`;
}

/**
 * True when the records carry dates without times: nearly all (≥ 90%) sit
 * exactly on local midnight. Such data cannot be bucketed finer than a day.
 * `weights[i]`, when given, is how many records have time `times[i]` (the
 * explorer passes each distinct time once, with its count).
 */
export function dateOnly(times: ArrayLike<number>, zone: string, weights?: ArrayLike<number>): boolean {
  const n = times.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += weights ? weights[i]! : 1;
  if (total < 10) return false;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = times[i];
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  const offsets = zoneOffsets(zone, lo, hi);
  let midnight = 0;
  for (let i = 0; i < n; i++) if ((times[i] + offsetAt(offsets, times[i]) * MINUTE) % DAY === 0) midnight += weights ? weights[i]! : 1;
  return midnight / total >= 0.9;
}

/** The times of `items`, ascending, in a typed array (its native numeric sort is far faster than sorting a number[] with a comparator). */
export function sortedTimes<T>(items: readonly T[], time: (item: T) => number): Float64Array {
  const out = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) out[i] = time(items[i]);
  return out.sort();
}

// The messages of a crisis do not change once ingested: their sorted times are kept for the next analysis that asks.
const sortedByRows = new WeakMap<MessageRows, Float64Array>();

/** The messages' times, ascending (do not modify); computed once per messages array, as the timeline and coverage both need them. */
export function sortedMessageTimes(messages: MessageRows): ArrayLike<number> {
  let times = sortedByRows.get(messages);
  if (!times || times.length !== messages.length) sortedByRows.set(messages, (times = Float64Array.from(messageTimes(messages)).sort()));
  return times;
}
