/**
 * Opens native DuckDB (`@duckdb/node-api`) as an {@link Engine}: same tables,
 * same SQL, same plain rows as the DuckDB-WASM engine of `duckdb-node.ts`,
 * but multi-threaded, without the WASM heap limit, and able to interrupt a
 * query that runs past its timeout. Node-only, so it lives outside src/analysis.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { DataType, Precision, TimeUnit, tableFromIPC, type Field, type Vector } from 'apache-arrow';
import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  DuckDBArrayValue,
  DuckDBBitValue,
  DuckDBBlobValue,
  DuckDBDataChunk,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBInstance,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBStructValue,
  DuckDBTimeNSValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTimeValue,
  DuckDBUnionValue,
  FLOAT,
  INTEGER,
  SMALLINT,
  TIMESTAMP,
  TINYINT,
  UBIGINT,
  UINTEGER,
  USMALLINT,
  UTINYINT,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { withTimeout, type Engine, type EngineOptions, type Row } from '../analysis/engine/engine.ts';
import type { ColumnSpec } from '../analysis/model.ts';
import { csvInsertSql, writeRowsCsv } from './duckdb-native-load.ts';
import { makeSpillDir } from './duckdb-spill.ts';

/**
 * DuckDB's memory limit in MiB from `DEBRIEF_DUCKDB_MEMORY_MB`, or null when it is not set: DuckDB's own limit
 * (80% of the machine's memory). Spilling is not free: the three-million-post crisis with 1,024 MiB took 330 s
 * instead of 305 s for a peak 108 MiB lower, so the limit is for a machine short of memory, not the default.
 */
export function nativeMemoryMb(env: NodeJS.ProcessEnv = process.env): number | null {
  const value = env.DEBRIEF_DUCKDB_MEMORY_MB;
  if (value === undefined || value === '') return null;
  if (!/^\d+$/.test(value) || Number(value) < 64) throw new Error(`DEBRIEF_DUCKDB_MEMORY_MB must be a whole number of MiB, at least 64 (got "${value}")`);
  return Number(value);
}

/** Rows per data chunk handed to the appender (DuckDB's vector size). */
const CHUNK_ROWS = 2048;
/** Rows written and inserted per statement. */
const INSERT_BATCH = 250_000;

/** The attached in-memory database the tables live in (see {@link openNativeEngine}). */
const DATABASE = 'crisis';
/** Inserts of fewer rows are not worth a checkpoint (a few milliseconds each) to compress. */
const COMPRESS_FROM_ROWS = 50_000;

/** Options of {@link openNativeEngine}. */
export interface NativeEngineOptions extends EngineOptions {
  /** DuckDB's memory limit in MiB, past which tables and intermediate results spill to disk; null for DuckDB's own (default {@link nativeMemoryMb}). */
  memoryMb?: number | null;
}

/**
 * Starts an in-memory native DuckDB and returns it as an {@link Engine}. Its
 * tables are compressed as large inserts land. Past its memory limit its
 * tables and intermediate results spill into a directory of its own
 * (duckdb-spill.ts), removed on close; by default an in-memory DuckDB spills
 * into `.tmp` in the working directory.
 */
