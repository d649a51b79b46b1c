import { describe, expect, it } from 'vitest';
import { fnv1a } from '../../../../src/analysis/nlp/phrases/hash.ts';
import { hashOrder } from '../../../../src/analysis/nlp/phrases/sample.ts';

describe('hashOrder', () => {
  it('orders texts by their hash, equal hashes (copies) in input order', () => {
    const texts = Array.from({ length: 20_000 }, (_, i) => `post ${i % 7_000} ${i % 3 === 0 ? 'again' : ''}`);
    const expected = texts.map((t, i) => ({ i, h: fnv1a(t) })).sort((a, b) => a.h - b.h || a.i - b.i).map((o) => o.i);
    expect(hashOrder(texts)).toEqual(expected);
    expect(hashOrder([])).toEqual([]);
  });

  it('orders more than 2^21 texts the same way', () => {
    // 2,200,000 texts, every one written twice: equal hashes, which keep their input order.
    const texts = Array.from({ length: 2_200_000 }, (_, i) => `p${i % 1_100_000}`);
    const expected = texts.map((t, i) => ({ i, h: fnv1a(t) })).sort((a, b) => a.h - b.h || a.i - b.i).map((o) => o.i);
    const order = hashOrder(texts);
    expect(order.length).toBe(texts.length);
    // Compared here, not by toEqual: its deep equality of two 2.2-million-element arrays is slow.
    let differ = 0;
    for (let k = 0; k < order.length; k++) if (order[k] !== expected[k]) differ++;
    expect(differ).toBe(0);
  }, 60_000);
});
