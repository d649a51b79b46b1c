/** The empty-column rule (src/site/tables.ts): a column with no value in any row is left out, and the note says which and why. */
import { describe, expect, it } from 'vitest';
import { droppedNote, isEmptyCell, splitEmptyColumns, type TableColumn } from '../../src/site/tables.ts';

const columns: TableColumn[] = [
  { label: 'Company', rowHeader: true },
  { label: 'Cases', num: true },
  { label: 'Median first response', num: true, emptyReason: 'the export has no first-response times for cases' },
  { label: 'Timely', num: true },
  { label: 'Company response' },
];

describe('isEmptyCell', () => {
  it('counts null, blank and the page\'s "–" as empty, and nothing else', () => {
    for (const cell of [null, undefined, '', '  ', '–', ' – ', { text: '–', title: 'not measurable' }, { text: null }]) expect(isEmptyCell(cell), JSON.stringify(cell)).toBe(true);
    for (const cell of ['0', '0%', '-', 'none', { text: '3' }]) expect(isEmptyCell(cell), JSON.stringify(cell)).toBe(false);
  });
});

describe('splitEmptyColumns', () => {
  it('leaves out the columns empty in every row and names them with their reasons', () => {
    const rows = [
      ['Equifax', '725', '–', '–', null],
      ['Experian', '467', '–', '–', ''],
    ];
    const split = splitEmptyColumns(columns, rows);
    expect(split.kept).toEqual([0, 1]);
    expect(split.dropped).toEqual([2, 3, 4]);
    expect(split.note).toBe('Not shown: Median first response — the export has no first-response times for cases; Timely, Company response — not in this export.');
  });

  it('keeps a column with one value, and leaves nothing out when every column has one', () => {
    const rows = [
      ['Equifax', '725', '–', '–', 'Closed'],
      ['Experian', '467', '2 h', '100%', ''],
    ];
    expect(splitEmptyColumns(columns, rows)).toEqual({ kept: [0, 1, 2, 3, 4], dropped: [], note: null });
  });

  it('never leaves out the row header or a column marked keep, nor anything of a table without rows', () => {
    const rows = [['', '–', '–', '–', '–']];
    const kept = splitEmptyColumns(
      columns.map((c, i) => (i === 4 ? { ...c, keep: true } : c)),
      rows,
    );
    expect(kept.kept).toEqual([0, 4]);
    expect(splitEmptyColumns(columns, []).dropped).toEqual([]);
  });

  it("uses the table's reason for columns that give none", () => {
    expect(splitEmptyColumns([{ label: 'Fault' }, { label: 'Themes' }], [['', 'a']], 'no value on this page').note).toBe('Not shown: Fault — no value on this page.');
  });
});

describe('droppedNote', () => {
  it('is null when nothing was left out, one line otherwise, an unnamed column named as such', () => {
    expect(droppedNote([])).toBeNull();
    expect(droppedNote([{ label: '', reason: 'not in this export.' }])).toBe('Not shown: Unnamed column — not in this export.');
  });
});
