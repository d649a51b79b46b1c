/**
 * SQL cells of notebooks: `<Query sql="…" />` and `<Chart sql="…" />` run
 * at build time against the tables of the crisis's bundle (`messages` and
 * `cases` with every analysis column, `message_attributes`,
 * `case_attributes`). A failing cell fails the build with its SQL, DuckDB's
 * message and the notebook's file:line.
 *
 * The bundle's tables are already through the privacy filter, so whatever a
 * query selects (`text`, `author`) is masked as the crisis asks.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Row } from '../analysis/engine/engine.ts';
import { csvCell } from '../analysis/report/messages-csv.ts';
import { bundlesDir } from '../node/bundle-dir.ts';
import { bundleQuery } from './bundle-sql.ts';
import type { LoadedCrisis } from './crises.ts';
import { humanise } from './labels.ts';

export interface CellColumn {
  name: string;
  /** DuckDB type (`VARCHAR`, `BIGINT`, `TIMESTAMP`, …); `unknown` when DESCRIBE could not tell. */
  type: string;
}

export interface CellResult {
  columns: CellColumn[];
  rows: Row[];
}

/** A notebook cell failed: the message carries everything needed to fix it. */
export class CellError extends Error {
  constructor(
    readonly source: string,
    readonly sql: string,
    readonly cause: unknown,
  ) {
    super(`SQL cell at ${source} failed:\n${sql.trim()}\nDuckDB: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'CellError';
  }
}

/** True for DuckDB time types whose values arrive as epoch milliseconds. */
export function isTimeType(type: string): boolean {
  return /^(TIMESTAMP|DATE|TIMESTAMP_MS|TIMESTAMP_S|TIMESTAMP_NS|TIMESTAMP WITH TIME ZONE)/i.test(type);
}

const memo = new WeakMap<LoadedCrisis, Map<string, Promise<CellResult>>>();

/**
 * Runs a cell (once per crisis and SQL text: the summary and the notebook may
 * show the same cell). Column types come from `DESCRIBE`, so timestamps can be
 * shown as times rather than epoch numbers.
 */
export function runCell(crisis: LoadedCrisis, sql: string, source: string): Promise<CellResult> {
  let cells = memo.get(crisis);
  if (!cells) memo.set(crisis, (cells = new Map()));
  const key = sql.trim();
  let result = cells.get(key);
  if (!result) {
    result = execute(crisis, key, source);
    cells.set(key, result);
  }
  return result;
}

async function execute(crisis: LoadedCrisis, sql: string, source: string): Promise<CellResult> {
  if (!sql) throw new CellError(source, sql, new Error('empty SQL'));
  try {
    return await bundleQuery(crisis, sql.replace(/;\s*$/, ''), cellCacheDir());
  } catch (error) {
    throw new CellError(source, sql, error);
  }
}

/** Where cell results are kept between builds: beside the bundles. */
function cellCacheDir(): string {
  return path.join(path.dirname(bundlesDir()), 'cells');
}

/** A cell value as text for the page (times in the crisis zone via `formatTime`). */
export function cellText(value: Row[string], column: CellColumn, formatTime: (ms: number) => string): string {
  if (value === null) return '';
  if (typeof value === 'number' && isTimeType(column.type)) return formatTime(value);
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 4 });
  return String(value);
}

/**
 * A result column's header on the page: the SQL alias in words, with the
 * unit its suffix names (`median_first_reply_hours` → `Median first reply
 * (hours)`); an alias with spaces is the author's wording, kept. The CSV
 * keeps the alias itself.
 */
export function cellHeading(column: CellColumn): string {
  return humanise(column.name);
}

/** True for DuckDB number types (right-aligned on the page). */
export function isNumberType(type: string): boolean {
  return /INT|DOUBLE|FLOAT|DECIMAL|REAL|NUMERIC/i.test(type);
}

/** The cell's full result as CSV (times as ISO 8601 UTC). */
export function cellCsv(result: CellResult): string {
  const lines = [result.columns.map((c) => csvCell(c.name)).join(',')];
  for (const row of result.rows) {
    lines.push(
      result.columns
        .map((c) => {
          const v = row[c.name];
          return csvCell(typeof v === 'number' && isTimeType(c.type) ? new Date(v).toISOString() : v);
        })
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Stable file id of a cell: `sql-` + 10 hex digits of its SQL's hash. */
export function cellId(sql: string): string {
  return `sql-${createHash('sha256').update(sql.trim()).digest('hex').slice(0, 10)}`;
}
