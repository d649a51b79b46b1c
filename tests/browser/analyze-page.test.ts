/**
 * `/analyze/` in Chromium on the built site: the smart-lock sample's files
 * chosen in the page are analysed in a Web Worker on DuckDB-WASM; the KPI
 * tiles show the CLI's figures, the saved bundle holds the files `debrief
 * analyze` writes (report.json byte for byte), nothing leaves the page's
 * origin, an unreadable file (dropped on the page) gets the CLI's error naming file, row and
 * problem, axe finds nothing serious in light or dark mode, the report fits a
 * 390 px phone, and only the pages that need a script have one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryBundleSink, writeBundle } from '../../src/analysis/bundle/write-bundle.ts';
import { analyzeCrisis } from '../../src/analysis/pipeline.ts';
import type { ReportModel } from '../../src/analysis/report/report-model.ts';
import { readFaultLibraryFor } from '../../src/node/fault-library-file.ts';
import { openNodeEngine } from '../../src/node/duckdb-node.ts';
import { nodeCrisisFiles } from '../../src/node/files.ts';
import { headlineKpis } from '../../src/site/kpis.ts';
import { ensureSite } from './build-site.ts';
import { serveStatic, type StaticServer } from './static-server.ts';
import { axeViolations } from './axe.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const DIST = path.resolve(ROOT, process.env.DEBRIEF_TEST_SITE_DIR ?? 'dist');
const SLUG = 'smartlock-firmware-2024';
const CRISIS = path.join(ROOT, 'data', SLUG);
const UPLOAD = ['crisis.yaml', 'posts.csv', 'tickets.json'].map((f) => path.join(CRISIS, f));
const hasChromium = existsSync(CHROMIUM);
const hasUnzip = existsSync('/usr/bin/unzip');
if (!hasChromium) console.warn(`[skipped] /analyze/ browser test: ${CHROMIUM} not found (apt-get install chromium)`);
if (hasChromium && !hasUnzip) console.warn('[skipped] /analyze/ bundle download check: /usr/bin/unzip not found');

let browser: Browser;
let server: StaticServer;
/** What `debrief analyze` writes for the crisis: its bundle's files. */
let cli: Map<string, Uint8Array>;
let cliReport: ReportModel;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'debrief-analyze-page-'));

/** Opens /analyze/, recording console errors and every request that leaves the server's origin. */
async function open(viewport = { width: 1366, height: 900 }) {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // Every request, the worker's included: only the page's own origin (and its in-memory blob: URLs) may be asked.
  page.on('request', (r) => requests.push(r.url()));
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(server.url) || u.startsWith('blob:') || u.startsWith('data:')) return route.continue();
    problems.push(`left the origin: ${u}`);
    return route.abort();
  });
  await page.goto(`${server.url}analyze/`);
  return { page, problems, requests };
}

const ready = (page: Page, timeout = 240_000) => page.waitForFunction(() => document.documentElement.dataset.analysisReady !== undefined, null, { timeout });