export async function openNativeEngine({ timeoutMs = 60_000, memoryMb = nativeMemoryMb() }: NativeEngineOptions = {}): Promise<Engine> {
  const spill = makeSpillDir();
  const instance = await DuckDBInstance.create(':memory:', {
    // Offline and reproducible: an extension that is not built in fails at once instead of being fetched mid-analysis.
    autoinstall_known_extensions: 'false',
    ...(memoryMb === null ? {} : { memory_limit: `${memoryMb}MiB` }),
    temp_directory: spill,
  }).catch((error: unknown) => {
    rmSync(spill, { recursive: true, force: true });
    throw error;
  });
  const conn = await instance.connect();
  // ICU is built in here: without this, TIMESTAMPTZ ↔ TIMESTAMP would follow the machine's zone, where WASM (no ICU) uses UTC.
  // (A SET, not a create option: the option is checked before the built-in ICU has registered it.)
  await conn.run(`SET TimeZone = 'UTC'`);
  // DuckDB's own in-memory database never compresses; one attached with COMPRESS does, at each checkpoint. Without
  // DICT_FSST: with it a million texts' `count(DISTINCT text)` took 959 ms against 266; without it, as fast as not
  // compressed. Three million posts' tables: 881 → 588 MiB (duckdb_memory()).
  await conn.run(`ATTACH ':memory:' AS ${DATABASE} (COMPRESS)`);
  await conn.run(`USE ${DATABASE}`);
  await conn.run(`SET disabled_compression_methods = 'dict_fsst'`);
  let loads = 0;
  // One statement at a time, as with the blocking WASM build; the next waits until the previous has really ended.
  let tail: Promise<void> = Promise.resolve();
  const run = <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    const previous = tail;
    let release!: () => void;
    tail = new Promise<void>((resolve) => (release = resolve));
    let state: 'waiting' | 'running' | 'done' | 'cancelled' = 'waiting';
    const work = previous.then(() => {
      // Timed out while queued: the caller has its error, so the statement must not run behind its back.
      if (state === 'cancelled') throw new Error(`DuckDB call cancelled: ${what.slice(0, 200)}`);
      state = 'running';
      return fn();
    });
    work.then(
      () => ((state = 'done'), release()),
      () => ((state = 'done'), release()),
    );
    return withTimeout(work, timeoutMs, what).catch((error: unknown) => {
      // Unlike WASM's, a native query keeps running after losing the race unless told to stop.
      if (state === 'running') conn.interrupt();
      else if (state === 'waiting') state = 'cancelled';
      throw error;
    });
  };
  return {
    async query<T extends Row>(sql: string) {
      return (await run(sql, async () => readRows(await conn.runAndReadAll(sql)))) as T[];
    },
    async exec(sql) {
      await run(sql, () => conn.run(sql));
    },
    async insert(table, columns, rows) {
      // Batches bound the file's size and keep each call well inside the timeout, as on the WASM path. Each is written
      // in the engine's own directory while DuckDB reads the one before on its threads, and removed once read.
      let inserting: Promise<void> = Promise.resolve();
      for (let start = 0; start < rows.length; start += INSERT_BATCH) {
        const file = path.join(spill, `load-${loads++}.csv`);
        let longest: number;
        try {
          longest = writeRowsCsv(file, columns, rows, start, Math.min(rows.length, start + INSERT_BATCH));
          await inserting;
        } catch (error) {
          rmSync(file, { force: true });
          // A batch that could not be written lets the one before end first: no statement runs behind the caller's back.
          await inserting.catch(() => {});
          throw error;
        }
        // By name, so the table's own column order (or extra columns) does not matter.
        inserting = run(`insert into ${table}`, async () => {
          await conn.run(csvInsertSql(table, columns, file, longest, quoteIdent));
          // Compressed batch by batch: the uncompressed rows never exceed one batch, and what a checkpoint frees, the
          // next batch reuses. Once at the end, the whole table would first stand uncompressed (and stay resident).
          if (rows.length >= COMPRESS_FROM_ROWS) await conn.run('CHECKPOINT');
        }).finally(() => rmSync(file, { force: true }));
      }
      await inserting;
    },
    async loadArrow(table, ipc) {
      await run(`load ${table}`, () => loadArrowTable(conn, table, ipc));
    },
    async close() {
      await tail;
      conn.closeSync();
      instance.closeSync();
      rmSync(spill, { recursive: true, force: true });
    },
  };
}

/**
 * Creates `table` from an Arrow IPC stream with the column types DuckDB's own
 * Arrow reader gives (Utf8 → VARCHAR, Int64 → BIGINT, Float64 → DOUBLE, …),
 * except that every timestamp becomes plain `TIMESTAMP`, as on the WASM path.
 * Decoded in JavaScript because the native build has no Arrow reader built in.
 */
