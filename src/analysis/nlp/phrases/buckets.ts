/**
 * Fixed-width UTC time buckets shared by theme and fault timelines.
 * Buckets are aligned to the Unix epoch so separate analyses line up.
 */

/** Start (epoch ms) of the bucket holding `t`. */
export function bucketStart(t: number, bucketMs: number): number {
  return Math.floor(t / bucketMs) * bucketMs;
}

/** A dense run of bucket starts covering [minT, maxT]. */
export interface BucketRange {
  /** Start of every bucket, ascending, no gaps. */
  starts: number[];
  /** Bucket width in ms. */
  bucketMs: number;
}

/** Buckets covering every finite timestamp in `times` (empty when there are none). */
export function bucketRange(times: Iterable<number>, bucketMs: number): BucketRange {
  if (!(bucketMs > 0)) throw new Error(`bucketMs must be positive, got ${bucketMs}`);
  let min = Infinity;
  let max = -Infinity;
  for (const t of times) {
    if (!Number.isFinite(t)) continue;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const starts: number[] = [];
  if (min <= max) {
    // Guard against a stray timestamp making millions of empty buckets.
    const count = Math.floor((bucketStart(max, bucketMs) - bucketStart(min, bucketMs)) / bucketMs) + 1;
    if (count > 100_000) throw new Error(`timeline would need ${count} buckets; use a larger bucketMs`);
    for (let i = 0; i < count; i++) starts.push(bucketStart(min, bucketMs) + i * bucketMs);
  }
  return { starts, bucketMs };
}

/** Index of the bucket holding `t` in `range`, or -1 when outside/invalid. */
export function bucketIndex(range: BucketRange, t: number): number {
  if (range.starts.length === 0 || !Number.isFinite(t)) return -1;
  const i = Math.floor((t - range.starts[0]!) / range.bucketMs);
  return i >= 0 && i < range.starts.length ? i : -1;
}
