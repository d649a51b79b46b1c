/**
 * An engine that is starting: DuckDB-WASM takes seconds to fetch and compile,
 * and the pipeline first reads and parses every file without it, so the page
 * starts both at once; each engine call waits for the start to finish. (The
 * CLI's lazyEngine does the opposite — it opens on first use — because there
 * a file's mistake should fail before any engine starts.) Pure.
 */
import type { Engine } from '../analysis/engine/engine.ts';

/** An {@link Engine} over one that `starting` will give; a failed start fails the first call that needs it. */
export function earlyEngine(starting: Promise<Engine>): Engine {
  // A start that fails before anything needs the engine must not surface as an unhandled rejection.
  starting.catch(() => undefined);
  return {
    query: async (sql) => (await starting).query(sql),
    exec: async (sql) => (await starting).exec(sql),
    insert: async (table, columns, rows) => (await starting).insert(table, columns, rows),
    loadArrow: async (table, ipc) => (await starting).loadArrow(table, ipc),
    async close() {
      // A start that failed has nothing to close; its error went to the first call.
      await (await starting.catch(() => undefined))?.close();
    },
  };
}
