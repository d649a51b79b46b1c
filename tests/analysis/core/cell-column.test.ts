import { describe, expect, it } from 'vitest';
import { CellColumn } from '../../../src/analysis/core/cell-column.ts';
import type { CellValue } from '../../../src/analysis/runner/row-columns.ts';

/** The column's cells as an array, and how it stores them (its codes' width, or plain). */
function read(c: CellColumn): { cells: (CellValue | undefined)[]; storage: string } {
  const inner = c as unknown as { codes: ArrayLike<number> | null };
  return { cells: Array.from({ length: c.length }, (_, i) => c.at(i)), storage: inner.codes ? inner.codes.constructor.name : 'plain' };
}

describe('CellColumn', () => {
  it('gives back each cell as set: unset, null, booleans, NaN, −0 apart from 0, 1 apart from "1"', () => {
    const c = new CellColumn(9);
    const values: CellValue[] = [null, true, false, Number.NaN, -0, 0, 1, '1'];
    values.forEach((v, i) => c.set(i + 1, v));
    const { cells, storage } = read(c);
    expect(storage).toBe('Uint8Array');
    expect(cells.length).toBe(9);
    expect(cells[0]).toBeUndefined();
    cells.slice(1).forEach((v, i) => expect(Object.is(v, values[i]), `cell ${i + 1}: ${String(v)}`).toBe(true));
    // Each value once, in first-set order: what the column's type is inferred from.
    expect([...c.values()].map((v) => (Object.is(v, -0) ? '-0' : v))).toEqual([null, true, false, Number.NaN, '-0', 0, 1, '1']);
  });

  it('overwrites a cell, and keeps one code per value however often it is set', () => {
    const c = new CellColumn(1000);
    for (let i = 0; i < 1000; i++) c.set(i, i % 3 === 0 ? 'negative' : 'positive');
    c.set(3, 'neutral');
    expect([c.at(0), c.at(1), c.at(3), c.at(6)]).toEqual(['negative', 'positive', 'neutral', 'negative']);
    expect([...c.values()]).toEqual(['negative', 'positive', 'neutral']);
  });

  it('widens its codes as distinct values grow (one byte, two, four), keeping every cell', () => {
    const n = 800_000;
    const c = new CellColumn(n);
    const value = (i: number) => (i % 70_000) / 100;
    const seen: string[] = [];
    for (let i = 0; i < n; i++) {
      c.set(i, value(i));
      if (i === 200 || i === 300 || i === 69_999) seen.push(read(c).storage);
    }
    expect(seen).toEqual(['Uint8Array', 'Uint16Array', 'Int32Array']);
    for (let i = 0; i < n; i += 997) expect(c.at(i)).toBe(value(i));
    expect([...c.values()].length).toBe(70_000);
  });

  it('goes plain when its values are mostly distinct, keeping every cell', () => {
    const n = 4_000;
    const c = new CellColumn(n);
    for (let i = 0; i < n; i += 2) c.set(i, `text ${i}`);
    const { cells, storage } = read(c);
    expect(storage).toBe('plain');
    expect(cells.filter((v) => v !== undefined).length).toBe(n / 2);
    expect([c.at(0), c.at(1), c.at(3998), c.at(3999)]).toEqual(['text 0', undefined, 'text 3998', undefined]);
    expect([...c.values()].length).toBe(n / 2);
    c.set(1, 'late');
    expect(c.at(1)).toBe('late');
  });
});
