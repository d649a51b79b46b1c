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

/**
 * An engine opened on first use: a crisis whose crisis.yaml, files or columns are wrong fails before
 * DuckDB starts (seconds on a busy machine). `close()` of an engine never used opens nothing.
 */
export function lazyEngine(open: () => Promise<Engine>): Engine {
  let engine: Promise<Engine> | undefined;
  const use = () => (engine ??= open());
  return {
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