async function loadArrowTable(conn: DuckDBConnection, table: string, ipc: Uint8Array): Promise<void> {
  const arrow = tableFromIPC(ipc);
  const columns = arrow.schema.fields.map(arrowColumn);
  await conn.run(`CREATE TABLE ${table} (${columns.map((c) => `${quoteIdent(c.name)} ${c.type.toString()}`).join(', ')})`);
  if (!arrow.numRows) return;
  const appender = await conn.createAppender(table);
  try {
    for (const batch of arrow.batches) {
      const vectors = columns.map((_, i) => batch.getChildAt(i)!);
      for (let start = 0; start < batch.numRows; start += CHUNK_ROWS) {
        const end = Math.min(start + CHUNK_ROWS, batch.numRows);
        const chunk = DuckDBDataChunk.create(columns.map((c) => c.type));
        chunk.setColumns(columns.map((c, i) => columnValues(vectors[i], start, end, c.value)));
        appender.appendDataChunk(chunk);
      }
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

interface ArrowColumnSpec {
  name: string;
  type: DuckDBType;
  /** A non-null value as Arrow's getter gives it → the appender's value. */
  value(v: unknown): DuckDBValue;
}

function columnValues(vector: Vector, start: number, end: number, value: (v: unknown) => DuckDBValue): DuckDBValue[] {
  const out = new Array<DuckDBValue>(end - start);
  for (let i = start; i < end; i++) {
    const v: unknown = vector.get(i);
    out[i - start] = v === null || v === undefined ? null : value(v);
  }
  return out;
}

const same = (v: unknown) => v as DuckDBValue;

function arrowColumn(field: Field): ArrowColumnSpec {
  const t = field.type as DataType;
  const name = field.name;
  if (DataType.isUtf8(t) || DataType.isLargeUtf8(t)) return { name, type: VARCHAR, value: same };
  if (DataType.isBool(t)) return { name, type: BOOLEAN, value: same };
  if (DataType.isInt(t)) {
    const types = t.isSigned ? { 8: TINYINT, 16: SMALLINT, 32: INTEGER, 64: BIGINT } : { 8: UTINYINT, 16: USMALLINT, 32: UINTEGER, 64: UBIGINT };
    return { name, type: types[t.bitWidth], value: same };
  }
  if (DataType.isFloat(t)) return { name, type: t.precision === Precision.DOUBLE ? DOUBLE : FLOAT, value: same };
  // Arrow's getters give dates and second / millisecond timestamps as epoch ms, exactly.
  if (DataType.isDate(t)) return { name, type: DATE, value: (v) => new DuckDBDateValue(Math.floor(Number(v) / 86_400_000)) };
  if (DataType.isTimestamp(t) && (t.unit === TimeUnit.SECOND || t.unit === TimeUnit.MILLISECOND))
    return { name, type: TIMESTAMP, value: (v) => new DuckDBTimestampValue(BigInt(v as number) * 1000n) };
  throw new Error(`loadArrow: column "${name}" has Arrow type ${String(t)}, which the native engine does not load`);
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A result as plain rows, keyed by column name in select order (a repeated name keeps its last value, as Arrow's `toJSON` does). */
function readRows(reader: { columnNames(): string[]; getRows(): DuckDBValue[][] }): Row[] {
  const names = reader.columnNames();
  return reader.getRows().map((values) => {
    const row: Row = {};
    for (let i = 0; i < names.length; i++) row[names[i]] = plainValue(values[i]);
    return row;
  });
}

/**
 * One value as the WASM engine's `tableRows` gives it: integers as numbers
 * (decimal strings past 2^53), temporal values as epoch ms, TIME as
 * microseconds, lists, structs and maps as the text Arrow's `toString` makes of
 * them, BLOBs as their bytes joined by commas. Where WASM is wrong this is not:
 * DECIMAL is a double (WASM: the unscaled digits), HUGEINT follows the BIGINT
 * rule (WASM: always a string), INTERVAL is DuckDB's text (WASM: garbage).
 */
function plainValue(v: DuckDBValue): string | number | boolean | null {
  const s = arrowScalar(v);
  if (s === null || s === undefined) return null;
  if (typeof s === 'bigint') return bigintPlain(s);
  if (typeof s === 'number' || typeof s === 'string' || typeof s === 'boolean') return s;
  return s instanceof Uint8Array ? String(s) : elementText(s);
}

function bigintPlain(v: bigint): number | string {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString();
}

/** Arrow's `divideBigInts`, so sub-millisecond timestamps round exactly as on the WASM path. */
function divide(n: bigint, d: bigint): number {
  return Number(n / d) + Number(n % d) / Number(d);
}

type Scalar = string | number | bigint | boolean | Uint8Array | null;

/** The JavaScript value Arrow's getters give for a non-nested value; nested values pass through. */
function arrowScalar(v: DuckDBValue): Scalar | DuckDBValue {
  if (v instanceof DuckDBTimestampValue || v instanceof DuckDBTimestampTZValue) return divide(v.micros, 1000n);
  if (v instanceof DuckDBTimestampMillisecondsValue) return Number(v.millis);
  if (v instanceof DuckDBTimestampSecondsValue) return Number(v.seconds) * 1000;
  if (v instanceof DuckDBTimestampNanosecondsValue) return divide(v.nanos, 1_000_000n);
  if (v instanceof DuckDBDateValue) return v.days * 86_400_000;
  if (v instanceof DuckDBTimeValue) return v.micros;
  if (v instanceof DuckDBTimeNSValue) return v.nanos;
  // WASM renders DECIMAL as its unscaled integer (a bug there); the value is what a reader expects.
  // Scale 0 follows the BIGINT rule: WASM cannot tell DECIMAL(38,0) from HUGEINT (both Arrow Decimal128).
  if (v instanceof DuckDBDecimalValue) return v.scale === 0 ? v.value : v.toDouble();
  // node-api hands out a Buffer, whose String() would decode it; Arrow gives a Uint8Array (bytes joined by commas).
  if (v instanceof DuckDBBlobValue) return new Uint8Array(v.bytes.buffer, v.bytes.byteOffset, v.bytes.byteLength);
  if (v instanceof DuckDBBitValue) return v.toString();
  // Arrow unions give the member's value, not its tag.
  if (v instanceof DuckDBUnionValue) return arrowScalar(v.value);
  if (v instanceof DuckDBListValue || v instanceof DuckDBArrayValue || v instanceof DuckDBStructValue || v instanceof DuckDBMapValue) return v;
  if (v === null || typeof v !== 'object') return v;
  // UUID, INTERVAL, TIME WITH TIME ZONE, …: DuckDB's own text form (WASM has no sensible one for INTERVAL).
  return String(v);
}

/** `String(x)` of an Arrow value: what `Vector#toString` joins (nulls become empty). */
function elementText(v: DuckDBValue): string {
  if (v instanceof DuckDBUnionValue) return v.value === null ? '' : elementText(v.value);
  if (v instanceof DuckDBListValue || v instanceof DuckDBArrayValue) return `[${v.items.map((x) => (x === null ? '' : elementText(x))).join(',')}]`;
  if (v instanceof DuckDBStructValue) return `{${Object.entries(v.entries).map(([k, x]) => `"${k}": ${fieldText(x)}`).join(', ')}}`;
  if (v instanceof DuckDBMapValue) return `{${v.entries.map((e) => `${fieldText(e.key)}: ${fieldText(e.value)}`).join(', ')}}`;
  return String(arrowScalar(v));
}

/** Arrow's `valueToString`, used for struct fields and map entries. */
function fieldText(v: DuckDBValue): string {
  if (v instanceof DuckDBUnionValue) return fieldText(v.value);
  if (v === null) return 'null';
  if (v instanceof DuckDBListValue || v instanceof DuckDBArrayValue || v instanceof DuckDBStructValue || v instanceof DuckDBMapValue)
    return JSON.stringify(jsonValue(v), (_, y: unknown) => (typeof y === 'bigint' ? `${y}` : y));
  const s = arrowScalar(v) as Scalar;
  if (typeof s === 'string') return `"${s}"`;
  if (s instanceof Uint8Array) return `[${s}]`;
  return String(s);
}

/** What `JSON.stringify` sees of an Arrow value (Vector → array, struct and map rows → objects). */
function jsonValue(v: DuckDBValue): unknown {
  if (v instanceof DuckDBUnionValue) return jsonValue(v.value);
  if (v === null) return null;
  if (v instanceof DuckDBListValue || v instanceof DuckDBArrayValue) return v.items.map(jsonValue);
  if (v instanceof DuckDBStructValue) return Object.fromEntries(Object.entries(v.entries).map(([k, x]) => [k, jsonValue(x)]));
  if (v instanceof DuckDBMapValue) return Object.fromEntries(v.entries.map((e) => [String(jsonValue(e.key)), jsonValue(e.value)]));
  const s = arrowScalar(v) as Scalar;
  return s instanceof Uint8Array ? Object.fromEntries([...s].map((b, i) => [String(i), b])) : s;
}
