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
});
