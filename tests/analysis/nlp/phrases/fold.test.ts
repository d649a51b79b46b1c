/** Folding near-identical documents: the same clusters whatever the input order, at any size. */
import { describe, expect, it } from 'vitest';
import { StreamStore } from '../../../../src/analysis/nlp/phrases/floods.ts';
import { foldDocuments } from '../../../../src/analysis/nlp/phrases/fold.ts';

describe('foldDocuments at scale', () => {
  it('folds the same whatever the input order with more streams of one length than a sort key can number (2^21)', () => {
    // 2,200,000 streams of 8 tokens in 1,100,000 pairs, the second of each with its last token changed (near-identical:
    // one edit, 7 of 8 tokens in common). Streams are distinct, as the distinct texts' are; which of a pair is the root
    // then depends on the streams alone.
    const n = 2_200_000;
    const half = n / 2;
    // Token hashes as the tokenizer's are: spread over 32 bits (murmur3's finaliser of the stream and position).
    const mix = (x: number): number => {
      x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
      x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
      return (x ^ (x >>> 16)) | 0;
    };
    const tokens = (d: number): number[] => {
      const base = d % half;
      const t = Array.from({ length: 8 }, (_, j) => mix(base * 8 + j));
      if (d >= half) t[7] = mix(-1 - base);
      return t;
    };
    const roots = (order: Int32Array): Int32Array => {
      const store = new StreamStore();
      for (const d of order) store.push(tokens(d), 0);
      const foldOf = foldDocuments(store);
      // Each document's root, named by the document it is (not its position in this order).
      const out = new Int32Array(n);
      for (let k = 0; k < n; k++) out[order[k]!] = order[foldOf[k]!]!;
      return out;
    };
    const forward = Int32Array.from({ length: n }, (_, i) => i);
    const a = roots(forward);
    const b = roots(forward.slice().reverse());
    // Compared here, not by toEqual: its deep equality of two 2.2-million-element arrays takes minutes.
    let differ = 0;
    for (let d = 0; d < n; d++) if (a[d] !== b[d]) differ++;
    expect(differ).toBe(0);
    // Every pair is one cluster.
    let paired = 0;
    for (let d = 0; d < half; d++) if (a[d] === a[d + half]) paired++;
    expect(paired).toBe(half);
  }, 120_000);
});