describe.skipIf(!hasChromium)('/analyze/ in Chromium', () => {
  beforeAll(async () => {
    // DEBRIEF_TEST_SITE_REUSE=1 takes the site in DEBRIEF_TEST_SITE_DIR as it is (built by a caller who holds the build lock).
    if (!process.env.DEBRIEF_TEST_SITE_REUSE) await ensureSite(path.relative(ROOT, DIST));
    server = await serveStatic(DIST, '/');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    // As `debrief analyze data/smartlock-firmware-2024` does it: the crisis's files, the site's fault library, the bundle writer.
    const engine = await openNodeEngine();
    try {
      const result = await analyzeCrisis(nodeCrisisFiles(CRISIS), engine, { slug: SLUG, faultLibrary: readFaultLibraryFor(CRISIS) });
      const sink = memoryBundleSink();
      await writeBundle(result, 'cli', sink);
      cli = sink.files;
    } finally {
      await engine.close();
    }
    cliReport = JSON.parse(new TextDecoder().decode(cli.get('report.json'))) as ReportModel;
  }, 20 * 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('analyses the chosen files in the browser: the CLI’s figures, its bundle, nothing sent anywhere, accessible, fits a phone', async () => {
    const { page, problems, requests } = await open();
    await page.fill('input[name=slug]', SLUG);
    await page.setInputFiles('input[type=file]', UPLOAD);
    await ready(page);
    expect(await page.evaluate(() => document.documentElement.dataset.analysisReady)).toBe(String(cliReport.counts.messages));
    expect(cliReport.counts.messages).toBe(11_257);

    // The KPI tiles: the summary page's functions on the CLI's report.json give the same texts.
    const tiles = await page.$$eval('.analyze-result .kpi', (lis) => lis.map((li) => [li.getAttribute('data-kpi'), li.querySelector('[data-kpi-value]')!.textContent]));
    expect(tiles).toEqual(headlineKpis(cliReport).map((k) => [k.name, k.text]));
    expect(tiles.find(([name]) => name === 'messages')?.[1]).toBe('11,257');
    // The charts, drawn in the page, and the ledger with the CLI's totals.
    expect(await page.$$eval('.analyze-result figure.chart', (f) => f.map((x) => x.getAttribute('data-chart')))).toEqual(['timeline', 'sentiment', 'themes', 'faults']);
    expect(await page.$$eval('.analyze-result figure.chart .chart-full svg', (s) => s.length)).toBe(4);
    const t = cliReport.ledger.totals;
    expect((await page.textContent('[data-ledger-totals]'))!.replace(/\s+/g, ' ')).toBe(
      `${t.read.toLocaleString('en-US')} records read from 2 files: ${t.loaded.toLocaleString('en-US')} loaded, ${t.rejected.toLocaleString('en-US')} rejected, ${t.superseded.toLocaleString('en-US')} superseded by a later version, ${t.duplicates.toLocaleString('en-US')} duplicates.`,
    );
    const steps = await page.$$eval('.analyze-steps li', (li) => li.map((x) => x.textContent));
    expect(steps).toContain('analysis: faults');
    // The language work was shared with a helper worker (one per core but one): the bundle below is still the CLI's, byte for byte.
    if ((await page.evaluate(() => navigator.hardwareConcurrency)) > 1) expect(steps.filter((s) => /^language helper worker 1 of \d started$/.test(s!))).toHaveLength(1);

    // The saved bundle, offered once written: every file as the CLI's bundle has it; only the manifest's input key differs (the CLI hashes its code too).
    await page.locator('.analyze-download').waitFor({ state: 'visible', timeout: 120_000 });
    expect((await page.$$eval('.analyze-steps li', (li) => li.map((x) => x.textContent))).at(-1)).toMatch(/^bundle written in \d+\.\d s$/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.analyze-download')]);
    expect(download.suggestedFilename()).toBe(`${SLUG}.debrief-bundle.zip`);
    const zip = path.join(tmp, 'bundle.zip');
    await download.saveAs(zip);
    if (hasUnzip) {
      execFileSync('unzip', ['-q', zip, '-d', path.join(tmp, 'bundles')]);
      const dir = path.join(tmp, 'bundles', SLUG);
      expect(readdirSync(dir).sort()).toEqual([...cli.keys()].sort());
      expect(readFileSync(path.join(dir, 'report.json'), 'utf8')).toBe(new TextDecoder().decode(cli.get('report.json')));
      for (const [name, bytes] of cli) if (name !== 'manifest.json') expect(Buffer.from(readFileSync(path.join(dir, name))).equals(Buffer.from(bytes)), name).toBe(true);
      const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { inputKey: string };
      expect(manifest.inputKey).toMatch(/^[0-9a-f]{64}$/);
      expect({ ...manifest, inputKey: 'cli' }).toEqual(JSON.parse(new TextDecoder().decode(cli.get('manifest.json'))));
    }

    // Nothing but the site's own files was asked for.
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
    expect(problems).toEqual([]);

    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await axeViolations(page), colorScheme).toEqual([]);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.$$eval('.analyze-result figure.chart .chart-narrow svg', (s) => s.filter((x) => x.getBoundingClientRect().width > 0).length)).toBe(4);
    await page.close();
  }, 600_000);

  it('says what cannot be read: the file, the row and the problem, as the CLI does', async () => {
    const { page, problems } = await open();
    await page.fill('input[name=slug]', 'broken');
    // Dropped on the page this time, as from a file manager.
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(['[{"id": "1", "text": "hello", "created_at": "2024-10-01T00:00:00Z"},\n{"id": "2", "text": '], 'posts.json', { type: 'application/json' }));
      document.querySelector('.analyze-drop')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    const error = page.locator('.analyze-error');
    await error.waitFor({ state: 'visible', timeout: 120_000 });
    const text = (await error.textContent())!;
    expect(text).toMatch(/^Could not analyse the files: posts\.json: all 1 records rejected, 1 for invalid JSON \(e\.g\. posts\.json:1: not valid JSON: .+\)\. To fix: /);
    expect(await page.evaluate(() => document.documentElement.dataset.analysisReady)).toBeUndefined();
    expect(await page.$$eval('.analyze-result > *', (n) => n.length)).toBe(0);
    // A bad name is refused before anything runs.
    await page.fill('input[name=slug]', 'Not A Slug');
    await page.click('.analyze-form button[type=submit]');
    await expect.poll(() => error.textContent()).toMatch(/"Not A Slug" is not a usable name/);
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);

  it('opened from disk, says why it cannot run', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(DIST, 'analyze/index.html')).href);
    expect(await page.textContent('.analyze-status')).toMatch(/^This page needs the site served over http\(s\): browsers refuse its code, its Web Worker and its database/);
    await page.close();
  });

  it('loads its script and DuckDB on /analyze/ only: report pages stay without JavaScript; no file over 25 MiB', () => {
    const withScripts: string[] = [];
    const big: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else {
          if (statSync(p).size > 25 * 1024 * 1024) big.push(p);
          if (e.name.endsWith('.html') && /<script[^>]*type="module"/.test(readFileSync(p, 'utf8'))) withScripts.push(path.relative(DIST, p));
        }
      }
    };
    walk(DIST);
    expect(big).toEqual([]);
    expect(withScripts).toContain('analyze/index.html');
    // Besides /analyze/, only the explorers load code.
    expect(withScripts.filter((p) => p !== 'analyze/index.html' && !/\/explore\/index\.html$/.test(p))).toEqual([]);
    expect(readFileSync(path.join(DIST, 'index.html'), 'utf8')).toMatch(/href="analyze\/index\.html"/);
  });
});
