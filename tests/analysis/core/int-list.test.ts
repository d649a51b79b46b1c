/** A growing typed list gives back what was pushed, in order, however far it grew. */
import { describe, expect, it } from 'vitest';
import { IntList } from '../../../src/analysis/core/int-list.ts';

describe('IntList', () => {
  it('keeps every value pushed past its capacity, in order', () => {
    const list = new IntList(16);
    const values = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 100_003 - 50_000);
    for (const v of values) list.push(v);
    expect(list.length).toBe(1000);
    expect([list.get(0), list.get(999), list.last()]).toEqual([values[0], values[999], values[999]]);
    const taken = list.take();
    expect(taken).toBeInstanceOf(Int32Array);
    expect(Array.from(taken)).toEqual(values);
    // Taken: the list starts again empty.
    expect([list.length, list.last()]).toEqual([0, undefined]);
  });

  it('gives back exactly its values whether its buffer is nearly full or mostly spare', () => {
    const full = new IntList(16);
    for (let i = 0; i < 15; i++) full.push(i);
    expect(Array.from(full.take())).toEqual(Array.from({ length: 15 }, (_, i) => i));
    const spare = new IntList(1024);
    spare.push(5);
    const one = spare.take();
    expect([one.length, one[0], one.buffer.byteLength]).toEqual([1, 5, 4]);
  });
});
