/** A fault's rate chart (src/site/fault-fix-chart.ts): buckets pooled into at most MAX_POINTS bins, records and records in scope summed per bin, the rate from the sums. */
import { describe, expect, it } from 'vitest';
import { MAX_POINTS, faultFixChart, type FaultFixChartInput } from '../../src/site/fault-fix-chart.ts';

const DAY = 86_400_000;

function input(n: number): FaultFixChartInput {
  const start = Date.parse('2020-01-06T05:00:00Z');
  return {
    title: 'Ford Escape',
    zone: 'America/New_York',
    bucketMs: 7 * DAY,
    bucketStarts: Array.from({ length: n }, (_, i) => start + i * 7 * DAY),
    // Nothing in scope in buckets 6–8: the bin they form has no rate, not a rate of 0.
    consideredVolume: Array.from({ length: n }, (_, i) => (i >= 6 && i <= 8 ? 0 : 10 + (i % 7))),
    fault: { volume: Array.from({ length: n }, (_, i) => (i >= 6 && i <= 8 ? 0 : i % 4)) },
    fixes: [],
    afterFix: null,
  };
}

describe('fault rate chart', () => {
  it('pools 250 weekly buckets three at a time: 84 bins, the last of one bucket', () => {
    const b = input(250);
    const rows = faultFixChart('engine', 'Engine', b)!.spec.rows;
    expect(Math.ceil(250 / MAX_POINTS)).toBe(3);
    expect(rows).toHaveLength(84);
    rows.forEach((r, k) => {
      const i = k * 3;
      const records = b.fault.volume.slice(i, i + 3).reduce((a, v) => a + v, 0);
      const inScope = b.consideredVolume.slice(i, i + 3).reduce((a, v) => a + v, 0);
      expect(r).toEqual({ start_utc: new Date(b.bucketStarts[i]!).toISOString(), start_local: expect.any(String), records, in_scope: inScope, rate_per_1000: inScope ? (1000 * records) / inScope : null });
    });
    expect(rows[2]).toMatchObject({ records: 0, in_scope: 0, rate_per_1000: null });
    expect(rows.at(-1)).toMatchObject({ records: b.fault.volume[249], in_scope: b.consideredVolume[249] });
    expect(faultFixChart('engine', 'Engine', b)!.spec.caption).toContain('per 3 weeks');
  });

  it('draws every bucket as it is up to MAX_POINTS, and nothing without a time line', () => {
    const b = input(MAX_POINTS);
    const rows = faultFixChart('engine', 'Engine', b)!.spec.rows;
    expect(rows.map((r) => [r.records, r.in_scope])).toEqual(b.fault.volume.map((v, i) => [v, b.consideredVolume[i]]));
    expect(faultFixChart('engine', 'Engine', input(0))).toBeNull();
  });
});
