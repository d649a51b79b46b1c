/**
 * Rows into native DuckDB through its own CSV reader. The node-api appender
 * takes JavaScript values one by one (a DuckDB value object, a BigInt for
 * every timestamp): a million messages took 6.1 s that way, against 3.6-4.3 s
 * for a CSV file written in one pass that DuckDB reads on its own threads.
 * Every option of `read_csv` is stated, so nothing is sniffed, and the values
 * are coerced as the Arrow batches of the WASM path coerce them, so both
 * engines hold the same table.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { ByteBuffer } from '../analysis/core/byte-buffer.ts';
import type { ColumnSpec, RowsByPosition } from '../analysis/model.ts';

const COMMA = 44;
const LF = 10;

/** CSV bytes of the load written into one buffer in place: no string per cell or row (a million rows took 8.7 s that way). */
class LoadCsvBytes extends ByteBuffer {
  /** A string cell, always quoted (so an empty one is not NULL), a quote doubled. */
  quoted(text: string): void {
    this.utf8(text, true);
  }

  /** An unquoted cell (a number, a flag). */
  plain(text: string): void {
    this.utf8(text, false);
  }

  get length(): number {
    return this.at;
  }

  /** The bytes written since the last flush. */
  written(): Uint8Array {
    return this.bytes.subarray(0, this.at);
  }
}

/** One cell written as the WASM path's Arrow builders coerce it; nothing written is NULL. */
type Cell = (out: LoadCsvBytes, v: unknown) => void;

// The coercions of Arrow's builders on the WASM path: only null is null (undefined becomes '', false, NaN or
// throws), a flag is true when `+v` is non-zero (so 'yes' is false), a number is `+v` (a BigInt throws), a time
// `BigInt(v)` milliseconds (a fraction throws).
const CELLS = {
  VARCHAR: (out: LoadCsvBytes, v: unknown) => {
    if (v !== null) out.quoted(v === undefined ? '' : `${v as string}`);
  },
  BOOLEAN: (out: LoadCsvBytes, v: unknown) => {
    if (v !== null) out.plain(Boolean(+(v as number)) ? 'true' : 'false');
  },
  TIMESTAMP: (out: LoadCsvBytes, v: unknown) => {
    // A whole number of milliseconds is what BigInt takes as it is; anything else goes through it (and may throw).
    if (v !== null) out.plain(typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : BigInt(v as number).toString());
  },
  // Counts and row numbers fit a double exactly (NaN and ±Infinity are read back as such); the CAST restores the integer type.
  NUMBER: (out: LoadCsvBytes, v: unknown) => {
    if (v !== null) out.plain(String(+(v as number)));
  },
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

/** Bytes written to the file at a time. */
const FLUSH_BYTES = 8 * 2 ** 20;
/** DuckDB's own default longest line, in bytes. */
const MIN_LINE_BYTES = 2 * 2 ** 20;

/**
 * Writes `rows[from, to)` as a CSV file at `file` (no header, LF after each record) and returns the longest record's
 * length in bytes, for `read_csv`'s `max_line_size`.
 */
export function writeRowsCsv<R>(file: string, columns: readonly ColumnSpec<R>[], rows: RowsByPosition<R>, from = 0, to = rows.length): number {
  const cells = columns.map((c) => CELLS[kindOf(c.type)]);
  const keys = columns.map((c) => c.key);
  const out = new LoadCsvBytes(FLUSH_BYTES + (1 << 16));
  const fd = openSync(file, 'w');
  try {
    let longest = 0;
    for (let r = from; r < to; r++) {
      const row = rows.at(r)!;
      const start = out.length;
      for (let i = 0; i < keys.length; i++) {
        if (i) out.byte(COMMA);
        cells[i]!(out, row[keys[i]!]);
      }
      out.byte(LF);
      longest = Math.max(longest, out.length - start);
      if (out.length >= FLUSH_BYTES) flush(fd, out);
    }
    flush(fd, out);
    return longest;
  } finally {
    closeSync(fd);
  }
}

function flush(fd: number, out: LoadCsvBytes): void {
  const bytes = out.written();
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
  out.clear();
}

/**
 * `INSERT INTO table` of the rows written by {@link writeRowsCsv} to `file`, each column given its table's type: the
 * CASTs do the conversions the WASM path leaves to DuckDB (DOUBLE → BIGINT rounding, range errors).
 */
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
