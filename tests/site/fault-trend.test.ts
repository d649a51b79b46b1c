/** Fault trends: rates in the first and second half of the active span, a two-proportion test, "too few to tell" when the data cannot say. */
import { describe, expect, it } from 'vitest';
import type { CrisisEvent } from '../../src/analysis/config/crisis-events.ts';
import { afterFix, afterFixText, fixEventsFor } from '../../src/site/fault-fix.ts';
import { faultTrend, normalCdf, trendText, twoProportionTest } from '../../src/site/fault-trend.ts';
import { bucketRates, sparkline } from '../../src/site/faults-all.ts';

describe('faultTrend', () => {
  it('says rising or falling only when the rate change is significant', () => {
    const considered = [100, 100, 100, 100, 100, 100];
    const up = faultTrend([5, 6, 5, 20, 22, 25], considered);
    expect(up.trend).toBe('rising');
    // 16 of 300 then 67 of 300, per 1,000.
    expect(up.firstRate).toBeCloseTo(53.33, 2);
    expect(up.secondRate).toBeCloseTo(223.33, 2);
    expect(faultTrend([25, 22, 20, 6, 5, 5], considered).trend).toBe('falling');
    expect(faultTrend([10, 12, 11, 11, 10, 12], considered).trend).toBe('steady');
  });

  it('works on rates: a fault that grows only because the crisis grew is steady', () => {
    // Counts triple, and so does everything in scope.
    const t = faultTrend([10, 10, 10, 30, 30, 30], [100, 100, 100, 300, 300, 300]);
    expect(t.trend).toBe('steady');
    expect(t.pValue).toBeGreaterThan(0.5);
  });

  it('does not call every series "falling" (the old rule did)', () => {
    const considered = new Array(8).fill(50);
    const words = [[3, 4, 3, 4, 3, 4, 3, 4], [2, 3, 4, 5, 6, 7, 8, 9], [9, 8, 7, 6, 5, 4, 3, 2]].map((v) => faultTrend(v, considered).trend);
    expect(words).toEqual(['steady', 'rising', 'falling']);
  });

  it('is "too few to tell" with few records, one bucket, or no time line; never a direction', () => {
    expect(faultTrend([1, 0, 0, 2], [50, 50, 50, 50])).toMatchObject({ trend: 'too few to tell', pValue: null });
    expect(faultTrend([0, 40, 0], [50, 50, 50])).toMatchObject({ trend: 'too few to tell', reason: 'seen in one time bucket only' });
    expect(faultTrend([3, 4], [])).toMatchObject({ trend: 'not measurable' });
  });

  it('has a correct normal CDF and readable text', () => {
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 5);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 5);
    expect(trendText({ trend: 'rising', reason: null, firstRate: 1, secondRate: 2, pValue: 0.0004 })).toBe('rising (p < 0.001)');
  });
});

describe('sparklines', () => {
  it('draw rates scaled to their maximum', () => {
    expect(bucketRates([1, 2, 0], [10, 10, 0])).toEqual([100, 200, 0]);
    expect(sparkline([0, 2], 10, 10)).toBe('0.0,9.0 10.0,1.0');
    expect(sparkline([0, 2], 10, 10, 4)).toBe('0.0,9.0 10.0,5.0');
  });
});

describe('after its fix', () => {
  const D = 86_400_000;
  const starts = Array.from({ length: 8 }, (_, i) => i * D);
  const considered = new Array(8).fill(200);
  const fix = (day: number, faults = ['lockout'], kind: CrisisEvent['kind'] = 'fix'): CrisisEvent => ({ at: new Date(day * D).toISOString(), label: `Fix on day ${day}`, kind, faults });

  it('takes the fix and recall events naming the fault, and compares around the last one', () => {
    const events = [fix(3), fix(1, ['lockout'], 'recall'), fix(2, ['drain']), { ...fix(2), kind: 'statement' as const }];
    expect(fixEventsFor(events, 'lockout').map((e) => e.label)).toEqual(['Fix on day 1', 'Fix on day 3']);
    // Buckets 0-2 before (bucket 3 starts at the fix: after), 3-7 after.
    const a = afterFix(fixEventsFor(events, 'lockout'), [20, 22, 21, 4, 3, 2, 3, 2], considered, starts, D)!;
    expect(a.fix.label).toBe('Fix on day 3');
    expect(a.fixes).toBe(2);
    expect(a.before).toMatchObject({ records: 63, inScope: 600, from: 0, to: 2 * D });
    expect(a.after).toMatchObject({ records: 14, inScope: 1000, from: 3 * D, to: 7 * D });
    expect(a.before.rate).toBeCloseTo(105, 6);
    expect(a.after.rate).toBeCloseTo(14, 6);
    expect(a.verdict).toBe('fell after its fix');
    expect(afterFixText(a)).toBe('fell after its fix (p < 0.001)');
  });

  it('"came back" when complaints keep arriving at a rate not significantly lower; the bucket of the fix is left out', () => {
    const at = { ...fix(3), at: new Date(3 * D + D / 2).toISOString() };
    const a = afterFix([at], [20, 22, 21, 90, 19, 23, 20, 21], considered, starts, D)!;
    expect([a.before.records, a.after.records]).toEqual([63, 83]);
    expect(a.verdict).toBe('came back after its fix');
    expect(a.pValue).toBeGreaterThan(0.05);
    // Higher after is "came back" too.
    expect(afterFix([fix(3)], [5, 6, 5, 20, 22, 25, 20, 21], considered, starts, D)!.verdict).toBe('came back after its fix');
  });

  it('is "too few to tell" or "not measurable" when the data cannot say, never a verdict', () => {
    expect(afterFix([fix(3)], [1, 0, 1, 0, 1, 0, 0, 0], considered, starts, D)).toMatchObject({ verdict: 'too few to tell', pValue: null });
    // None after, with enough in scope for the test: a significant fall, not "came back".
    expect(afterFix([fix(7)], [30, 30, 30, 30, 30, 30, 30, 0], considered, starts, D)).toMatchObject({ verdict: 'fell after its fix', after: { records: 0 } });
    expect(afterFix([fix(9)], [3, 4, 3, 4, 3, 4, 3, 4], considered, starts, D)).toMatchObject({ verdict: 'not measurable', reason: 'the data ends before a whole time bucket after the last fix or recall' });
    expect(afterFix([fix(0)], [0, 0, 3, 4, 3, 4, 3, 4], considered, starts, D)).toMatchObject({ verdict: 'not measurable', reason: 'the last fix or recall came before the fault was first seen' });
    expect(afterFix([fix(3)], [0, 0, 0, 0, 0, 0, 0, 0], considered, starts, D)).toMatchObject({ verdict: 'not measurable', reason: 'the fault was never seen' });
    expect(afterFix([], [3, 4], [10, 10], [0, D], D)).toBeNull();
  });

  it('uses the two-proportion test of the trends', () => {
    // 63 of 600 against 14 of 1,000: z by hand.
    const p = 77 / 1600;
    const z = (14 / 1000 - 63 / 600) / Math.sqrt(p * (1 - p) * (1 / 600 + 1 / 1000));
    expect(twoProportionTest(63, 600, 14, 1000)!.z).toBeCloseTo(z, 10);
    expect(twoProportionTest(1, 600, 1, 1000)).toBeNull();
  });
});
