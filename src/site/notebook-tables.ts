/**
 * Arquero in notebooks: a SQL cell's result as an Arquero table, reshaped by
 * the notebook (`table={(t) => t.groupby('day').pivot('channel', 'n')}` on
 * `<Query>` or `<Chart>`) and handed back as a cell result, so the table,
 * its CSV and the chart show the reshaped rows. SQL does the aggregation over
 * the bundle's tables; Arquero reshapes the small result (pivots, shares,
 * derived columns) where a verb says it better than SQL.
 */
import * as aq from 'arquero';
import type { Row } from '../analysis/engine/engine.ts';
import { CellError, type CellColumn, type CellResult } from './sql-cells.ts';

/** An Arquero table, as the notebook's function receives and returns it. */
export type NotebookTable = ReturnType<typeof aq.from>;
/** What `table=` takes: a function from the SQL result to the table shown. */
export type TableTransform = (table: NotebookTable) => NotebookTable;

/** A cell result as an Arquero table, columns in the query's order. */
export function cellTable(result: CellResult): NotebookTable {
  const columns: Record<string, unknown[]> = {};
  for (const c of result.columns) columns[c.name] = result.rows.map((r) => r[c.name] ?? null);
  return aq.table(columns);
}

/**
 * Applies `transform` to `result` and returns the reshaped result: a column
 * kept from the query keeps its DuckDB type (times stay times); a new one is
 * typed from its values. A failing transform fails the build like a failing
 * SQL cell, with the notebook's file:line.
 */
export function reshapeCell(result: CellResult, transform: TableTransform, source: string, sql: string): CellResult {
  let out: NotebookTable;
  try {
    out = transform(cellTable(result));
    if (!out || typeof out.columnNames !== 'function') throw new Error('table= must return an Arquero table (e.g. (t) => t.groupby(…).rollup(…))');
  } catch (error) {
    throw new CellError(source, `${sql}\n-- table=${String(transform)}`, error);
  }
  const known = new Map(result.columns.map((c) => [c.name, c.type]));
  const objects = out.objects() as Row[];
  const columns: CellColumn[] = out.columnNames().map((name: string) => ({ name, type: known.get(name) ?? typeOf(objects.map((r) => r[name])) }));
  return { columns, rows: objects.map((r) => Object.fromEntries(columns.map((c) => [c.name, r[c.name] ?? null]))) };
}

/** The DuckDB-style type of a new column, from its values (numbers DOUBLE, flags BOOLEAN, anything else VARCHAR). */
function typeOf(values: readonly unknown[]): string {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length && present.every((v) => typeof v === 'number')) return 'DOUBLE';
  if (present.length && present.every((v) => typeof v === 'boolean')) return 'BOOLEAN';
  return 'VARCHAR';
}
