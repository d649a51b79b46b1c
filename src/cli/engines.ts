/**
 * The engines `debrief` can analyse with, behind one interface: DuckDB-WASM
 * (the default, as in the browser) and native DuckDB (`@duckdb/node-api`) for
 * crises beyond DuckDB-WASM's 4 GB heap. Same SQL, same bytes out (a test
 * compares both engines' bundles of the sample crises).
 */
import type { Engine } from '../analysis/engine/engine.ts';

export const ENGINES = ['wasm', 'native'] as const;
export type EngineName = (typeof ENGINES)[number];

/** Opens the named engine (loaded on demand: the native addon only when asked for). */
export async function openEngine(name: EngineName = 'wasm'): Promise<Engine> {
  if (name === 'native') return (await import('../node/duckdb-native.ts')).openNativeEngine();
  return (await import('../node/duckdb-node.ts')).openNodeEngine();
}

/** An engine opened on first use, or earlier when told to start. */
export interface LazyEngine extends Engine {
  /**
   * Starts opening it now, without waiting. Why: most of DuckDB-WASM's start is compiling its WebAssembly on
   * other threads (about 1.1 of its 1.9 s here); started once the first records of a good file are read, that
   * runs beside the reading instead of after it. A failed start fails the first call that needs the engine.
   */
  start(): void;
}

/**
 * An engine opened on first use: a crisis whose crisis.yaml, files or columns are wrong fails before
 * DuckDB starts (seconds on a busy machine). `close()` of an engine never used opens nothing.
 */
export function lazyEngine(open: () => Promise<Engine>): LazyEngine {
  let engine: Promise<Engine> | undefined;
  const use = () => (engine ??= open());
  return {
    start() {
      // Nothing waits on it yet: its failure must not surface as an unhandled rejection before a call does.
      use().catch(() => undefined);
    },
    query: async (sql) => (await use()).query(sql),
    exec: async (sql) => (await use()).exec(sql),
    insert: async (table, columns, rows) => (await use()).insert(table, columns, rows),
    loadArrow: async (table, ipc) => (await use()).loadArrow(table, ipc),
    async close() {
      // An engine that failed to open has nothing to close (its error went to whoever used it first).
      await (await engine?.catch(() => undefined))?.close();
    },
  };
}
