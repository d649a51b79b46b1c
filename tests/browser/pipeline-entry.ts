/**
 * Browser entry for tests/browser/pipeline.test.ts: the whole pipeline
 * (ingest, DuckDB-WASM in a worker, every analysis) on files handed in by
 * the test, exposed as `window.debrief`.
 */
import { analyzeCrisis } from '../../src/analysis/pipeline.ts';
import { memoryCrisisFiles } from '../../src/analysis/ingest/ingest-crisis.ts';
import { openBrowserEngine } from '../../src/browser/duckdb-browser.ts';

/** What the test gets back: the outputs as text, and where time went. */
export interface BrowserRun {
  reportJson: string;
  csv: string;
  steps: string[];
  seconds: number;
}

/** DuckDB's files, served beside the page by the test. */
const duckdbFiles = () => ({ wasmUrl: new URL('duckdb-eh.wasm', location.href).href, workerUrl: new URL('duckdb-browser-eh.worker.js', location.href).href });

async function debrief(crisisFiles: Record<string, string>, slug: string): Promise<BrowserRun> {
  const started = performance.now();
  const engine = await openBrowserEngine(duckdbFiles());
  const steps: string[] = [];
  try {
    const result = await analyzeCrisis(memoryCrisisFiles(crisisFiles), engine, { slug, onStep: (m) => { steps.push(m); console.log(`debrief: ${m}`); } });
    return { reportJson: JSON.stringify(result.report, null, 2), csv: result.csv(), steps, seconds: (performance.now() - started) / 1000 };
  } finally {
    await engine.close();
  }
}

/** Only starts the engine: for the test of a badly served .wasm. */
async function startEngine(startTimeoutMs: number): Promise<string> {
  const engine = await openBrowserEngine({ ...duckdbFiles(), startTimeoutMs });
  await engine.close();
  return 'started';
}

/**
 * Inserts `n` rows through the engine, more than one batch: the bulk path, which holds off DuckDB's checkpoints and
 * compresses once. Returns the rows counted back and the settings before and after.
 */
async function bulkInsert(n: number): Promise<{ rows: number; sum: number; before: string; after: string }> {
  const engine = await openBrowserEngine(duckdbFiles());
  try {
    const settings = async () => JSON.stringify(await engine.query("SELECT current_setting('checkpoint_threshold') AS t, current_setting('disabled_compression_methods') AS d"));
    const before = await settings();
    await engine.exec('CREATE TABLE bulk (id VARCHAR, n BIGINT, text VARCHAR)');
    const rows = Array.from({ length: n }, (_, i) => ({ id: `m${i}`, n: i, text: `post ${i} about the outage, number ${i % 977}` }));
    await engine.insert('bulk', [{ sql: 'id', type: 'VARCHAR', key: 'id' }, { sql: 'n', type: 'BIGINT', key: 'n' }, { sql: 'text', type: 'VARCHAR', key: 'text' }], rows);
    const [count] = await engine.query<{ rows: number; sum: number }>('SELECT count(*)::INTEGER AS rows, sum(n)::DOUBLE AS sum FROM bulk');
    return { rows: Number(count!.rows), sum: Number(count!.sum), before, after: await settings() };
  } finally {
    await engine.close();
  }
}

Object.assign(globalThis, { debrief, startEngine, bulkInsert });
