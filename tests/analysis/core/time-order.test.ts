import { describe, expect, it } from 'vitest';
import { timeOrder } from '../../../src/analysis/core/time-order.ts';
import { mulberry32 as random } from '../../../src/analysis/random.ts';
import { compareIds } from '../../../src/analysis/report/messages-csv.ts';

/** What timeOrder must equal: the comparator sort it replaces. */
function byComparator(times: Float64Array, tie: (a: number, b: number) => number): number[] {
  return [...Uint32Array.from(times, (_, i) => i).sort((a, b) => times[a]! - times[b]! || tie(a, b))];
}

describe('timeOrder', () => {
  it('orders posts stamped to the second as the comparator sort does, ids breaking ties (numeric ids as numbers)', () => {
    const next = random(7);
    const n = 20_000;
    const start = Date.UTC(2017, 10, 6);
    // A few days of posts, many to one second, ids numeric of two lengths and a few not numeric.
    const times = Float64Array.from({ length: n }, () => start + Math.floor(next() * 3 * 86_400) * 1000);
    const ids = Array.from({ length: n }, (_, i) => (i % 97 === 0 ? `x${Math.floor(next() * 1e6)}` : String(Math.floor(next() * (i % 2 ? 1e6 : 1e9)))));
    const tie = (a: number, b: number) => compareIds(ids[a]!, ids[b]!);
    const order = timeOrder(times, tie);
    expect([...order]).toEqual(byComparator(times, tie));
    // Ties did occur, and were broken by id.
    expect(new Set(times).size).toBeLessThan(n);
  });

  it('keeps position order where time and tie-break agree (a stable sort)', () => {
    const times = Float64Array.from([5, 3, 5, 3, 5]);
    expect([...timeOrder(times, () => 0)]).toEqual([1, 3, 0, 2, 4]);
  });

  it('handles spans beyond 32 bits of milliseconds, times before 1970, and every digit of the 53 bits', () => {
    const next = random(11);
    const times = Float64Array.from({ length: 5_000 }, (_, i) =>
      i % 5 === 0 ? -Math.floor(next() * 2 ** 40) : i % 5 === 1 ? Math.floor(next() * 2 ** 52) : i % 5 === 2 ? Number.MAX_SAFE_INTEGER - 2 ** 41 - Math.floor(next() * 1000) : Math.floor(next() * 100),
    );
    const tie = (a: number, b: number) => b - a;
    expect([...timeOrder(times, tie)]).toEqual(byComparator(times, tie));
  });

  it('falls back to the comparator for times that are not whole milliseconds, or a span it cannot count', () => {
    const fractions = Float64Array.from([2.5, 1.25, 2.5, -0.5, 1.25]);
    const tie = (a: number, b: number) => a - b;
    expect([...timeOrder(fractions, tie)]).toEqual(byComparator(fractions, tie));
    const wide = Float64Array.from([Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 0, Number.MAX_SAFE_INTEGER]);
    expect([...timeOrder(wide, tie)]).toEqual([1, 2, 0, 3]);
  });

  it('returns the one position of a single row, and nothing for none', () => {
    expect([...timeOrder(Float64Array.from([42]), () => 0)]).toEqual([0]);
    expect([...timeOrder(new Float64Array(0), () => 0)]).toEqual([]);
  });
});
