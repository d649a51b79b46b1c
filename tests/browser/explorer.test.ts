/**
 * The explorer (`/<crisis>/explore/`) in Chromium on the built site: DuckDB-WASM
 * starts from the site's own files, filters give the counts the messages CSV
 * gives when filtered in Node, the view state round-trips through the URL,
 * search, paging and the download work, brushing the timeline (or typing
 * From/To) narrows to a time range, the charts follow the filter and a click
 * on a bar filters on it, nothing leaves the page's origin, axe finds no
 * serious or critical violation in light or dark mode, and the page fits a
 * 390 px phone. A cases-only crisis explores its cases (counts of its cases
 * CSV, paging), fetching no messages; a crisis with both switches to its
 * cases.
 */
import { existsSync, readFileSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Papa from 'papaparse';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PART_BYTES } from '../../src/explorer/parts.ts';
import { wallInputValue } from '../../src/explorer/range.ts';
import { columnValueText } from '../../src/site/labels.ts';
import { ensureSite } from './build-site.ts';
import { serveStatic, type StaticServer } from './static-server.ts';
import { axeViolations } from './axe.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const DIST = path.resolve(ROOT, process.env.DEBRIEF_TEST_SITE_DIR ?? 'dist');
const SLUG = 'smartlock-firmware-2024';
/** A crisis of complaints only: the explorer shows its cases. */
const CASES_SLUG = 'cfpb-credit-bureaus-2019';
/** A crisis of complaints without narratives, status or category (NHTSA's): its cases have no text to show. */
const NO_TEXT_SLUG = 'nhtsa-ford-escape-2015-2025';
const PHONE = { width: 390, height: 844 };
const hasChromium = existsSync(CHROMIUM);

type Row = Record<string, string>;
let browser: Browser;
let server: StaticServer;
let messages: Row[];

/** Opens the explorer of `slug` at `query`, recording every request (and those that leave the server's origin); resolves once results are on screen. */
async function open(query: string, viewport = { width: 1366, height: 900 }, colorScheme: 'light' | 'dark' = 'light', slug = SLUG) {
  const page = await browser.newPage({ viewport, acceptDownloads: true, colorScheme });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(server.url) || u.startsWith('blob:') || u.startsWith('data:')) return route.continue();
    problems.push(`left the origin: ${u}`);
    return route.abort();
  });
  await page.goto(`${server.url}${slug}/explore/${query}`);
  await ready(page);
  return { page, problems, requests };
}

const ready = (page: Page) => page.waitForFunction(() => document.documentElement.dataset.explorerReady !== undefined, null, { timeout: 90_000 });
const shown = async (page: Page) => Number((await page.locator('.explorer-count').textContent())!.replace(/,/g, '').match(/^(\d+) messages/)![1]);
const expected = (keep: (m: Row) => boolean) => messages.filter(keep).length;
const inRange = (m: Row, url: string) => {
  const q = new URL(url).searchParams;
  const t = Date.parse(m.created_at!);
  return t >= Date.parse(q.get('from')!) && t < Date.parse(q.get('to')!);
};
const hasFault = (m: Row, fault: string) => (m.fault ?? '').split(';').includes(fault);

/** A row of the explorer's table as a phone draws it: its box, and its cells shown, topmost then leftmost first (label, text as read). */
type Card = { id: number; left: number; right: number; cells: { label: string | null; lead: boolean; text: string }[] };
const cards = (page: Page): Promise<Card[]> =>
  page.$$eval('.explorer-table tbody tr', (trs) =>
    (trs as HTMLTableRowElement[]).map((tr, id) => {
      const box = tr.getBoundingClientRect();
      const shown = [...tr.cells].filter((c) => c.getClientRects().length > 0 && c.getBoundingClientRect().height > 0);
      shown.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top || a.getBoundingClientRect().left - b.getBoundingClientRect().left);
      return { id, left: box.left, right: box.right, cells: shown.map((c) => ({ label: c.dataset.label ?? null, lead: c.classList.contains('msg-text'), text: (c as HTMLElement).innerText.trim() })) };
    }),
  );
