/**
 * SQL over the bundles' tables for notebooks' cells. Opening DuckDB-WASM
 * takes about two seconds, so the site opens one engine for all crises (each
 * crisis's tables in a schema of their own, loaded on first use) and keeps
 * every cell's result on disk, keyed by the bundle's tables and the SQL: a
 * rebuild after editing a notebook opens no engine unless a cell is new.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUNDLE_TABLES } from '../analysis/bundle/layout.ts';
import { sha256Hex } from '../analysis/core/sha256.ts';
import type { Engine, Row } from '../analysis/engine/engine.ts';
import { openNodeEngine } from '../node/duckdb-node.ts';
import type { LoadedCrisis } from './crises.ts';

/** A query's rows and its columns' DuckDB types (`unknown` when DESCRIBE could not tell). */
export interface SqlResult {
  columns: { name: string; type: string }[];
  rows: Row[];
}

const KEY = Symbol.for('debrief.site.sql');
interface Shared {
  engine?: Promise<Engine>;
  schemas: Map<string, Promise<string>>;
  queue: Promise<unknown>;
  /** A cache write failed and was warned about (once per build). */
  warned?: boolean;
}

function shared(): Shared {
  const g = globalThis as { [KEY]?: Shared };
  return (g[KEY] ??= { schemas: new Map(), queue: Promise.resolve() });
}

/**
 * Runs `sql` against the tables of `crisis`'s bundle (cached on disk under
 * `cacheDir`). Rejects with DuckDB's error when the query fails.
 */
export async function bundleQuery(crisis: LoadedCrisis, sql: string, cacheDir: string): Promise<SqlResult> {
  const tables = crisis.manifest.files.filter((f) => BUNDLE_TABLES.some((t) => t.file === f.name)).map((f) => f.sha256);
  const file = path.join(cacheDir, `${sha256Hex(`${tables.join(',')}\n${sql}`)}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SqlResult;
  const result = await serially(() => execute(crisis, sql));
  keep(file, result);
  return result;
}

/**
 * Writes a cell's result to the cache, then renames it (a build killed half-way never leaves a torn entry).
 * The cache only saves time: a failed write is warned about once per build and the build goes on.
 */
function keep(file: string, result: SqlResult): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(tmp, JSON.stringify(result));
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    const s = shared();
    if (s.warned) return;
    s.warned = true;
    console.warn(`debrief: warning: cannot write the SQL cell cache file ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}): the build goes on, and runs the cell again next time; free some disk space`);
  }
}

// One connection: a crisis's schema is selected per query, so queries must not interleave.
function serially<T>(task: () => Promise<T>): Promise<T> {
  const s = shared();
  const run = s.queue.then(task, task);
  s.queue = run.catch(() => undefined);
  return run;
}

async function execute(crisis: LoadedCrisis, sql: string): Promise<SqlResult> {
  const s = shared();
  const engine = await (s.engine ??= openNodeEngine());
  let schema = s.schemas.get(crisis.dir);
  if (!schema) s.schemas.set(crisis.dir, (schema = loadSchema(engine, crisis, s.schemas.size)));
  await engine.exec(`SET search_path = '${await schema}'`);
  const rows = await engine.query(sql);
  let columns: SqlResult['columns'];
  try {
    const described = await engine.query<{ column_name: string; column_type: string }>(`DESCRIBE ${sql}`);
    columns = described.map((d) => ({ name: String(d.column_name), type: String(d.column_type) }));
  } catch {
    // DESCRIBE takes only queries; for anything else keep the row keys, untyped.
    columns = Object.keys(rows[0] ?? {}).map((name) => ({ name, type: 'unknown' }));
  }
  return { columns, rows };
}

async function loadSchema(engine: Engine, crisis: LoadedCrisis, n: number): Promise<string> {
  const schema = `crisis_${n}`;
  // Staging tables are created in the default schema.
  await engine.exec(`SET search_path = 'main'`);
  await engine.exec(`CREATE SCHEMA ${schema}`);
  for (const { table, file } of BUNDLE_TABLES) await engine.loadArrow(`${schema}.${table}`, new Uint8Array(readFileSync(path.join(crisis.dir, file))));
  return schema;
}
