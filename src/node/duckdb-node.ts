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
  const engine = createEngine(conn, { beforeStatement: () => new Promise((resolve) => setImmediate(resolve)), ...options });
  return {
    ...engine,
    async close() {
      await engine.close();
      db.reset();
    },
  };
}
