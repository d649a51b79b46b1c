/**
 * The analysis engine: a thin, promise-based face over a DuckDB-WASM
 * connection, the same in Node (blocking build) and in the browser (async
 * build). Analyses only see this interface; who opened the database is
 * somebody else's concern.
 */
import { DataType, type Table } from 'apache-arrow';
import { arrowIpc, ByteArena, reusedStream, type ArrowColumn } from '../core/arrow-columns.ts';
import type { ColumnSpec, RowsByPosition } from '../model.ts';

/** A row as analyses receive it: BIGINTs become numbers (or strings past 2^53), timestamps epoch ms. */
export type Row = Record<string, string | number | boolean | null>;

/** The part of a DuckDB-WASM connection we use; the blocking build answers synchronously. */
export interface DuckConnectionLike {
  query(sql: string): Table | Promise<Table>;
  /** Arrow IPC stream in; `insertArrowTable` is avoided because the bundle's own Arrow copy does not recognise our Table class. */
  insertArrowFromIPCStream(buffer: Uint8Array, options: { name: string; schema?: string; create?: boolean }): void | Promise<void>;
  close(): void | Promise<void>;
}

export interface Engine {
  /** Runs SQL and returns plain rows. Rejects after `timeoutMs` instead of hanging. */
  query<T extends Row = Row>(sql: string): Promise<T[]>;
  /** Runs a statement whose result is not needed. */
  exec(sql: string): Promise<void>;
  /** Appends rows to an existing table, converting through Arrow by the column specs. */
  insert<R>(table: string, columns: ColumnSpec<R>[], rows: RowsByPosition<R>): Promise<void>;
  /** Creates `table` from an Arrow IPC stream (a bundle's table); timestamps become plain `TIMESTAMP`. */
  loadArrow(table: string, ipc: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface EngineOptions {
  /** Per call; DuckDB-WASM offline hangs on queries needing a downloadable extension. */
  timeoutMs?: number;
  /**
   * Awaited before each statement. A blocking build answers synchronously, so
   * without a turn of the host's event loop between statements a crisis's
   * SQL would hold it for seconds, and worker threads' results (language work
   * started ahead, TextMapper.start) would wait unread while the workers idle.
   */
  beforeStatement?: () => Promise<void>;
  /**
   * The connection copies an Arrow stream before `insertArrowFromIPCStream` returns (DuckDB-WASM's blocking build),
   * so one buffer serves every batch of an insert. Not for a connection that moves the buffer to a worker.
   */
  copiesArrow?: boolean;
}

// Batches of 100,000 insert a million messages 2–3 s faster (5.3 s against 2.2–3.2 s) but leave DuckDB-WASM's memory 160 MiB larger.
const INSERT_BATCH = 50_000;

/**
 * Held while more than one batch is inserted. DuckDB compresses an in-memory table at automatic checkpoints, one
 * every few batches, each slower as the table grows: a million messages' inserts took 4.6–5.0 s, of which 3 s
 * checkpoints, most of it DICT_FSST compressing the texts. Held off, then compressed once without DICT_FSST: 2.4 s,
 * and the table takes 178 MiB against 143 (uncompressed 260).
 */
const BULK_CHECKPOINT_THRESHOLD = '1TB';

/** Wraps a DuckDB-WASM connection as an {@link Engine}. */
export function createEngine(conn: DuckConnectionLike, { timeoutMs = 60_000, beforeStatement, copiesArrow = false }: EngineOptions = {}): Engine {
  let staging = 0;
  const run = <T>(what: string, fn: () => T | Promise<T>): Promise<T> =>
    withTimeout((beforeStatement ? beforeStatement() : Promise.resolve()).then(fn), timeoutMs, what);
  return {
    async query<T extends Row>(sql: string) {
      const table = await run(sql, () => conn.query(sql));
      return tableRows(table) as T[];
    },
    async exec(sql) {
      await run(sql, () => conn.query(sql));
    },
    async insert(table, columns, rows) {
      if (!rows.length) return;
      // When the specs list the table's columns in its order, batches go straight into the table (DuckDB casts on
      // insert, as the CAST below does); else through a staging table, matched by name. Straight in saves a copy.
      const direct = sameNames(tableRows(await run(`describe ${table}`, () => conn.query(`DESCRIBE ${table}`))).map((d) => String(d.column_name)), columns.map((c) => c.sql));
      // One buffer for every batch's texts (core/arrow-columns.ts: fresh ones cost collections of the whole heap).
      const arena = new ByteArena();
      const into = copiesArrow ? reusedStream() : undefined;
      const arrowColumns = arrowColumnsOf(columns);
      // A batch by its range: a copy of its rows would be another large array per batch.
      const insertBatch = async (start: number) => {
        const ipc = () => arrowIpc(arrowColumns, rows, arena, { start, end: Math.min(rows.length, start + INSERT_BATCH) }, into);
        if (direct) {
          await run(`insert into ${table}`, () => conn.insertArrowFromIPCStream(ipc(), { name: table, create: false }));
          return;
        }
        const name = `__stage_${table}_${staging++}`;
        await run(`insert into ${table}`, () => conn.insertArrowFromIPCStream(ipc(), { name, create: true }));
        // By name: the table's column order need not be the spec's.
        const names = columns.map((c) => `"${c.sql}"`).join(', ');
        const select = columns.map((c) => `CAST("${c.sql}" AS ${c.type})`).join(', ');
        await run(`insert into ${table}`, () => conn.query(`INSERT INTO ${table} (${names}) SELECT ${select} FROM ${name}`));
        await run(`drop ${name}`, () => conn.query(`DROP TABLE ${name}`));
      };
      const bulk = rows.length > INSERT_BATCH;
      const setting = (sql: string) => run(`insert into ${table}`, () => conn.query(sql));
      if (bulk) await setting(`SET checkpoint_threshold = '${BULK_CHECKPOINT_THRESHOLD}'`);
      try {
        for (let start = 0; start < rows.length; start += INSERT_BATCH) await insertBatch(start);
        if (!bulk) return;
        // Compressed at one checkpoint without DICT_FSST (the setting is DuckDB's own; later checkpoints use every method).
        await setting(`SET disabled_compression_methods = 'dict_fsst'`);
        try {
          await setting('CHECKPOINT');
        } finally {
          await setting('RESET disabled_compression_methods');
        }
      } finally {
        if (bulk) await setting('RESET checkpoint_threshold');
      }
    },
    async loadArrow(table, ipc) {
      // Staged in the table's own schema, then renamed: a rename cannot move a table between schemas.
      const dot = table.lastIndexOf('.');
      const schema = dot < 0 ? '' : `${table.slice(0, dot)}.`;
      const name = `__stage_${staging++}`;
      await run(`load ${table}`, () => conn.insertArrowFromIPCStream(ipc, { name, ...(schema ? { schema: schema.slice(0, -1) } : {}), create: true }));
      const described = tableRows(await run(`describe ${table}`, () => conn.query(`DESCRIBE ${schema}${name}`)));
      // Arrow carries millisecond timestamps; analyses and notebooks know TIMESTAMP. Altered in place: a copy of the table (its texts) costs ten times more.
      for (const d of described) {
        if (/^TIMESTAMP/.test(String(d.column_type)) && d.column_type !== 'TIMESTAMP') await run(`load ${table}`, () => conn.query(`ALTER TABLE ${schema}${name} ALTER COLUMN "${d.column_name}" SET DATA TYPE TIMESTAMP`));
      }
      await run(`load ${table}`, () => conn.query(`ALTER TABLE ${schema}${name} RENAME TO ${table.slice(dot + 1)}`));
    },
    async close() {
      await conn.close();
    },
  };
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

// Counts and row numbers fit a double exactly; the insert (or its CAST) restores BIGINT.
const ARROW_TYPE = { VARCHAR: 'utf8', BOOLEAN: 'bool', TIMESTAMP: 'timestamp', BIGINT: 'float64', INTEGER: 'float64' } as const;

/** The Arrow columns an insert of `columns` is sent as (once per insert, for all its batches). */
function arrowColumnsOf<R>(columns: ColumnSpec<R>[]): ArrowColumn<R>[] {
  return columns.map((c) => ({ name: c.sql, type: ARROW_TYPE[c.type], value: (r: R) => r[c.key] as string | number | boolean | null }));
}

/** Converts an Arrow result into plain rows with JSON-safe values. */
export function tableRows(table: Table): Row[] {
  const fields = table.schema.fields;
  const out: Row[] = [];
  for (const r of table) {
    if (!r) continue;
    const row: Row = {};
    const obj = r.toJSON() as Record<string, unknown>;
    for (const f of fields) row[f.name] = plain(obj[f.name], f.type);
    out.push(row);
  }
  return out;
}

function plain(v: unknown, type?: DataType): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  // DECIMAL and HUGEINT arrive as Arrow Decimal128, whose getter gives the unscaled integer.
  if (type && DataType.isDecimal(type)) {
    const unscaled = BigInt(String(v));
    return type.scale === 0 ? plain(unscaled) : Number(unscaled) / Number(`1e${type.scale}`);
  }
  if (typeof v === 'bigint') return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString();
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.getTime();
  return String(v);
}

/** Rejects with a message naming the work when `promise` takes longer than `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`DuckDB call timed out after ${ms} ms: ${what.slice(0, 200)} (does it need a DuckDB extension, which cannot be downloaded offline?)`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
