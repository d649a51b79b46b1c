/** Fault trends: rates in the first and second half of the active span, a two-proportion test, "too few to tell" when the data cannot say. */
import { describe, expect, it } from 'vitest';
import { faultTrend, normalCdf, trendText } from '../../src/site/fault-trend.ts';
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