/** What is wrong with the cards of a phone (390 px): wider than the screen, a cell shown with no value ("–" or blank), a cell other than the text unlabelled. */
const cardProblems = (found: Card[]) =>
  found.flatMap((c) => [
    ...(c.left < 0 || c.right > PHONE.width ? [`row ${c.id}: drawn at ${Math.round(c.left)}–${Math.round(c.right)} px`] : []),
    ...c.cells.filter((x) => x.text === '' || x.text === '–').map((x) => `row ${c.id}: a cell "${x.text}" (${x.label ?? 'unlabelled'}) shown`),
    ...c.cells.filter((x) => !x.lead && !x.label).map((x) => `row ${c.id}: "${x.text.slice(0, 30)}" shown without its label`),
  ]);

describe.skipIf(!hasChromium)('explorer in Chromium', () => {
  beforeAll(async () => {
    // DEBRIEF_TEST_SITE_REUSE=1 takes the site in DEBRIEF_TEST_SITE_DIR as it is (built by a caller who holds the build lock).
    if (!process.env.DEBRIEF_TEST_SITE_REUSE) await ensureSite(path.relative(ROOT, DIST));
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

  it('brushing the timeline narrows to whole buckets, in the URL and in From/To; From/To do the same from the keyboard', async () => {
    const { page, problems } = await open('?channel=twitter');
    const box = (await page.locator('.explorer-timeline svg[role=img]').boundingBox())!;
    // Drag across the middle third of the plot.
    await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 5 });
    await page.mouse.up();
    await ready(page);
    const url = page.url();
    expect(url).toMatch(/channel=twitter/);
    const q = new URL(url).searchParams;
    const [from, to] = [q.get('from')!, q.get('to')!];
    // A sixth of the chart's width: many hours of the crisis's days, not one bar.
    expect(Date.parse(to) - Date.parse(from)).toBeGreaterThan(6 * 3_600_000);
    // Whole buckets of the timeline (an hour for this crisis).
    expect(Date.parse(from) % 3_600_000).toBe(0);
    expect(Date.parse(to) % 3_600_000).toBe(0);
    const n = expected((m) => m.channel === 'twitter' && inRange(m, url));
    expect(n).toBeGreaterThan(0);
    expect(await shown(page)).toBe(n);
    // The range is drawn on the timeline, and the inputs say it in the crisis's zone.
    expect(Number(await page.locator('.explorer-brush').getAttribute('width'))).toBeGreaterThan(0);
    expect(await page.locator('input[name=from]').inputValue()).toBe(wallInputValue(from, 'America/New_York'));
    expect(await page.locator('input[name=to]').inputValue()).toBe(wallInputValue(to, 'America/New_York'));
    // From the keyboard: a new From, typed, moves the range's start; To stays.
    await page.locator('input[name=from]').fill('2024-10-09T02:00');
    await page.locator('input[name=from]').dispatchEvent('change');
    await ready(page);
    expect(new URL(page.url()).searchParams.get('from')).toBe('2024-10-09T06:00:00.000Z');
    expect(new URL(page.url()).searchParams.get('to')).toBe(to);
    expect(await shown(page)).toBe(expected((m) => m.channel === 'twitter' && inRange(m, page.url())));
    await page.click('[data-action=whole-time]');
    await ready(page);
    expect(page.url()).not.toMatch(/from=/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the charts follow the filter; a click on a bar adds its filter', async () => {
    const { page, problems } = await open('?channel=reddit');
    const reddit = messages.filter((m) => m.channel === 'reddit');
    // The sentiment chart counts the filtered set (its name lists each bar's count).
    const sentimentName = (await page.locator('[data-chart=sentiment] svg').getAttribute('aria-label'))!;
    for (const label of ['negative', 'neutral', 'positive']) {
      const n = reddit.filter((m) => m.sentiment === label).length;
      if (n) expect(sentimentName).toContain(`${label} ${n.toLocaleString('en-US')}`);
    }
    const faults = await page.locator('[data-chart=fault] rect[data-value]').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-value')!));
    expect(faults.length).toBeGreaterThan(1);
    // Waiting for support is a service failure, named so beside the product faults (as the faults pages keep them apart).
    expect(await page.locator('select[name=fault] option[value="support-delay"]').textContent()).toMatch(/^Waiting for support \(service failure\) \(\d+\)$/);
    expect(await page.locator('select[name=fault] option[value="lockout"]').textContent()).not.toContain('service');
    expect(await page.locator('[data-chart=fault] svg').getAttribute('aria-label')).toContain('Waiting for support (service failure)');
    // Most frequent first, among reddit's messages.
    const perFault = (f: string) => reddit.filter((m) => hasFault(m, f)).length;
    expect(faults.map(perFault)).toEqual([...faults.map(perFault)].sort((a, b) => b - a));
    const second = faults[1]!;
    await page.locator(`[data-chart=fault] rect[data-value="${second}"]`).click();
    await ready(page);
    expect(new URL(page.url()).searchParams.get('fault')).toBe(second);
    expect(await page.locator('select[name=fault]').inputValue()).toBe(second);
    expect(await shown(page)).toBe(perFault(second));
    // The theme chart now counts reddit's messages of that fault.
    const themeName = (await page.locator('[data-chart=theme] svg').getAttribute('aria-label')) ?? '';
    const themes = await page.locator('[data-chart=theme] rect[data-value]').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-value')!));
    if (themes.length) {
      const n = reddit.filter((m) => hasFault(m, second) && (m.themes ?? '').split(';').includes(themes[0]!)).length;
      // Its label as the theme select writes it ("Label (n)").
      const label = (await page.locator(`select[name=theme] option[value="${themes[0]}"]`).textContent())!.replace(/ \([\d,]+\)$/, '');
      expect(themeName).toContain(`${label} ${n.toLocaleString('en-US')}`);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('axe finds no serious or critical violations, in light and dark mode', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page } = await open('?sentiment=negative', undefined, colorScheme);
      const violations = await axeViolations(page);
      expect(violations, colorScheme).toEqual([]);
      await page.close();
    }
  }, 120_000);

  it('opened from disk, says plainly that it needs the site served', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(DIST, SLUG, 'explore/index.html')).href);
    await page.waitForFunction(() => (document.querySelector('.explorer-status')?.textContent ?? '').length > 0);
    expect(await page.locator('.explorer-status').textContent()).toMatch(/needs the site served over http\(s\)/);
    await page.close();
  });

  it('fits a 390 px phone in dark mode: each message a card inside the screen, its text first, then labelled cells with a value; charts inside the screen; axe clean', async () => {
    const { page, problems } = await open('', PHONE, 'dark');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.locator('thead th').first().textContent()).toBe('Message');
    const text = page.locator('tbody tr td.msg-text').first();
    expect((await text.textContent())!.length).toBeGreaterThan(0);
    expect((await text.boundingBox())!.width).toBeGreaterThan(300);
    const found = await cards(page);
    expect(found.length).toBe(50);
    expect(cardProblems(found)).toEqual([]);
    // The text first in every card, then the time, labelled by its column.
    expect(found.filter((c) => !c.cells[0]?.lead).map((c) => `row ${c.id}: first "${c.cells[0]?.text.slice(0, 30)}"`)).toEqual([]);
    expect(found.every((c) => c.cells[1]?.label === 'Time')).toBe(true);
    // The short cells share lines under the text: a card was 150 px tall on average with a line per cell.
    const heights = await page.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height));
    expect(heights.reduce((a, b) => a + b, 0) / heights.length).toBeLessThan(120);
    // The column headings stay for screen readers, out of sight.
    expect(await page.locator('thead th').first().isVisible()).toBe(false);
    expect(await page.locator('thead th').count()).toBeGreaterThan(1);
    expect(await axeViolations(page)).toEqual([]);
    for (const chart of await page.locator('.explorer-charts svg, .explorer-timeline svg').all()) {
      const b = (await chart.boundingBox())!;
      expect(b.x + b.width).toBeLessThanOrEqual(390);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a cases-only crisis explores its cases: the counts of its cases CSV, paging, no messages fetched, nothing leaves the origin', async () => {
    const cases = Papa.parse<Row>(readFileSync(path.join(DIST, CASES_SLUG, 'cases.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const casesShown = async (page: Page) => Number((await page.locator('.explorer-count').textContent())!.replace(/,/g, '').match(/^(\d+) cases\./)![1]);
    const { page, problems, requests } = await open('', undefined, undefined, CASES_SLUG);
    expect(await casesShown(page)).toBe(cases.length);
    expect(await page.locator('thead th').allTextContents()).toEqual(['Case', 'Opened', 'Status', 'Category / product', 'Company', 'Themes and faults']);
    // The messages' filters are not offered; the cases' are.
    expect(await page.locator('select[name=who]').isVisible()).toBe(false);
    expect(await page.locator('select[name=company]').isVisible()).toBe(true);
    // Complaints come by web, phone, post…: the cases offer a channel filter.
    expect(await page.locator('select[name=channel]').isVisible()).toBe(true);
    // One filter: the count is the CSV's filtered in Node, and the URL says it.
    const company = [...new Set(cases.map((c) => c.company!))].sort((a, b) => cases.filter((c) => c.company === b).length - cases.filter((c) => c.company === a).length)[0]!;
    await page.selectOption('select[name=company]', company);
    await ready(page);
    const n = cases.filter((c) => c.company === company).length;
    expect(n).toBeGreaterThan(50);
    expect(await casesShown(page)).toBe(n);
    expect(new URL(page.url()).searchParams.get('company')).toBe(company);
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(50);
    expect(await rows.first().locator('td').nth(4).textContent()).toBe(company);
    // Paging over the whole filtered set.
    const first = await page.locator('tbody tr td.msg-text').first().textContent();
    await page.click('[data-page=next]');
    await ready(page);
    expect(page.url()).toMatch(/page=2/);
    expect(await page.locator('.explorer-page').textContent()).toBe(`Page 2 of ${Math.ceil(n / 50)}`);
    expect(await page.locator('tbody tr td.msg-text').first().textContent()).not.toBe(first);
    // The channel filter counts as the CSV filtered in Node, with the company still chosen, and is in the URL.
    await page.selectOption('select[name=channel]', 'phone');
    await ready(page);
    expect(await casesShown(page)).toBe(cases.filter((c) => c.company === company && c.channel === 'phone').length);
    expect(new URL(page.url()).searchParams.get('channel')).toBe('phone');
    // Only what the cases need was fetched.
    expect(requests.filter((u) => u.includes('/explore/')).map((u) => new URL(u).pathname.replace(/^.*\/explore\//, '')).filter(Boolean)).toEqual(['cases.arrow.0']);
    // axe: the cases' view has no serious or critical violation either.
    const violations = await axeViolations(page);
    expect(violations).toEqual([]);
    // On a 390 px phone each complaint is a card: its text first when it has one, then labelled cells, none empty.
    // (The company's phone complaints have no narrative: the channel filter is cleared first.)
    await page.selectOption('select[name=channel]', '');
    await ready(page);
    await page.setViewportSize(PHONE);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const text = page.locator('tbody tr td.msg-text').first();
    expect((await text.textContent())!.length).toBeGreaterThan(0);
    expect((await text.boundingBox())!.width).toBeGreaterThan(300);
    const found = await cards(page);
    expect(cardProblems(found)).toEqual([]);
    const withText = found.filter((c) => c.cells.some((x) => x.lead));
    expect(withText.length).toBeGreaterThan(25);
    expect(withText.filter((c) => !c.cells[0]!.lead).map((c) => c.id)).toEqual([]);
    expect(found.filter((c) => !c.cells[0]!.lead && c.cells[0]!.label !== 'Opened').map((c) => c.id)).toEqual([]);
    expect(found.every((c) => c.cells.some((x) => x.label === 'Company' && x.text === company))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('cases without narratives (NHTSA): no column of dashes; on a 390 px phone, light and dark, a card per case inside the screen, opening time first, its faults shown, no "–"', async () => {
    const cases = Papa.parse<Row>(readFileSync(path.join(DIST, NO_TEXT_SLUG, 'cases.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    // The premise: not one narrative, status or category; faults on most.
    expect(cases.length).toBeGreaterThan(50);
    expect(cases.filter((c) => c.text || c.status || c.category)).toEqual([]);
    expect(cases.filter((c) => c.fault).length).toBeGreaterThan(cases.length / 2);
    // The first page, as the explorer orders it: oldest first, then by id.
    const firstPage = [...cases].sort((a, b) => Date.parse(a.opened_at!) - Date.parse(b.opened_at!) || (a.id! < b.id! ? -1 : a.id! > b.id! ? 1 : 0)).slice(0, 50);
    const desktop = await open('', undefined, 'light', NO_TEXT_SLUG);
    expect(await desktop.page.locator('thead th').allTextContents()).toEqual(['Opened', 'Product', 'Company', 'Faults']);
    expect(await desktop.page.locator('tbody td.msg-text').count()).toBe(0);
    // No text to search: the words box is not offered (it could only find nothing).
    expect(await desktop.page.locator('input[name="q"]').isVisible()).toBe(false);
    expect(await desktop.page.locator('input[name="author"]').isVisible()).toBe(false);
    expect(desktop.problems).toEqual([]);
    await desktop.page.close();
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, problems } = await open('', PHONE, colorScheme, NO_TEXT_SLUG);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const found = await cards(page);
      expect(found.length).toBe(50);
      expect(cardProblems(found), colorScheme).toEqual([]);
      expect(found.every((c) => c.cells[0]?.label === 'Opened')).toBe(true);
      // NHTSA gives dates without times: a date, not "00:00 EST".
      expect(found.map((c) => c.cells[0]!.text).filter((t) => !/^\d{1,2} [A-Z][a-z]{2,3} \d{4}$/.test(t))).toEqual([]);
      // Each case's faults, in the words of the report's labels (the page's own).
      const labels = JSON.parse((await page.locator('[data-explorer]').getAttribute('data-explorer'))!).labels as { themes: Record<string, string>; faults: Record<string, string> };
      const lookups = { themes: new Map(Object.entries(labels.themes)), faults: new Map(Object.entries(labels.faults)), steps: new Map<string, string>() };
      const faults = (c: Card) => c.cells.find((x) => x.label === 'Faults')?.text ?? '';
      expect(found.map(faults)).toEqual(firstPage.map((c) => columnValueText('fault', c.fault ?? '', lookups)));
      expect(found.filter((c) => faults(c)).length).toBeGreaterThan(25);
      // Short enough to read a screenful: four lines, not a 200 px column of dashes.
      const height = (await page.locator('tbody tr').first().boundingBox())!.height;
      expect(height).toBeLessThan(140);
      expect(await axeViolations(page), colorScheme).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    }
  }, 120_000);

  it('a crisis with messages and cases switches to its cases (fetched only then), in the URL', async () => {
    const cases = Papa.parse<Row>(readFileSync(path.join(DIST, SLUG, 'cases.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const { page, problems, requests } = await open('?channel=reddit');
    expect(requests.some((u) => u.includes('/explore/cases.arrow'))).toBe(false);
    await page.check('input[name=table][value=cases]');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('table') === 'cases' && document.documentElement.dataset.explorerReady !== undefined, null, { timeout: 60_000 });
    // The messages' filters are cleared: they are not the cases'.
    expect(new URL(page.url()).search).toBe('?table=cases');
    expect(await page.locator('.explorer-count').textContent()).toBe(`${cases.length.toLocaleString('en-US')} cases.`);
    expect(requests.filter((u) => u.includes('/explore/cases.arrow')).length).toBe(1);
    const status = 'closed';
    await page.selectOption('select[name=status]', status);
    await ready(page);
    expect(await page.locator('.explorer-count').textContent()).toBe(`${cases.filter((c) => c.status === status).length.toLocaleString('en-US')} cases.`);
    expect(problems).toEqual([]);
    await page.close();
  });
});
