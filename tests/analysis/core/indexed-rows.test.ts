/** Picks of a row list by position read the rows they name, then their own. */
import { describe, expect, it } from 'vitest';
import { PickedRows } from '../../../src/analysis/core/indexed-rows.ts';

const ROWS = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }];

describe('PickedRows', () => {
  it('reads the picked positions in their order, then the rows of its own', () => {
    const picked = new PickedRows(ROWS, Int32Array.from([3, 1]), [{ id: 'x' }]);
    expect(picked.length).toBe(3);
    expect([...picked].map((r) => r.id)).toEqual(['d', 'b', 'x']);
    expect([picked.at(0), picked.at(-1), picked.at(3)]).toEqual([{ id: 'd' }, { id: 'x' }, undefined]);
  });

  it('picks by a condition, and picks of picks read through', () => {
    const odd = PickedRows.where(ROWS, (_, i) => i % 2 === 1);
    expect(odd.positions).toEqual(Int32Array.from([1, 3]));
    const last = PickedRows.where(odd, (r) => r.id === 'd');
    expect(last.map((r) => r.id)).toEqual(['d']);
    expect([odd.some((r) => r.id === 'a'), odd.every((r) => r.id !== 'a'), odd.find((r) => r.id > 'b')?.id]).toEqual([false, true, 'd']);
    expect(odd.filter((r) => r.id === 'b')).toEqual([{ id: 'b' }]);
  });
});
