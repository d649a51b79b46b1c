import { describe, expect, it } from 'vitest';
import { lazyOrder } from '../../../src/analysis/core/lazy-order.ts';

/** A seeded generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('lazyOrder', () => {
  it("yields a full sort's order, for every size up to a few thousand and on heavy ties broken by the item", () => {
    const next = random(7);
    for (const n of [0, 1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 100, 1_000, 4_099]) {
      const score = Float64Array.from({ length: n }, () => Math.floor(next() * 5) / 4);
      const group = Int32Array.from({ length: n }, () => Math.floor(next() * 3));
      const compare = (a: number, b: number) => group[b]! - group[a]! || score[b]! - score[a]! || a - b;
      const items = Int32Array.from({ length: n }, (_, i) => (i * 7919) % Math.max(1, n));
      const sorted = Int32Array.from(new Set(items)).sort(compare);
      expect([...lazyOrder(Int32Array.from(new Set(items)), compare)], `n = ${n}`).toEqual([...sorted]);
    }
  });

  it('gives the first few of many with far fewer comparisons than a sort', () => {
    const n = 200_000;
    const next = random(11);
    const score = Float64Array.from({ length: n }, () => next());
    let comparisons = 0;
    const compare = (a: number, b: number) => (comparisons++, score[b]! - score[a]! || a - b);
    const firstTen: number[] = [];
    for (const i of lazyOrder(Int32Array.from({ length: n }, (_, i) => i), compare)) {
      firstTen.push(i);
      if (firstTen.length === 10) break;
    }
    const byLazy = comparisons;
    comparisons = 0;
    const sorted = Int32Array.from({ length: n }, (_, i) => i).sort(compare);
    expect(firstTen).toEqual([...sorted.subarray(0, 10)]);
    // Building the heap costs under two comparisons an item; the sort about log2(n) ≈ 17.
    expect(byLazy).toBeLessThan(2 * n);
    expect(comparisons).toBeGreaterThan(5 * byLazy);
  });
});
