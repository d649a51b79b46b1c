/**
 * Opens DuckDB-WASM's blocking Node build: in-process, no worker, no server.
 * Node-only (it reads the .wasm from node_modules), so it lives outside src/analysis.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { createEngine, type DuckConnectionLike, type Engine, type EngineOptions } from '../analysis/engine/engine.ts';

const require = createRequire(import.meta.url);

/** Starts an in-memory DuckDB and returns it as an {@link Engine}. */
export async function openNodeEngine(options: EngineOptions = {}): Promise<Engine> {
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as typeof import('@duckdb/duckdb-wasm/blocking');
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const bundles = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  const conn = db.connect() as unknown as DuckConnectionLike;
  // One turn of the event loop before each statement: the blocking build would otherwise hold it through an analysis.
  const engine = createEngine(conn, { beforeStatement: () => new Promise((resolve) => setImmediate(resolve)), copiesArrow: true, ...options });
  const memory = db.mod as unknown as WasmHeap;
  return {
    ...engine,
    async insert(table, columns, rows) {
      if (rows.length >= RESERVE_FROM_ROWS) reserveWasmMemory(memory, rows.length * RESERVE_BYTES_PER_ROW);
      return engine.insert(table, columns, rows);
    },
    async close() {
      await engine.close();
      db.reset();
    },
  };
}

/** The part of DuckDB-WASM's Emscripten module that {@link reserveWasmMemory} uses. */
interface WasmHeap {
  _malloc(bytes: number): number;
  _free(pointer: number): void;
}

/** Inserts of fewer rows grow DuckDB-WASM's memory too little to matter. */
const RESERVE_FROM_ROWS = 100_000;
/** DuckDB-WASM's memory per row of a large insert: a million messages left it at 297 MB, and 429 MB in the analyses after. */
const RESERVE_BYTES_PER_ROW = 448;
/** What is reserved at most (DuckDB-WASM's memory ends at 4 GB). */
const RESERVE_MAX = 1 << 30;

/**
 * Grows DuckDB-WASM's memory to hold `bytes` more at once, before a large insert. Why: Emscripten grows it by a
 * fifth at a time as DuckDB asks, and V8 counts each growth as memory outside its heap; it starts a marking of the
 * whole JavaScript heap for about every 64 MB of that (a million messages: ten markings during the load and several
 * in the analyses after, each 0.1–0.3 s of this thread). Grown once, that is one marking. The pages are not touched until DuckDB uses them, so
 * the resident set does not grow with it.
 */
function reserveWasmMemory(heap: WasmHeap, bytes: number): void {
  // Freed at once: the memory stays grown, and DuckDB's allocator takes from it.
  const pointer = heap._malloc(Math.min(bytes, RESERVE_MAX));
  if (pointer) heap._free(pointer);
}
