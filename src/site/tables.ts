/**
 * Tables as pages show them, and the rule every table follows: a column
 * with no value in any row shown (every cell "–", empty or null) is left out,
 * and a one-line note under the table names what was left out and why —
 * a column of dashes tells the reader nothing the note does not.
 */
import { listsBy } from '../analysis/core/view-verbs.ts';

/** How a page writes "no value" in a cell. */
export const NO_VALUE = '–';

/** A cell's text (null or '' for none), with what else the cell carries. */
export interface TableCell {
  text: string | null | undefined;
  /** Hover text (e.g. why the value is not measurable). */
  title?: string;
  /** Number to sort by (`data-sort`). */
  sort?: number;
}

/** A cell as callers give it: its text, or the text with extras. */
export type Cell = string | null | undefined | TableCell;

/** A column of a table. */
export interface TableColumn {
  label: string;
  /** Right-aligned figures. */
  num?: boolean;
  /** The row's header (`<th scope="row">`); never left out. */
  rowHeader?: boolean;
  /** Never left out, even when empty. */
  keep?: boolean;
  /** Class of the column's body cells (`note`: a wide text column). */
  cellClass?: string;
  /** Why this column can be empty (`not measurable — …`); the table's reason otherwise. */
  emptyReason?: string;
}

/** The usual reason: the figure needs a field the export does not have. */
export const NOT_IN_EXPORT = 'not in this export';

/** The cell with its extras (a bare text becomes `{ text }`). */
export function tableCell(cell: Cell): TableCell {
  return cell !== null && typeof cell === 'object' ? cell : { text: cell };
}

/** True for a cell that shows no value: null, blank, or the "–" a page writes for one. */
export function isEmptyCell(cell: Cell): boolean {
  const text = tableCell(cell).text;
  return text === null || text === undefined || text.trim() === '' || text.trim() === NO_VALUE;
}

/** Which columns a table shows, which it leaves out, and the note that says so. */
export interface ColumnSplit {
  /** Indexes of the columns shown, in order. */
  kept: number[];
  /** Indexes of the columns left out. */
  dropped: number[];
  /** `Not shown: Timely, Company response — not in this export.`; null when nothing was left out. */
  note: string | null;
}

/**
 * Splits `columns` into those shown and those left out: a column is left
 * out when every row has an empty cell in it (`rows[r][c]`), unless it is a
 * row header or marked `keep`. A table without rows leaves nothing out (its
 * page says it is empty). `reason` says why for columns without their own.
 */
export function splitEmptyColumns(columns: readonly TableColumn[], rows: readonly (readonly Cell[])[], reason = NOT_IN_EXPORT): ColumnSplit {
  const kept: number[] = [];
  const dropped: number[] = [];
  columns.forEach((c, i) => {
    const empty = rows.length > 0 && !c.rowHeader && !c.keep && rows.every((row) => isEmptyCell(row[i]));
    (empty ? dropped : kept).push(i);
  });
  return { kept, dropped, note: droppedNote(dropped.map((i) => ({ label: columns[i]!.label, reason: columns[i]!.emptyReason ?? reason }))) };
}

/** One line naming the columns left out, grouped by reason: `Not shown: Median first response, Median resolution — not in this export.` */
export function droppedNote(dropped: readonly { label: string; reason: string }[]): string | null {
  if (!dropped.length) return null;
  const byReason = listsBy(dropped.map((d) => ({ reason: d.reason, label: d.label || 'Unnamed column' })), ['reason'], 'label');
  const parts = byReason.map(({ reason, values }) => `${values.join(', ')} — ${reason.replace(/\.$/, '')}`);
  return `Not shown: ${parts.join('; ')}.`;
}
