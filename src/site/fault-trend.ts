/**
 * Is a fault rising or falling? Its rate (records with the fault per record in
 * scope) in the first half of its active span against the second half, with a
 * two-proportion z-test: a change counts only when p < 0.05. Rates, not
 * counts: a fault that grows only because the crisis grew is steady.
 */

/** What the test says. */
export type TrendWord = 'rising' | 'falling' | 'steady' | 'too few to tell' | 'not measurable';

export interface FaultTrend {
  trend: TrendWord;
  /** Why it is too few or not measurable; null otherwise. */
  reason: string | null;
  /** Rates per 1,000 records in scope in the first and second half; null when not measurable. */
  firstRate: number | null;
  secondRate: number | null;
  /** Two-sided p-value of the z-test; null when it was not run. */
  pValue: number | null;
}

/** The significance level. */
export const TREND_ALPHA = 0.05;
/** Fewest records the normal approximation needs in each cell (with and without the fault, each half) if the rates were equal. */
export const MIN_EXPECTED = 5;

/**
 * The trend of a fault from its volume per bucket and the records in scope per
 * bucket (same buckets). The active span runs from its first to its last
 * bucket with the fault; with an odd number of buckets the middle one is left out.
 */
export function faultTrend(volume: readonly number[], considered: readonly number[]): FaultTrend {
  const none = (trend: TrendWord, reason: string): FaultTrend => ({ trend, reason, firstRate: null, secondRate: null, pValue: null });
  if (!volume.length || considered.length !== volume.length) return none('not measurable', 'no time line of records in scope in this bundle');
  const start = volume.findIndex((v) => v > 0);
  if (start < 0) return none('too few to tell', 'never seen');
  let end = volume.length - 1;
  while (volume[end] === 0) end--;
  const half = Math.floor((end - start + 1) / 2);
  if (half === 0) return none('too few to tell', 'seen in one time bucket only');
  const sum = (xs: readonly number[], from: number, to: number) => xs.slice(from, to).reduce((a, b) => a + b, 0);
  const x1 = sum(volume, start, start + half);
  const n1 = sum(considered, start, start + half);
  const x2 = sum(volume, end - half + 1, end + 1);
  const n2 = sum(considered, end - half + 1, end + 1);
  const firstRate = n1 > 0 ? (1000 * x1) / n1 : null;
  const secondRate = n2 > 0 ? (1000 * x2) / n2 : null;
  if (n1 === 0 || n2 === 0) return { ...none('too few to tell', 'no records in scope in one half'), firstRate, secondRate };
  const test = twoProportionTest(x1, n1, x2, n2);
  if (!test) return { trend: 'too few to tell', reason: `${x1 + x2} records with the fault: fewer than ${MIN_EXPECTED} expected in a half`, firstRate, secondRate, pValue: null };
  const trend: TrendWord = test.pValue >= TREND_ALPHA ? 'steady' : test.z > 0 ? 'rising' : 'falling';
  return { trend, reason: null, firstRate, secondRate, pValue: test.pValue };
}

/**
 * Two-proportion z-test of `x1` of `n1` against `x2` of `n2` (both n > 0):
 * `z` > 0 when the second proportion is higher, and the two-sided p-value;
 * null when a cell (with or without, in either period) would expect fewer
 * than {@link MIN_EXPECTED} records if the proportions were equal, where the
 * normal approximation does not hold.
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): { z: number; pValue: number } | null {
  const p = (x1 + x2) / (n1 + n2);
  const expected = Math.min(n1 * p, n2 * p, n1 * (1 - p), n2 * (1 - p));
  if (!(expected >= MIN_EXPECTED)) return null;
  const z = (x2 / n2 - x1 / n1) / Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  return { z, pValue: 2 * (1 - normalCdf(Math.abs(z))) };
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 for erf, error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** `rising (p = 0.003)`, `steady (p = 0.41)`, `too few to tell`: the words pages show. */
export function trendText(t: FaultTrend): string {
  if (t.pValue === null) return t.trend;
  return `${t.trend} (p ${t.pValue < 0.001 ? '< 0.001' : `= ${t.pValue.toFixed(3)}`})`;
}
