/**
 * The token streams folding compares (floods.ts StreamStore): kept in blocks
 * that are allocated once each and never copied, so that a crisis's streams
 * cost their own size in buffers outside V8's heap, not three times it.
 */
import { describe, expect, it } from 'vitest';
import { MAX_FOLD_TOKENS, MIN_FOLD_TOKENS, StreamStore } from '../../../../src/analysis/nlp/phrases/floods.ts';

/** A stream of `n` tokens for document `d` (distinct per document and position). */
const stream = (d: number, n: number) => Array.from({ length: n }, (_, i) => (d * 7919 + i * 104729) | 0);

describe('StreamStore', () => {
  it.each([
    ['by default', undefined],
    ['sized ahead', 120_000],
    ['sized too small', 1],
  ])('keeps every stream whole across blocks, without copying a block, in about the streams\' own size (%s)', (_, expected) => {
    const store = new StreamStore(expected);
    const lengths: number[] = [];
    let first: Int32Array | undefined;
    let kept = 0;
    for (let d = 0; d < 120_000; d++) {
      // Lengths that fold and some that do not (too short or too long: not kept).
      const n = d % 50 === 0 ? MIN_FOLD_TOKENS - 1 : d % 97 === 0 ? MAX_FOLD_TOKENS + 1 : MIN_FOLD_TOKENS + (d % 40);
      lengths.push(n);
      if (store.push([0, ...stream(d, n)], 1) !== d) throw new Error(`document ${d} got another number`);
      if (store.length(d) > 0) kept += n;
      first ??= store.blocks[0];
    }
    expect(store.count).toBe(120_000);
    expect(store.blocks.length).toBeGreaterThan(3);
    // The first block is the one made first: blocks are added, not grown into copies.
    expect(store.blocks[0]).toBe(first);
    const allocated = store.blocks.reduce((n, b) => n + b.length, 0);
    expect(allocated).toBeLessThan(kept + store.blocks.at(-1)!.length);
    const wrong: number[] = [];
    for (let d = 0; d < 120_000; d++) {
      const n = lengths[d]!;
      const folds = n >= MIN_FOLD_TOKENS && n <= MAX_FOLD_TOKENS;
      if (store.length(d) !== (folds ? n : 0)) wrong.push(d);
      else if (folds && store.block(d).subarray(store.start(d), store.start(d) + n).join() !== stream(d, n).join()) wrong.push(d);
    }
    expect(wrong).toEqual([]);
  });

  it('hashes a stream the same wherever its block puts it', () => {
    const a = new StreamStore();
    const b = new StreamStore();
    // In b the same stream comes after enough others to land in a later block.
    for (let d = 0; d < 5_000; d++) b.push(stream(d + 1_000_000, 30), 0);
    a.push(stream(7, 30), 0);
    const at = b.push(stream(7, 30), 0);
    expect(b.block(at)).not.toBe(b.blocks[0]);
    expect(b.hash(at)).toBe(a.hash(0));
    expect(b.hash(at, 5, 10)).toBe(a.hash(0, 5, 10));
  });
});
