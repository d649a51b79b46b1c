import { describe, expect, it } from 'vitest';
import { RowColumns } from '../../../src/analysis/runner/row-columns.ts';

describe('RowColumns', () => {
  it('stores cells by column, aligned with the rows, names in first-set order', () => {
    const c = new RowColumns(['a', 'b', 'c']);
    c.set('b', 'sentiment', 'negative');
    c.set('a', 'score', 0.5);
    c.set('b', 'score', null);
    expect(c.names).toEqual(['sentiment', 'score']);
    expect(c.column('score')).toEqual([0.5, null, undefined]);
    expect([c.value('b', 'sentiment'), c.value('a', 'sentiment'), c.value('zz', 'score')]).toEqual(['negative', undefined, undefined]);
    expect([c.get('b'), c.get('c'), c.positionOf('c'), c.size, c.has('score'), c.has('fault')]).toEqual([{ sentiment: 'negative', score: null }, undefined, 2, 3, true, false]);
  });

  it('refuses an id the table does not have', () => {
    expect(() => new RowColumns(['a']).set('x', 'fault', 'f')).toThrow(/no row with id "x"/);
  });
});
