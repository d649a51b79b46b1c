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
