/**
 * Each crisis summary printed to A4 by Chromium (playwright-core's
 * page.pdf): at most two pages, and every page carries the crisis name, the
 * build date and "page / pages" in its footer (@page margin boxes, site.css);
 * the headline and the open action items are printed; the KPI tiles stay on
 * one row. The PDF's text is read back from its content streams
 * (pdf-text.ts): what a reader of the paper sees, not the DOM.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDay } from '../../src/site/action-items.ts';
import { ensureSite, readStamp } from './build-site.ts';
import { pdfPages } from './pdf-text.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
/** The site under test: `dist/`, as site.test.ts builds it, unless DEBRIEF_TEST_SITE_DIR names another directory. */
const DIST = path.resolve(ROOT, process.env.DEBRIEF_TEST_SITE_DIR ?? 'dist');
const BUILD_TIMEOUT = 20 * 60_000;
const hasChromium = existsSync(CHROMIUM);

/** Text as compared: ligatures unfolded (ﬁ → fi), and no white space (the PDF places some glyphs one by one). */
const squeeze = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

let browser: Browser;
let server: StaticServer;
/** Each crisis's summary page (its front page without a notebook, else `<slug>/summary/`) and title. */
let summaries: { slug: string; page: string; title: string }[] = [];

describe.skipIf(!hasChromium)('printed summaries (A4)', () => {
  beforeAll(async () => {
    await ensureSite(path.relative(ROOT, DIST));
    server = await serveStatic(DIST, '/');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
    summaries = (readStamp(DIST)?.crises ?? []).map(({ slug }) => {
      const report = JSON.parse(readFileSync(path.join(DIST, slug, 'report.json'), 'utf8')) as { crisis: { title: string } };
      return { slug, page: existsSync(path.join(DIST, slug, 'summary', 'index.html')) ? `${slug}/summary/` : `${slug}/`, title: report.crisis.title };
    });
  }, BUILD_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('finds the two sample crises among the summaries', () => {
    expect(summaries.map((s) => s.slug)).toEqual(expect.arrayContaining(['smartlock-firmware-2024', 'cfpb-credit-bureaus-2019']));
  });

  it('each summary prints on at most two A4 pages, each with the crisis name, the build date and "page / pages"', async () => {
    const built = squeeze(formatDay(readStamp(DIST)!.buildDate));
    const problems: string[] = [];
    for (const s of summaries) {
      const page = await browser.newPage();
      await page.goto(server.url + s.page, { waitUntil: 'load' });
      const headline = (await page.textContent('[data-headline]')) ?? '';
      const pages = pdfPages(await page.pdf({ format: 'A4' }));
      await page.close();
      if (pages.length > 2) problems.push(`/${s.page}: ${pages.length} pages`);
      pages.forEach((p, i) => {
        const text = squeeze(p.text);
        if (!text.includes(`${i + 1}/${pages.length}`)) problems.push(`/${s.page} page ${i + 1}: no "${i + 1} / ${pages.length}"`);
        if (!text.includes(squeeze(s.title))) problems.push(`/${s.page} page ${i + 1}: no crisis name`);
        if (!text.includes(built)) problems.push(`/${s.page} page ${i + 1}: no build date ${built}`);
      });
      const all = squeeze(pages.map((p) => p.text).join(' '));
      if (!headline || !all.includes(squeeze(headline).slice(0, 60))) problems.push(`/${s.page}: the headline is not printed`);
      if (!all.includes('Openactionitems') || !all.includes('Incidentdurations')) problems.push(`/${s.page}: action items or incident durations not printed`);
    }
    expect(problems).toEqual([]);
  });

  it('the KPI tiles print on one row', async () => {
    const problems: string[] = [];
    for (const s of summaries) {
      const page = await browser.newPage({ viewport: { width: 718, height: 1000 } });
      await page.emulateMedia({ media: 'print' });
      await page.goto(server.url + s.page, { waitUntil: 'load' });
      const tops = await page.$$eval('.summary .kpis .kpi', (tiles) => tiles.map((t) => Math.round(t.getBoundingClientRect().top)));
      await page.close();
      if (new Set(tops).size > 1) problems.push(`/${s.page}: ${tops.length} tiles on ${new Set(tops).size} rows`);
    }
    expect(problems).toEqual([]);
  });
});
