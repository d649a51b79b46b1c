/**
 * Opens DuckDB-WASM's async browser build (the database runs in a Web
 * Worker) as an {@link Engine}. The page serves the .wasm and worker files
 * itself and passes their URLs: nothing is fetched from a CDN.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import { createEngine, type DuckConnectionLike, type Engine, type EngineOptions } from '../analysis/engine/engine.ts';

export interface BrowserEngineOptions extends EngineOptions {
  /** URL of `duckdb-eh.wasm` (from @duckdb/duckdb-wasm/dist), as served by the page. */
  wasmUrl: string;
  /** URL of `duckdb-browser-eh.worker.js`, same origin as the page. */
  workerUrl: string;
  /** How long DuckDB may take to start (default 30 s). */
  startTimeoutMs?: number;
  /** A worker already started with DuckDB's worker script (the explorer's, given a module it compiled); absent: one of `workerUrl`. */
  worker?: Worker;
}

/** Starts an in-memory DuckDB in a worker and returns it as an {@link Engine}. */
export async function openBrowserEngine(options: BrowserEngineOptions): Promise<Engine> {
  const worker = options.worker ?? new Worker(options.workerUrl);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  const ms = options.startTimeoutMs ?? 30_000;
  // A worker given ready-made instantiates a module its page compiled: then `wasmUrl` is a placeholder, not worth naming.
  const hint = options.worker
    ? `check that DuckDB's module parts and ${options.workerUrl} are served from the page's own origin`
    : `check that ${options.wasmUrl} is served with Content-Type application/wasm and ${options.workerUrl} from the page's own origin`;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onError: ((event: ErrorEvent) => void) | undefined;
  // A wasm served with the wrong type fails inside the worker and instantiate() never settles: give up with the likely fix.
  const failed = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`DuckDB-WASM did not start within ${ms} ms: ${hint}`)), ms);
    onError = (event) => reject(new Error(`DuckDB-WASM failed to start (${event.message || 'worker error'}): ${hint}`));
    worker.addEventListener('error', onError);
  });
  try {
    await Promise.race([db.instantiate(options.wasmUrl), failed]);
  } catch (error) {
    worker.terminate();
    throw error;
  } finally {
    clearTimeout(timer);
    if (onError) worker.removeEventListener('error', onError);
  }
  // The async connection answers with promises; DuckConnectionLike allows both.
  const conn = (await db.connect()) as unknown as DuckConnectionLike;
  const engine = createEngine(conn, options);
  return {
    ...engine,
    async close() {
      await engine.close();
      await db.terminate();
    },
  };
}
