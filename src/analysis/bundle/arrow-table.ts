/**
 * Rows → Arrow IPC stream bytes, in record batches, with explicit column
 * types: the bundle's tables must read back with the same types whatever the
 * values of one crisis happen to be.
 */
import { Bool, Float64, Int64, Table, TimestampMillisecond, Utf8, tableToIPC, vectorFromArray, type DataType, type RecordBatch, type Vector } from 'apache-arrow';

export type ArrowColumnType = 'utf8' | 'bool' | 'timestamp' | 'int64' | 'float64';

/** One column: its name, type and how to read it from a row (null for a missing value). */
export interface ArrowColumn<R> {
  name: string;
  type: ArrowColumnType;
  value(row: R): string | number | boolean | null | undefined;
}

const BATCH_ROWS = 65_536;

function arrowType(type: ArrowColumnType): DataType {
  switch (type) {
    case 'utf8':
      return new Utf8();
    case 'bool':
      return new Bool();
    case 'timestamp':
      return new TimestampMillisecond();
    case 'int64':
      return new Int64();
    case 'float64':
      return new Float64();
  }
}

function convert(type: ArrowColumnType, v: string | number | boolean | null | undefined): unknown {
  if (v === null || v === undefined) return null;
  if (type === 'int64') return BigInt(Math.trunc(Number(v)));
  if (type === 'utf8') return String(v);
  return v;
}

/** An Arrow IPC stream (the format `tableFromIPC` and DuckDB's Arrow reader take) of `rows`. */
export function arrowIpc<R>(columns: readonly ArrowColumn<R>[], rows: readonly R[]): Uint8Array {
  const batches: RecordBatch[] = [];
  // An empty table still carries its schema.
  for (let start = 0; start < Math.max(rows.length, 1); start += BATCH_ROWS) {
    const slice = rows.slice(start, start + BATCH_ROWS);
    const vectors: Record<string, Vector<DataType>> = {};
    for (const c of columns) vectors[c.name] = vectorFromArray(slice.map((r) => convert(c.type, c.value(r))), arrowType(c.type)) as Vector<DataType>;
    batches.push(...new Table(vectors).batches);
  }
  return tableToIPC(new Table(batches), 'stream');
}

/** The Arrow type for values of an analysis column: numbers as float64, booleans as bool, anything else as text. */
export function inferColumnType(values: Iterable<string | number | boolean | null | undefined>): ArrowColumnType {
  let numbers = 0;
  let booleans = 0;
  let other = 0;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'number') numbers++;
    else if (typeof v === 'boolean') booleans++;
    else other++;
  }
  if (other || (numbers && booleans)) return 'utf8';
  if (booleans) return 'bool';
  return numbers ? 'float64' : 'utf8';
}
