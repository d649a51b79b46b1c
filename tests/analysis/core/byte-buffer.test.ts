/**
 * The growing byte buffer both CSV writers fill: it grows past its first
 * size without losing what was written, and `take` gives a buffer of its
 * own (movable to another thread) and starts again.
 */
import { describe, expect, it } from 'vitest';
import { ByteBuffer } from '../../../src/analysis/core/byte-buffer.ts';

describe('ByteBuffer', () => {
  it('grows as bytes come and hands them over in buffers of their own', () => {
    const buffer = new ByteBuffer(4);
    for (let i = 0; i < 1_000; i++) buffer.byte(i & 0xff);
    const first = buffer.take();
    expect(first).toHaveLength(1_000);
    expect(Array.from(first.subarray(250, 260))).toEqual([250, 251, 252, 253, 254, 255, 0, 1, 2, 3]);
    expect(first.byteOffset).toBe(0);
    expect(first.buffer.byteLength).toBe(1_000);
    buffer.byte(7);
    expect(Array.from(buffer.take())).toEqual([7]);
    expect(first[999]).toBe(999 & 0xff);
  });
});
