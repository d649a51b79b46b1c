/**
 * The explorer's table descriptions: which columns are drawn, given which
 * bundle columns some row has a value in (tables.ts `shownColumns`); written
 * here as counts of rows with a value, 0 for none.
 */
import { describe, expect, it } from 'vitest';
import { CASES_TABLE, CELL_SOURCES, MESSAGES_TABLE, shownColumns } from '../../src/explorer/tables.ts';

const withValues = (counts: Record<string, number>) => new Set(Object.keys(counts).filter((c) => counts[c]! > 0));
const heads = (counts: Record<string, number>, table = CASES_TABLE) => shownColumns(table, withValues(counts)).map((c) => c.head);

describe('shownColumns', () => {
  it('draws every column when each has values', () => {
    const all = Object.fromEntries(Object.values(CELL_SOURCES).flatMap((s) => s.map((x) => [x.column, 3])));
    expect(heads(all)).toEqual(CASES_TABLE.columns.map((c) => c.head));
    expect(heads(all, MESSAGES_TABLE)).toEqual(MESSAGES_TABLE.columns.map((c) => c.head));
  });

  it('leaves out a column no row has a value in: complaints without narrative, status or category (NHTSA) start with their opening time', () => {
    // As NHTSA's complaints: product, company and fault only.
    const nhtsa = { text: 0, status: 0, category: 0, product: 120, company: 120, themes: 0, fault: 118 };
    expect(heads(nhtsa)).toEqual(['Opened', 'Product', 'Company', 'Faults']);
    expect(shownColumns(CASES_TABLE, withValues(nhtsa))[0]!.cell).toBe('time');
  });

  it('a column missing from the counts (the crisis lacks it) counts as empty; the time is always drawn', () => {
    expect(heads({})).toEqual(['Opened']);
    expect(heads({ text: 5, author: 5 }, MESSAGES_TABLE)).toEqual(['Message', 'Time', 'Author']);
  });

  it('a cell of two columns keeps its heading when both have values, and takes the one that has when only one does', () => {
    expect(heads({ category: 1, product: 1 })).toContain('Category / product');
    expect(heads({ category: 1 })).toContain('Category');
    expect(heads({ themes: 2, fault: 0 })).toContain('Themes');
    expect(heads({ themes: 2, fault: 4 })).toContain('Themes and faults');
  });
});
