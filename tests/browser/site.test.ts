/**
 * The built site in a real browser (Debian's Chromium through playwright-core):
 * every page loads without console errors or failed requests, charts are
 * drawn, KPIs agree with report.json, the executive summary is light (no
 * JavaScript, ≤ 150 KB) and prints on at most two pages, axe finds no serious
 * accessibility problem, and the site works under a sub-path and from disk.
 * Builds the site first when dist/ is missing or stale.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/analysis/report/report-model.ts';
import { kpi } from '../../src/site/kpis.ts';
import { ensureSite } from './build-site.ts';
import { serveStatic, type StaticServer } from './static-server.ts';
import { axeViolations } from './axe.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
/** The site under test: `dist/` unless DEBRIEF_TEST_SITE_DIR names another directory (phone.test.ts uses the same). */
const DIST = path.resolve(ROOT, process.env.DEBRIEF_TEST_SITE_DIR ?? 'dist');
const SUB_DIST = path.join(ROOT, 'out/site-sub');
const SHOTS = path.join(ROOT, 'tests/screenshots');
const BUILD_TIMEOUT = 20 * 60_000;
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser tests skipped: ${CHROMIUM} not found (apt-get install chromium)`);

let browser: Browser;
let server: StaticServer;
/** Crisis slugs and where their executive summary lives (the front page, or summary/ when a notebook takes the front). */
let crises: { slug: string; summary: string; report: ReportModel }[] = [];

/** Opens a page, collecting console errors, failed requests and any request that leaves 127.0.0.1. */
async function visit(url: string, setup?: (page: Page) => Promise<void>) {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith('http://127.0.0.1') || u.startsWith('file:') || u.startsWith('data:')) return route.continue();
    problems.push(`external request: ${u}`);
    return route.abort();
  });
  await setup?.(page);
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems };
}

describe.skipIf(!hasChromium)('report site in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const seconds = await ensureSite(path.relative(ROOT, DIST));
    if (seconds) process.stderr.write(`browser tests: site built in ${seconds.toFixed(0)} s\n`);
    server = await serveStatic(DIST, '/');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
    // Crises from the home page's cards; the summary page is the front page unless a notebook took it.
    const { page } = await visit(server.url);
    const slugs = await page.$$eval('[data-crisis]', (els) => els.map((e) => e.getAttribute('data-crisis') as string));
    await page.close();
    crises = slugs.map((slug) => {
      const summary = existsSync(path.join(DIST, slug, 'summary/index.html')) ? `${slug}/summary/` : `${slug}/`;
      return { slug, summary, report: JSON.parse(readFileSync(path.join(DIST, slug, 'report.json'), 'utf8')) as ReportModel };
    });
  }, BUILD_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists at least one crisis', () => {
    expect(crises.length).toBeGreaterThan(0);
  });

  it("serves each crisis's bundle files byte for byte: the CLI's bundle and the site's are the same", () => {
    for (const { slug } of crises) {
      const bundle = path.join(ROOT, '.debrief/bundles', slug);
      for (const file of ['report.json', 'messages.csv', 'cases.csv']) {
        if (!existsSync(path.join(bundle, file))) continue;
        expect(readFileSync(path.join(DIST, slug, file)).equals(readFileSync(path.join(bundle, file))), `${slug}/${file}`).toBe(true);
      }
    }
  });

  it('every page loads without console errors, failed or external requests, and every chart is drawn', async () => {
    const seen = new Set<string>();
    const queue = [server.url];
    const downloads = new Set<string>();
    while (queue.length) {
      const url = queue.shift() as string;
      if (seen.has(url)) continue;
      seen.add(url);
      const { page, problems } = await visit(url);
      expect(problems, url).toEqual([]);
      // Each figure holds a desktop and a phone rendering: the one shown at this size is measured.
      const charts = await page.$$eval('figure.chart', (figures) =>
        figures.map((f) => {
          const shown = [...f.querySelectorAll('svg[role="img"]')].filter((s) => s.getClientRects().length > 0);
          const s = shown[0];
          return { label: s?.getAttribute('aria-label') ?? f.querySelector('.chart-title')?.textContent, shown: shown.length, marks: s?.querySelectorAll('path, rect, line, circle, text').length ?? 0, area: s ? s.getBoundingClientRect().width * s.getBoundingClientRect().height : 0 };
        }),
      );
      for (const c of charts) {
        expect(c.shown, `${url}: ${c.label}`).toBe(1);
        expect(c.marks, `${url}: ${c.label}`).toBeGreaterThan(3);
        expect(c.area, `${url}: ${c.label}`).toBeGreaterThan(1000);
      }
      const links = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
      for (const link of links) {
        const clean = link.split('#')[0];
        if (!clean.startsWith(server.url)) throw new Error(`${url} links outside the site: ${link}`);
        if (clean.endsWith('.html')) queue.push(clean);
        else downloads.add(clean);
      }
      await page.close();
    }
    expect(seen.size).toBeGreaterThan(crises.length * 5);
    // Every download link resolves to a file of the build.
    for (const d of downloads) {
      const response = await fetch(d);
      expect(response.status, d).toBe(200);
    }
    // 228 s on a CI machine running other test files alongside: the budget is a hang guard, not a speed target.
  }, 600_000);

  it('KPIs (summary tiles and notebook figures) show what report.json says', async () => {
    for (const c of crises) {
      for (const p of new Set([c.summary, `${c.slug}/`])) {
        const { page } = await visit(server.url + p);
        const figures = await page.$$eval('[data-kpi]', (els) => els.map((e) => ({ name: e.getAttribute('data-kpi') as string, text: e.querySelector('[data-kpi-value]')?.textContent ?? '' })));
        expect(figures.length, p).toBeGreaterThan(0);
        for (const f of figures) expect(f.text, `${p} ${f.name}`).toBe(kpi(c.report, f.name).text);
        if (p !== c.summary) await page.screenshot({ path: path.join(SHOTS, `${c.slug}-notebook.png`), fullPage: true });
        await page.close();
      }
    }
  }, 120_000);

  it('executive summaries need no JavaScript, weigh at most 150 KB and print on at most two pages; screenshots saved', async () => {
    mkdirSync(SHOTS, { recursive: true });
    for (const c of crises) {
      const file = path.join(DIST, c.summary, 'index.html');
      const html = readFileSync(file, 'utf8');
      expect(html, c.slug).not.toMatch(/<script/i);
      expect(statSync(file).size, `${c.slug} summary bytes`).toBeLessThanOrEqual(150 * 1024);
      const { page } = await visit(server.url + c.summary);
      await page.screenshot({ path: path.join(SHOTS, `${c.slug}.png`), fullPage: true });
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: path.join(SHOTS, `${c.slug}-dark.png`), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.emulateMedia({ colorScheme: 'light' });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${c.slug} fits a phone`).toBeLessThanOrEqual(390);
      await page.screenshot({ path: path.join(SHOTS, `${c.slug}-mobile.png`), fullPage: true });
      await page.emulateMedia({ media: 'print', colorScheme: 'light' });
      for (const format of ['A4', 'Letter'] as const) {
        const pdf = await page.pdf({ format, printBackground: false });
        const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
        expect(pages, `${c.slug} printed on ${format}`).toBeGreaterThan(0);
        expect(pages, `${c.slug} printed on ${format}`).toBeLessThanOrEqual(2);
      }
      await page.close();
    }
  }, 180_000);

  // One page per URL: axe runs every rule in light mode, then only the colour rules in dark mode, since a
  // colour scheme changes colours, not structure (two full runs per page took 262 s of a 300 s budget under CI load).
  it('axe finds no serious or critical accessibility violations, in light and dark mode', async () => {
    const pages = ['', 'faults/', 'actions/', ...crises.flatMap((c) => [`${c.slug}/`, c.summary, `${c.slug}/themes/`, `${c.slug}/response/`, `${c.slug}/faults/`, `${c.slug}/messages/`])];
    const timings: string[] = [];
    for (const p of [...new Set(pages)]) {
      const started = performance.now();
      const { page } = await visit(server.url + p, (pg) => pg.emulateMedia({ colorScheme: 'light' }));
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        const violations = await axeViolations(page, { colourOnly: colorScheme === 'dark' });
        expect(violations, `${p} (${colorScheme})`).toEqual([]);
      }
      await page.close();
      timings.push(`${p || '/'} ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    process.stderr.write(`axe: ${timings.join(', ')}\n`);
  }, 600_000);

  it('works opened from disk (file://)', async () => {
    const { page, problems } = await visit(pathToFileURL(path.join(DIST, 'index.html')).href);
    await page.click(`[data-crisis="${crises[0].slug}"] a`);
    await page.waitForLoadState('load');
    expect(page.url()).toMatch(/index\.html$/);
    expect(await page.$$eval('figure.chart svg', (s) => s.length)).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  describe('under a sub-path', () => {
    let sub: StaticServer;
    beforeAll(async () => {
      await ensureSite(path.relative(ROOT, SUB_DIST), '/sub/');
      sub = await serveStatic(SUB_DIST, '/sub/');
    }, BUILD_TIMEOUT);
    afterAll(async () => sub?.close());

    it('serves every crisis front page and its downloads from /sub/', async () => {
      for (const c of crises) {
        const { page, problems } = await visit(`${sub.url}${c.slug}/`);
        expect(problems, c.slug).toEqual([]);
        const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
        for (const h of hrefs) expect(h.startsWith(sub.url), h).toBe(true);
        const csv = hrefs.find((h) => h.endsWith('.csv'));
        if (csv) expect((await fetch(csv)).status).toBe(200);
        await page.close();
      }
    }, 120_000);

    it('the explorer finds its DuckDB and its tables under /sub/', async () => {
      const c = crises[0]!;
      const { page, problems } = await visit(`${sub.url}${c.slug}/explore/`);
      await page.waitForFunction(() => document.documentElement.dataset.explorerReady !== undefined, null, { timeout: 90_000 });
      expect(Number(await page.evaluate(() => document.documentElement.dataset.explorerReady))).toBeGreaterThan(0);
      expect(problems).toEqual([]);
      await page.close();
    }, 120_000);
  });
});
