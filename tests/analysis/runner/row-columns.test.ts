import { describe, expect, it } from 'vitest';
import { RowColumns } from '../../../src/analysis/runner/row-columns.ts';

describe('RowColumns', () => {
  it('stores cells by column, aligned with the rows, names in first-set order', () => {
    const c = new RowColumns(['a', 'b', 'c']);
    c.set('b', 'sentiment', 'negative');
    c.set('a', 'score', 0.5);
    c.set('b', 'score', null);
    expect(c.names).toEqual(['sentiment', 'score']);
    const score = c.column('score');
    expect([score.length, score.at(0), score.at(1), score.at(2)]).toEqual([3, 0.5, null, undefined]);
    expect(c.column('fault')).toMatchObject({ length: 0 });
    expect([c.value('b', 'sentiment'), c.value('a', 'sentiment'), c.value('zz', 'score')]).toEqual(['negative', undefined, undefined]);
    expect([c.get('b'), c.get('c'), c.positionOf('c'), c.size, c.has('score'), c.has('fault')]).toEqual([{ sentiment: 'negative', score: null }, undefined, 2, 3, true, false]);
  });

  it('arranges its column names, and only its own', () => {
    const c = new RowColumns(['a']);
    c.set('a', 'fault', 'f1');
    c.set('a', 'themes', 't1');
    const names = c.names;
    c.arrange((n) => [...n].reverse());
    // The same array, rearranged: a context holds it as its column names.
    expect(names).toEqual(['themes', 'fault']);
    expect(c.get('a')).toEqual({ themes: 't1', fault: 'f1' });
    expect(() => c.arrange(() => ['themes', 'other'])).toThrow(/same column names/);
    expect(() => c.arrange(() => ['themes'])).toThrow(/same column names/);
    expect(() => c.arrange(() => ['themes', 'themes'])).toThrow(/same column names/);
  });

  it('finds each row whatever order it is asked in: in order, repeated, backwards, shuffled, after a duplicate id', () => {
    const ids = ['m1', 'm2', 'm2', 'm3', 'm4', 'm5'];
    const c = new RowColumns(ids);
    expect(c.size).toBe(5);
    for (const id of ['m1', 'm2', 'm3', 'm4', 'm5']) (c.set(id, 'a', `${id}a`), c.set(id, 'b', `${id}b`));
    for (const id of ['m5', 'm4', 'm4', 'm1', 'm3', 'm2', 'm5', 'm1']) expect([c.value(id, 'a'), c.value(id, 'b')]).toEqual([`${id}a`, `${id}b`]);
    expect(['m1', 'm2', 'm3', 'm4', 'm5', 'm3', 'nope'].map((id) => c.positionOf(id))).toEqual([0, 1, 2, 3, 4, 2, undefined]);
    const a = c.column('a');
    expect(Array.from({ length: a.length }, (_, i) => a.at(i))).toEqual(['m1a', 'm2a', 'm3a', 'm4a', 'm5a']);
  });

  it('refuses an id the table does not have', () => {
    expect(() => new RowColumns(['a']).set('x', 'fault', 'f')).toThrow(/no row with id "x"/);
  });
});
