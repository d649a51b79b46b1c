/**
 * Small, dependency-free statistics shared by the crisis analyses. Quantiles
 * follow DuckDB's `quantile_cont` (linear interpolation between closest
 * ranks) so a figure computed here equals the same figure computed in SQL.
 */
import type { DurationStats } from './types.ts';

/**
 * Linear-interpolated quantile of an ascending-sorted array, as DuckDB's
 * `quantile_cont` and R's type 7: position `p·(n−1)`, interpolated between the
 * two neighbouring values. Null for an empty array.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number | null {
  if (!sorted.length) return null;
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Quantile of unsorted values (copies, sorts numerically). */
export function quantile(values: readonly number[], p: number): number | null {
  return quantileSorted([...values].sort((a, b) => a - b), p);
}

/** Median (linear-interpolated for even counts). */
export function median(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}

/** Median absolute deviation from the median (unscaled); 0 for fewer than two values. */
export function mad(values: readonly number[], centre = median(values)): number {
  if (centre === null || values.length < 2) return 0;
  return median(values.map((v) => Math.abs(v - centre))) ?? 0;
}

/**
 * Rounds to `digits` decimals. Report figures go through this so that
 * floating-point noise from SQL division (`32933.30000000004`) does not leak
 * into report.json and change its bytes between engines.
 */
export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Rounds when not null. */
export function roundOrNull(value: number | null | undefined, digits = 3): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : round(value, digits);
}

/** Share `part / whole` rounded to 4 decimals; null when `whole` is 0. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? round(part / whole, 4) : null;
}

/** Median, p90, mean, min and max of durations in seconds. */
export function durationStats(seconds: readonly number[]): DurationStats {
  const sorted = [...seconds].sort((a, b) => a - b);
  const n = sorted.length;
  return {
    n,
    medianSeconds: roundOrNull(quantileSorted(sorted, 0.5)),
    p90Seconds: roundOrNull(quantileSorted(sorted, 0.9)),
    meanSeconds: n ? round(sorted.reduce((s, v) => s + v, 0) / n) : null,
    minSeconds: n ? round(sorted[0]) : null,
    maxSeconds: n ? round(sorted[n - 1]) : null,
  };
}
