/**
 * Per-row analysis columns (`sentiment`, `fault`, …) stored by column: one
 * coded column per name (cell-column.ts), aligned with the rows' order, and
 * one id → position index for all of them. A million messages then cost a
 * few typed arrays instead of a million small records, and the bundle writer
 * reads columns straight.
 */

import { Interner } from '../core/intern.ts';
import { CellColumn, NO_CELLS, type CellReader, type CellValue } from '../core/cell-column.ts';

export type { CellValue };

/** The rows of a table (messages or cases) and the analysis columns set on them. */
export class RowColumns {
  /** Column names in the order they were first set. */
  readonly names: string[] = [];
  /** Each id numbered by its position (a million ids: 0.3 s and 10 MB of heap, where a Map and a copy of the ids took 0.65 s and 40 MB). */
  private readonly index: Interner;
  private readonly ids: readonly string[];
  private readonly columns = new Map<string, CellColumn>();
  /** The last position looked up: analyses mostly walk the rows in order, setting or reading a column or two per row. */
  private last = -1;

  /** `ids` in the table's row order; they are unique (the ingest drops duplicates; a repeat keeps the first position). */
  constructor(ids: readonly string[]) {
    this.index = new Interner(ids.length);
    for (const id of ids) this.index.id(id);
    this.ids = this.index.keys;
  }

  /** Row `id`'s position: the last one or the next when the caller walks in order (a string comparison, not a hash lookup in a million keys). */
  private at(id: string): number | undefined {
    const next = this.last + 1;
    if (this.ids[next] === id) return (this.last = next);
    if (this.last >= 0 && this.ids[this.last] === id) return this.last;
    const at = this.index.find(id);
    if (at < 0) return undefined;
    return (this.last = at);
  }

  /** Number of rows. */
  get size(): number {
    return this.ids.length;
  }

  /** Puts the column names in the order `arrange` gives them (the same names: the runner's order for the bundle). */
  arrange(arrange: (names: readonly string[]) => string[]): void {
    const names = arrange(this.names);
    if (names.length !== this.names.length || new Set(names).size !== names.length || names.some((n) => !this.columns.has(n))) throw new Error('RowColumns.arrange must give the same column names');
    this.names.splice(0, this.names.length, ...names);
  }

  /** Sets `name` of row `id`, registering the column on first use. An id the table does not have is a bug: it throws. */
  set(id: string, name: string, value: CellValue): void {
    const at = this.at(id);
    if (at === undefined) throw new Error(`analysis column "${name}": no row with id "${id}"`);
    let column = this.columns.get(name);
    if (column === undefined) {
      column = new CellColumn(this.ids.length);
      this.columns.set(name, column);
      this.names.push(name);
    }
    column.set(at, value);
  }

  /** The value of `name` for row `id`; undefined when it was never set. */
  value(id: string, name: string): CellValue | undefined {
    const at = this.at(id);
    return at === undefined ? undefined : this.columns.get(name)?.at(at);
  }

  /** Whether a column of that name was set. */
  has(name: string): boolean {
    return this.columns.has(name);
  }

  /** A column by row position (undefined where never set); empty for an unknown name. */
  column(name: string): CellReader {
    return this.columns.get(name) ?? NO_CELLS;
  }

  /** The position of row `id` in the table's order. */
  positionOf(id: string): number | undefined {
    return this.at(id);
  }

  /** The cells set on row `id`, by column name (for small consumers such as CSV text of a few rows). */
  get(id: string): Record<string, CellValue> | undefined {
    const at = this.at(id);
    if (at === undefined) return undefined;
    let row: Record<string, CellValue> | undefined;
    for (const name of this.names) {
      const v = this.columns.get(name)!.at(at);
      if (v !== undefined) (row ??= {})[name] = v;
    }
    return row;
  }
}
