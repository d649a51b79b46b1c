/** Representatives: the typical documents of a theme; the per-document arrays one description shares across its themes. */
import { describe, expect, it } from 'vitest';
import { pickRepresentatives, RepresentativeScratch, type RepresentativeInput } from '../../../../src/analysis/nlp/themes/representatives.ts';

/** Eight documents, phrases 0–3: documents 0–3 use phrases 0 and 1, 4–5 phrase 1 alone, 6–7 phrases 2 and 3. */
function input(phrases: number[], count = 3): RepresentativeInput {
  const docsOf = new Map<number, Int32Array>([
    [0, Int32Array.of(0, 1, 2, 3)],
    [1, Int32Array.of(0, 1, 2, 3, 4, 5)],
    [2, Int32Array.of(6, 7)],
    [3, Int32Array.of(7)],
  ]);
  const documents = 8;
  return {
    phrases,
    docsOf,
    weight: Int32Array.from({ length: documents }, (_, d) => 1 + (d % 3)),
    copies: Int32Array.from({ length: documents }, (_, d) => (d === 2 ? 4 : 1)),
    // Documents 1 and 2 are one fold cluster (root 1).
    foldOf: Int32Array.from({ length: documents }, (_, d) => (d === 2 ? 1 : d)),
    tokenCount: Int32Array.from({ length: documents }, (_, d) => (d === 3 ? 3 : 12)),
    // Document 5 is the brand's; none of document 0's messages is an original.
    quote: (doc) => (doc === 0 ? null : { message: 100 + doc, customer: doc !== 5 }),
    count,
  };
}

describe('representatives', () => {
  it('picks typical documents first: one per fold cluster, none without an original, the brand after customers', () => {
    const picked = pickRepresentatives(input([0, 1], 4)).map((r) => r.doc);
    // 0 has no original; 2 shares its cluster with 1; 3, too short to illustrate well, comes after 4, which is less
    // typical but fits; 5 is the brand's, last.
    expect(picked).toEqual([1, 4, 3, 5]);
    expect(pickRepresentatives(input([2, 3], 2)).map((r) => r.doc)).toEqual([7, 6]);
    expect(pickRepresentatives(input([9]))).toEqual([]);
  });

  it('gives the same picks with one scratch shared by every theme, and leaves it cleared after each', () => {
    const themes = [[0, 1], [2, 3], [1], [9], [3, 2, 1, 0]];
    const fresh = themes.map((phrases) => pickRepresentatives(input(phrases)));
    const scratch = new RepresentativeScratch(8);
    const shared = themes.map((phrases) => {
      const picked = pickRepresentatives(input(phrases), scratch);
      for (const column of [scratch.phraseCount, scratch.dot, scratch.signature, scratch.started]) expect([...column].every((v) => v === 0)).toBe(true);
      return picked;
    });
    expect(shared).toEqual(fresh);
  });

  it('clears the scratch when picking throws, and refuses one sized for other documents', () => {
    const scratch = new RepresentativeScratch(8);
    const failing = { ...input([0, 1]), quote: () => { throw new Error('no messages'); } };
    expect(() => pickRepresentatives(failing, scratch)).toThrow('no messages');
    expect([...scratch.phraseCount].every((v) => v === 0)).toBe(true);
    expect(() => pickRepresentatives(input([0]), new RepresentativeScratch(7))).toThrow('representatives: scratch for 7 documents, input has 8');
  });
});
