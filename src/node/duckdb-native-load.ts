/**
 * Rows into native DuckDB through its own CSV reader. The node-api appender
 * takes JavaScript values one by one (a DuckDB value object, a BigInt for
 * every timestamp), which made the load of a million posts about 5 s of this
 * thread and of ten million the longest stage after the bundle; a CSV file is
 * written in one pass and DuckDB reads it on its own threads. Every option of
 * `read_csv` is stated, so nothing is sniffed, and the values are coerced as
 * the Arrow batches of the WASM path coerce them, so both engines hold the
 * same table.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { ColumnSpec } from '../analysis/model.ts';

/** One cell as written: '' is NULL (unquoted), a string is always quoted (so '""' is the empty string). */
type Cell = (v: unknown) => string;

const QUOTE_RE = /"/g;

// The coercions of Arrow's builders on the WASM path: only null is null (undefined becomes '', false, NaN or
// throws), a flag is true when `+v` is non-zero (so 'yes' is false), a number is `+v` (a BigInt throws), a time
// `BigInt(v)` milliseconds (a fraction throws).
const CELLS = {
  VARCHAR: (v: unknown) => (v === null ? '' : v === undefined ? '""' : quote(`${v as string}`)),
  BOOLEAN: (v: unknown) => (v === null ? '' : Boolean(+(v as number)) ? 'true' : 'false'),
  TIMESTAMP: (v: unknown) => (v === null ? '' : BigInt(v as number).toString()),
  // Counts and row numbers fit a double exactly (NaN and ±Infinity are read back as such); the CAST restores the integer type.
  NUMBER: (v: unknown) => (v === null ? '' : String(+(v as number))),
} satisfies Record<string, Cell>;

/** How `read_csv` reads each kind of cell, and the expression that gives the column its table's type. */
const READ = {
  VARCHAR: { type: 'VARCHAR', value: (c: string) => c },
  BOOLEAN: { type: 'BOOLEAN', value: (c: string) => c },
  TIMESTAMP: { type: 'BIGINT', value: (c: string) => `epoch_ms(${c})` },
  NUMBER: { type: 'DOUBLE', value: (c: string) => c },
};

type Kind = keyof typeof CELLS;

function kindOf(type: ColumnSpec<unknown>['type']): Kind {
  return type === 'VARCHAR' || type === 'BOOLEAN' || type === 'TIMESTAMP' ? type : 'NUMBER';
}

function quote(s: string): string {
  return s.includes('"') ? `"${s.replace(QUOTE_RE, '""')}"` : `"${s}"`;
}

/** Characters written to the file at a time. */
const FLUSH_CHARS = 8 * 2 ** 20;
/** DuckDB's own default longest line, in bytes. */
const MIN_LINE_BYTES = 2 * 2 ** 20;

/**
 * Writes `rows` as a CSV file at `file` (no header, LF between records) and returns the longest record's UTF-8
 * length at most (3 bytes a UTF-16 unit), for `read_csv`'s `max_line_size`.
 */
export function writeRowsCsv<R>(file: string, columns: readonly ColumnSpec<R>[], rows: readonly R[]): number {
  const cells = columns.map((c) => CELLS[kindOf(c.type)]);
  const keys = columns.map((c) => c.key);
  const fd = openSync(file, 'w');
  try {
    let longest = 0;
    let pending: string[] = [];
    let chars = 0;
    for (const row of rows) {
      let line = cells[0]!(row[keys[0]!]);
      for (let i = 1; i < keys.length; i++) line += `,${cells[i]!(row[keys[i]!])}`;
      if (line.length > longest) longest = line.length;
      pending.push(line);
      chars += line.length + 1;
      if (chars >= FLUSH_CHARS) {
        writeSync(fd, `${pending.join('\n')}\n`);
        pending = [];
        chars = 0;
      }
    }
    if (pending.length) writeSync(fd, `${pending.join('\n')}\n`);
    return 3 * longest + 1;
  } finally {
    closeSync(fd);
  }
}

/** `INSERT INTO table` of the rows written by {@link writeRowsCsv} to `file`, each column given its table's type. */
export function csvInsertSql<R>(table: string, columns: readonly ColumnSpec<R>[], file: string, longestLineBytes: number, quoteIdent: (name: string) => string): string {
  const read = columns.map((c) => READ[kindOf(c.type)]);
  const names = columns.map((c) => quoteIdent(c.sql)).join(', ');
  // Positional names in the file, so that no column name needs quoting inside the options' struct.
  const types = columns.map((_, i) => `'c${i}': '${read[i]!.type}'`).join(', ');
  const select = columns.map((c, i) => `CAST(${read[i]!.value(`c${i}`)} AS ${c.type}) AS ${quoteIdent(c.sql)}`).join(', ');
  const options = [
    `columns = {${types}}`,
    'header = false',
    "delim = ','",
    "quote = '\"'",
    "escape = '\"'",
    // A quoted empty cell is the empty string; only an unquoted one is NULL.
    'allow_quoted_nulls = false',
    'auto_detect = false',
    `max_line_size = ${Math.max(MIN_LINE_BYTES, longestLineBytes)}`,
  ].join(', ');
  return `INSERT INTO ${table} (${names}) SELECT ${select} FROM read_csv('${file.replace(/'/g, "''")}', ${options})`;
}
