/**
 * Arquero in notebooks: a SQL cell's result reshaped by `table=` keeps the
 * query's types for its columns, types new ones from their values, and a
 * broken transform fails like a broken cell, naming the notebook.
 */
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { cellTable, reshapeCell } from '../../src/site/notebook-tables.ts';
import { CellError, type CellResult } from '../../src/site/sql-cells.ts';

const result: CellResult = {
  columns: [
    { name: 'channel', type: 'VARCHAR' },
    { name: 'sentiment', type: 'VARCHAR' },
    { name: 'messages', type: 'BIGINT' },
    { name: 'day', type: 'DATE' },
  ],
  rows: [
    { channel: 'x', sentiment: 'negative', messages: 6, day: 0 },
    { channel: 'x', sentiment: 'positive', messages: 2, day: 0 },
    { channel: 'reddit', sentiment: 'negative', messages: 1, day: 0 },
    { channel: 'reddit', sentiment: 'positive', messages: 3, day: 0 },
  ],
};

describe('notebook tables', () => {
  it('reads a cell result as an Arquero table in the query’s column order', () => {
    const t = cellTable(result);
    expect(t.columnNames()).toEqual(['channel', 'sentiment', 'messages', 'day']);
    expect(t.numRows()).toBe(4);
  });

  it('pivots and derives, keeping known types and typing new columns from their values', () => {
    const out = reshapeCell(
      result,
      (t) => t.groupby('channel').pivot('sentiment', 'messages').derive({ negative_share: 'd => d.negative / (d.negative + d.positive)' }).orderby(aq.desc('negative_share')),
      'reports/x.mdx:12',
      'select …',
    );
    expect(out.columns).toEqual([
      { name: 'channel', type: 'VARCHAR' },
      { name: 'negative', type: 'DOUBLE' },
      { name: 'positive', type: 'DOUBLE' },
      { name: 'negative_share', type: 'DOUBLE' },
    ]);
    expect(out.rows).toEqual([
      { channel: 'x', negative: 6, positive: 2, negative_share: 0.75 },
      { channel: 'reddit', negative: 1, positive: 3, negative_share: 0.25 },
    ]);
  });

  it('keeps a time column’s type through a rollup, so it is still shown as a time', () => {
    const out = reshapeCell(result, (t) => t.groupby('day').rollup({ messages: aq.op.sum('messages') }), 'n.mdx:1', 'select …');
    expect(out.columns).toEqual([
      { name: 'day', type: 'DATE' },
      { name: 'messages', type: 'BIGINT' },
    ]);
    expect(out.rows).toEqual([{ day: 0, messages: 12 }]);
  });

  it('fails like a broken SQL cell, naming the notebook and the transform', () => {
    expect(() => reshapeCell(result, (t) => t.select('nope'), 'reports/x.mdx:7', 'select 1')).toThrow(CellError);
    expect(() => reshapeCell(result, (() => 42) as never, 'reports/x.mdx:7', 'select 1')).toThrow(/reports\/x\.mdx:7[\s\S]*must return an Arquero table/);
  });
});
