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

Object.assign(globalThis, { debrief, startEngine });
