/**
 * The explorer's database in the browser: DuckDB-WASM started from the
 * site's own files (its module served in parts), and the table being
 * explored — messages or cases — fetched (only the chosen one) and loaded as
 * the explore table of queries.ts. DuckDB's module is compiled by the page as
 * it downloads (duckdb-module.ts). Marks (`explorer:…`) time each step for
 * bench/explorer.ts.
 */
import { openBrowserEngine } from '../browser/duckdb-browser.ts';
import type { Engine } from '../analysis/engine/engine.ts';
import { placeholderModuleUrl, startCompile } from './duckdb-module.ts';
import { fetchParts } from './fetch-parts.ts';
import { dateOnly } from '../analysis/crisis/buckets.ts';
import { exploreViewSql, materializeSql, tableFacts, tableFactsSql, timeCountsSql, type ExploreSchema } from './queries.ts';
import { exploreTable, type TableName } from './tables.ts';

/** One table the page can explore: its file's parts, its attributes' parts (only when one of its segments is an attribute) and its segments. */
export interface TableConfig {
  arrow: string[];
  attributes: string[];
  /** The report's breakdowns of this table: field, and the segments section's SQL of each row's segment. */
  segments: { field: string; sql: string }[];
}

/** The page's settings (index.astro writes them into `data-explorer`). */
export interface Config {
  /** The tables the crisis has rows in (index.astro), and the one shown when the URL names none. */
  tables: Partial<Record<TableName, TableConfig>>;
  defaultTable: TableName;
  wasm: string[];
  worker: string;
  zone: string;
  bucketMs: number;
  /** Theme and fault ids → labels (the report's), for site/labels.ts `columnValueText`. */
  labels: { themes: Record<string, string>; faults: Record<string, string> };
  /** Fault ids of kind `service` (waiting for support, no reply): named as service failures, apart from product faults, as the faults pages keep them. */
  serviceFaults: string[];
}

const mark = (name: string) => performance.mark(`explorer:${name}`);

/** A table's files, their downloads started (a failure is reported when they are awaited, never as an unhandled rejection). */
export function fetchTable(config: Config, name: TableName): { arrow: Promise<Uint8Array<ArrayBuffer>>; attributes: Promise<Uint8Array<ArrayBuffer>> | null } {
  const t = config.tables[name]!;
  const arrow = fetchParts(t.arrow).then((bytes) => {
    mark('arrow-fetched');
    return bytes;
  });
  const attributes = t.attributes.length ? fetchParts(t.attributes) : null;
  arrow.catch(() => undefined);
  attributes?.catch(() => undefined);
  return { arrow, attributes };
}

/**
 * Loads a table's files into DuckDB and opens the explore view over them
 * (queries.ts), with every derived column the filters need; once the first
 * results are shown, {@link materializeTable} copies its rows.
 */
export async function prepareTable(engine: Engine, config: Config, name: TableName, files: ReturnType<typeof fetchTable>): Promise<ExploreSchema> {
  const table = exploreTable(name);
  const segments = config.tables[name]!.segments;
  await engine.loadArrow(table.name, await files.arrow);
  if (files.attributes) await engine.loadArrow(table.attributes, await files.attributes);
  mark('table-loaded');
  const columns = new Set((await engine.query<{ column_name: string }>(`DESCRIBE ${table.name}`)).map((c) => c.column_name));
  await engine.exec(exploreViewSql(columns, segments.map((s) => s.sql), config.bucketMs, table));
  mark('table-derived');
  const schema: ExploreSchema = { table, columns, segmentFields: segments.map((s) => s.field), bucketMs: config.bucketMs };
  // Counted once, here, in one query: selects offered only with several values (a cases' channel), columns no row has a value in (not drawn: tables.ts shownColumns), and whether the times may be dates alone.
  const facts = tableFacts((await engine.query(tableFactsSql(schema)))[0]);
  schema.constantSelects = facts.constantSelects;
  schema.withValues = facts.withValues;
  // Complaints exports often give a date only: such times are shown as dates, not as "00:00 EST". The report's timeline decides the same way.
  const times = facts.onQuarterHours ? await engine.query<{ ms: number; n: number }>(timeCountsSql()) : [];
  schema.dateOnly = dateOnly(times.map((t) => t.ms), config.zone, times.map((t) => t.n));
  mark('table-prepared');
  return schema;
}

/**
 * Copies the explore view's rows into a table of their own (queries.ts
 * `materializeSql`) and drops the bundle's tables the view read: run once
 * the first results are on screen, so later filter changes do not
 * recompute the derived columns. The first search waits for it.
 */
export async function materializeTable(engine: Engine, schema: ExploreSchema): Promise<void> {
  for (const sql of materializeSql()) await engine.exec(sql);
  // The explore table has every column of the bundle's table: the bundle's tables are not needed any more.
  await engine.exec(`DROP TABLE IF EXISTS ${schema.table!.name}`);
  await engine.exec(`DROP TABLE IF EXISTS ${schema.table!.attributes}`);
}

/**
 * Starts DuckDB and loads the explore table of `name`. DuckDB's module comes
 * first (the page preloads it, and its first script starts compiling it),
 * alone, and compiles as it downloads (duckdb-module.ts); the table's
 * download starts once the module's bytes are in, and runs while the
 * compilation ends and DuckDB starts.
 */
export async function openDatabase(config: Config, name: TableName): Promise<{ engine: Engine; schema: ExploreSchema }> {
  let files: ReturnType<typeof fetchTable> | null = null;
  const startFiles = () => (files ??= fetchTable(config, name));
  // Started already by the page's first script (index.astro), or here.
  const { module, downloaded, worker } = startCompile(config.wasm, config.worker);
  void downloaded.then(startFiles);
  try {
    await module;
  } catch (error) {
    worker.terminate();
    throw error;
  }
  mark('wasm-compiled');
  const engine = await openBrowserEngine({ wasmUrl: placeholderModuleUrl(), workerUrl: config.worker, worker });
  mark('engine-ready');
  return { engine, schema: await prepareTable(engine, config, name, startFiles()) };
}
