/**
 * The explorer's time range: a brush on the timeline snapped to whole
 * buckets (so the count is the bars' sum), and the From/To inputs — the
 * keyboard's way to the same range — written in the crisis's time zone.
 * Pure: runs in Node (tests) and in the browser.
 */
import { zonedWallToUtc } from '../analysis/core/time-zones.ts';
import { wallClock } from '../site/charts/time.ts';

/** The range `[from, to)` covering every bucket (of `bucketMs`, aligned to the epoch as the timeline's) that `a`..`b` touches. */
export function snapRange(a: number, b: number, bucketMs: number): { from: string; to: string } {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const from = Math.floor(lo / bucketMs) * bucketMs;
  // A brush ending exactly on a bucket's start does not take that bucket; a point still takes its own bucket.
  const to = Math.max(from + bucketMs, Math.ceil(hi / bucketMs) * bucketMs);
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** An instant as a `datetime-local` input's value: its wall-clock time in `zone` (`2024-10-09T02:00`). */
export function wallInputValue(iso: string, zone: string): string {
  return wallClock(zone)(iso).toISOString().slice(0, 16);
}

/** A `datetime-local` value read as wall-clock time in `zone`, as an ISO instant; undefined when empty or malformed. */
export function instantFromWallInput(value: string, zone: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return undefined;
  const wall = Date.parse(`${value}Z`);
  return Number.isNaN(wall) ? undefined : new Date(zonedWallToUtc(wall, zone)).toISOString();
}
