/**
 * The analysis runs in a browser, not only in Node: the whole pipeline
 * (papaparse ingest, DuckDB-WASM's async build in a Web Worker, sentiment,
 * themes, faults and the crisis analyses) bundled for the browser and run in
 * Debian's Chromium on a sample crisis must give report.json and
 * messages.csv byte for byte equal to Node's — with no network.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeCrisis } from '../../src/analysis/pipeline.ts';
import { memoryCrisisFiles } from '../../src/analysis/ingest/ingest-crisis.ts';
import { openNodeEngine } from '../../src/node/duckdb-node.ts';
import type { BrowserRun } from './pipeline-entry.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = path.join(ROOT, 'out/browser-pipeline');
const CHROMIUM = '/usr/bin/chromium';
const CRISIS = path.join(ROOT, 'data/smartlock-firmware-2024');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser pipeline test skipped: ${CHROMIUM} not found (apt-get install chromium)`);

/** The crisis directory as name → text, as a browser would get it from a file picker. */
function readCrisis(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((name) => name !== 'SOURCE.md')
      .sort()
      .map((name) => [name, readFileSync(path.join(dir, name), 'utf8')]),
  );
}

describe.skipIf(!hasChromium)('the pipeline in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    await build({
      entryPoints: [path.join(import.meta.dirname, 'pipeline-entry.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      outfile: path.join(OUT, 'pipeline.js'),
      logLevel: 'error',
    });
    const dist = path.dirname(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
    for (const f of ['duckdb-eh.wasm', 'duckdb-browser-eh.worker.js']) copyFileSync(path.join(dist, f), path.join(OUT, f));
    writeFileSync(path.join(OUT, 'index.html'), '<!doctype html><meta charset="utf-8"><title>debrief pipeline</title><script type="module" src="pipeline.js"></script>\n');
    server = await serveStatic(OUT, '/');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('gives report.json and messages.csv identical to Node, offline', async () => {
    const files = readCrisis(CRISIS);
    const engine = await openNodeEngine();
    const node = await analyzeCrisis(memoryCrisisFiles(files), engine, { slug: 'smartlock-firmware-2024' }).finally(() => engine.close());

    // Another time zone than the test process: analyses must not read the host's clock settings.
    const context = await browser.newContext({ timezoneId: 'Asia/Kolkata', locale: 'de-DE' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url)) return route.continue();
      problems.push(`external request: ${url}`);
      return route.abort();
    });
    await page.goto(server.url, { waitUntil: 'load' });
    await page.waitForFunction(() => 'debrief' in globalThis);
    const run = await page.evaluate(
      // The entry put `debrief` on globalThis (see pipeline-entry.ts).
      ([f, slug]) => (globalThis as unknown as { debrief: (files: Record<string, string>, slug: string) => Promise<BrowserRun> }).debrief(f, slug),
      [files, 'smartlock-firmware-2024'] as const,
    );
    await context.close();
    process.stderr.write(`browser pipeline: smartlock-firmware-2024 analysed in Chromium in ${run.seconds.toFixed(1)} s\n`);

    expect(problems).toEqual([]);
    expect(run.steps).toContain('analysis: faults');
    const report = JSON.parse(run.reportJson) as { counts: { messages: number }; sections: Record<string, unknown> };
    expect(report.counts.messages).toBe(11_257);
    expect(Object.keys(report.sections)).toEqual(['sentiment', 'timeline', 'response', 'coverage', 'playbook', 'amplifiers', 'themes', 'faults', 'candidateFaults', 'candidateFaultsTotal', 'tickets']);
    expect(run.reportJson).toBe(JSON.stringify(node.report, null, 2));
    expect(run.csv).toBe(node.csv());
  }, 180_000);

  it('loads a table of more than one insert batch in the browser build, checkpointing once and restoring its settings', async () => {
    const page = await browser.newPage();
    await page.goto(server.url, { waitUntil: 'load' });
    await page.waitForFunction(() => 'bulkInsert' in globalThis);
    const n = 120_001;
    // Set by pipeline-entry.ts.
    const out = await page.evaluate((rows) => (globalThis as unknown as { bulkInsert: (n: number) => Promise<{ rows: number; sum: number; before: string; after: string }> }).bulkInsert(rows), n);
    await page.close();
    expect([out.rows, out.sum]).toEqual([n, (n * (n - 1)) / 2]);
    expect(out.after).toBe(out.before);
  }, 120_000);

  it('fails with the fix, instead of hanging, when the .wasm is served with the wrong type', async () => {
    const page = await browser.newPage();
    const wasm = path.join(OUT, 'duckdb-eh.wasm');
    await page.route('**/duckdb-eh.wasm', (route) => route.fulfill({ path: wasm, contentType: 'application/octet-stream' }));
    await page.goto(server.url, { waitUntil: 'load' });
    await page.waitForFunction(() => 'startEngine' in globalThis);
    const outcome = await page.evaluate(() =>
      // Set by pipeline-entry.ts.
      (globalThis as unknown as { startEngine: (ms: number) => Promise<string> }).startEngine(5_000).catch((e: Error) => e.message),
    );
    await page.close();
    expect(outcome).toMatch(/^DuckDB-WASM (did not start within 5000 ms|failed to start \(.*\)): check that http:\/\/127\.0\.0\.1:\d+\/duckdb-eh\.wasm is served with Content-Type application\/wasm/);
  }, 60_000);
});
