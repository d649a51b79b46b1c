import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/analysis/engine/engine.ts';
import { durationStats, mad, median, quantile, quantileSorted } from '../../../src/analysis/crisis/stats.ts';
import { openNodeEngine } from '../../../src/node/duckdb-node.ts';
import { mulberry32 } from '../../../src/analysis/random.ts';

describe('quantiles', () => {
  it('interpolates linearly between closest ranks (R type 7)', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([10, 20, 30, 40, 50], 0.9)).toBe(46);
    expect(quantileSorted([7], 0.9)).toBe(7);
    expect(quantileSorted([], 0.5)).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(quantile([5, 1, 4, 2, 3], 0)).toBe(1);
  });

  it('median absolute deviation', () => {
    expect(mad([1, 1, 2, 2, 4, 6, 9])).toBe(1);
    expect(mad([5])).toBe(0);
  });

  it('summarises durations with median, p90 and mean, null when empty', () => {
    expect(durationStats([])).toEqual({ n: 0, medianSeconds: null, p90Seconds: null, meanSeconds: null, minSeconds: null, maxSeconds: null });
    expect(durationStats([60, 0, 120, 30])).toMatchObject({ n: 4, medianSeconds: 45, p90Seconds: 102, meanSeconds: 52.5, minSeconds: 0, maxSeconds: 120 });
  });

  describe('agree with DuckDB quantile_cont', () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await openNodeEngine();
    });
    afterAll(async () => {
      await engine.close();
    });

    it('on random samples', async () => {
      const random = mulberry32(42);
      for (const n of [1, 2, 7, 100, 1001]) {
        const values = Array.from({ length: n }, () => Math.round(random() * 100_000) / 10);
        const [row] = await engine.query(
          `SELECT quantile_cont(v, 0.5) AS m, quantile_cont(v, 0.9) AS p FROM (SELECT unnest([${values.join(',')}]::DOUBLE[]) AS v)`,
        );
        expect(quantile(values, 0.5)).toBeCloseTo(Number(row.m), 9);
        expect(quantile(values, 0.9)).toBeCloseTo(Number(row.p), 9);
      }
    });
  });
});
