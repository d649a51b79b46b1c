/**
 * The explorer (`/<crisis>/explore/`) in Chromium on the built site: DuckDB-WASM
 * starts from the site's own files, filters give the counts the messages CSV
 * gives when filtered in Node, the view state round-trips through the URL,
 * search, paging and the download work, nothing leaves the page's origin, and
 * the page fits a 390 px phone.
 */
import { existsSync, readFileSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Papa from 'papaparse';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PART_BYTES } from '../../src/explorer/parts.ts';
import { ensureSite } from './build-site.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const DIST = path.resolve(ROOT, process.env.DEBRIEF_TEST_SITE_DIR ?? 'dist');
const SLUG = 'smartlock-firmware-2024';
const hasChromium = existsSync(CHROMIUM);

type Row = Record<string, string>;
let browser: Browser;
let server: StaticServer;
let messages: Row[];

/** Opens the explorer at `query`, recording every request that leaves the server's origin; resolves once results are on screen. */
async function open(query: string, viewport = { width: 1366, height: 900 }) {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(server.url) || u.startsWith('blob:') || u.startsWith('data:')) return route.continue();
    problems.push(`left the origin: ${u}`);
    return route.abort();
  });
  await page.goto(`${server.url}${SLUG}/explore/${query}`);
  await ready(page);
  return { page, problems };
}

const ready = (page: Page) => page.waitForFunction(() => document.documentElement.dataset.explorerReady !== undefined, null, { timeout: 90_000 });
const shown = async (page: Page) => Number((await page.locator('.explorer-count').textContent())!.replace(/,/g, '').match(/^(\d+) messages/)![1]);
const expected = (keep: (m: Row) => boolean) => messages.filter(keep).length;

describe.skipIf(!hasChromium)('explorer in Chromium', () => {
  beforeAll(async () => {
    await ensureSite(path.relative(ROOT, DIST));
    server = await serveStatic(DIST, '/');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    messages = Papa.parse<Row>(readFileSync(path.join(DIST, SLUG, 'messages.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
  }, 20 * 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('no file of the site is over the 25 MiB a static host accepts; DuckDB is served in parts', () => {
    const big: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (statSync(p).size > 25 * 1024 * 1024) big.push(p);
      }
    };
    walk(DIST);
    expect(big).toEqual([]);
    expect(statSync(path.join(DIST, 'explorer/duckdb-eh.wasm.0')).size).toBe(PART_BYTES);
  });

  it('filters from the URL give the counts of the messages CSV filtered the same way; nothing leaves the origin', async () => {
    const { page, problems } = await open('?channel=reddit&sentiment=negative');
    expect(await shown(page)).toBe(expected((m) => m.channel === 'reddit' && m.sentiment === 'negative'));
    expect(await page.locator('select[name=channel]').inputValue()).toBe('reddit');
    // A filter change: the URL follows, and the count is the CSV's.
    await page.selectOption('select[name=sentiment]', '');
    await ready(page);
    expect(page.url()).toMatch(/\/explore\/\?channel=reddit$/);
    expect(await shown(page)).toBe(expected((m) => m.channel === 'reddit'));
    await page.selectOption('select[name=who]', 'brand');
    await ready(page);
    expect(await shown(page)).toBe(expected((m) => m.channel === 'reddit' && m.is_brand === 'true'));
    // The URL is the view: opened again, it shows the same.
    const again = await open(new URL(page.url()).search);
    expect(await shown(again.page)).toBe(await shown(page));
    expect(await again.page.locator('select[name=who]').inputValue()).toBe('brand');
    expect([...problems, ...again.problems]).toEqual([]);
    await page.close();
    await again.page.close();
  });

  it('searches words, pages through the whole filtered set, jumps to the peak and downloads the rows', async () => {
    const { page, problems } = await open('?q=locksmith');
    const hits = expected((m) => m.text.toLowerCase().includes('locksmith'));
    expect(hits).toBeGreaterThan(50);
    expect(await shown(page)).toBe(hits);
    const first = await page.locator('tbody tr td.msg-text').first().textContent();
    await page.click('[data-page=next]');
    await ready(page);
    expect(page.url()).toMatch(/page=2/);
    expect(await page.locator('.explorer-page').textContent()).toMatch(/^Page 2 of \d+$/);
    expect(await page.locator('tbody tr td.msg-text').first().textContent()).not.toBe(first);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=download]')]);
    const csv = Papa.parse<Row>(readFileSync((await download.path())!, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(csv.length).toBe(hits);
    expect(csv.every((r) => r.text!.toLowerCase().includes('locksmith'))).toBe(true);
    await page.click('[data-action=peak]');
    await ready(page);
    expect(page.url()).toMatch(/from=.*&to=/);
    expect(await shown(page)).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opened from disk, says plainly that it needs the site served', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(DIST, SLUG, 'explore/index.html')).href);
    await page.waitForFunction(() => (document.querySelector('.explorer-status')?.textContent ?? '').length > 0);
    expect(await page.locator('.explorer-status').textContent()).toMatch(/needs the site served over http\(s\)/);
    await page.close();
  });

  it('fits a 390 px phone, message text first', async () => {
    const { page } = await open('', { width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.locator('thead th').first().textContent()).toBe('Message');
    await page.close();
  });
});
