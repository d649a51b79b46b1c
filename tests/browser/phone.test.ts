/**
 * The built site on a phone (390 × 844, Debian's Chromium through
 * playwright-core), every page of it: nothing wider than the screen, chart
 * text at least 11 CSS px as drawn, wide tables scrolling inside themselves
 * with their first column in view, messages and cases showing their text
 * first, action-item due dates never cut off, KPI tiles in two columns (and
 * on one row on a desktop screen). Uses the same build as site.test.ts.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSite } from './build-site.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
/** The site under test: `dist/`, as site.test.ts builds it, unless DEBRIEF_TEST_SITE_DIR names another directory. */
const DIST = path.resolve(ROOT, process.env.DEBRIEF_TEST_SITE_DIR ?? 'dist');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };
/** Smallest chart text a phone may draw, in CSS px. */
const MIN_TEXT = 11;
const BUILD_TIMEOUT = 20 * 60_000;
const hasChromium = existsSync(CHROMIUM);

let browser: Browser;
let server: StaticServer;
let phone: Page;
/** Site paths of every built page (`''`, `acme/`, `acme/messages/2/`, …). */
let pages: string[] = [];

/** Every directory of the build holding an index.html: every page of the site. */
function builtPages(dir: string, prefix = ''): string[] {
  const out = existsSync(path.join(dir, 'index.html')) ? [prefix] : [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...builtPages(full, `${prefix}${entry}/`));
  }
  return out;
}

/** Runs `check` on every page at phone size and returns what it found wrong, one line per problem, page first. */
async function onEveryPage(check: (page: Page) => Promise<string[]>): Promise<string[]> {
  const problems: string[] = [];
  for (const p of pages) {
    await phone.goto(server.url + p, { waitUntil: 'load' });
    for (const problem of await check(phone)) problems.push(`/${p}: ${problem}`);
  }
  return problems;
}

describe.skipIf(!hasChromium)('report site on a phone (390 × 844)', () => {
  beforeAll(async () => {
    await ensureSite(path.relative(ROOT, DIST));
    server = await serveStatic(DIST, '/');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
    phone = await browser.newPage({ viewport: PHONE });
    pages = builtPages(DIST);
  }, BUILD_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('finds the pages: home, faults, actions, and each crisis with its notebook, summary, detail and messages pages', () => {
    expect(pages).toContain('');
    expect(pages).toContain('faults/');
    expect(pages).toContain('actions/');
    expect(pages.filter((p) => /^[^/]+\/messages\//.test(p)).length).toBeGreaterThan(1);
    expect(pages.filter((p) => /^[^/]+\/summary\/$/.test(p)).length).toBeGreaterThan(0);
  });

  it('no page is wider than the screen', async () => {
    const problems = await onEveryPage(async (page) => {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      return width > PHONE.width ? [`${width} px wide`] : [];
    });
    expect(problems).toEqual([]);
  }, 300_000);

  it(`chart text is drawn at least ${MIN_TEXT} px (font size × the SVG's scale), one rendering of each chart shown`, async () => {
    let measured = 0;
    const problems = await onEveryPage(async (page) => {
      const found = await page.evaluate(() => {
        const shown = (el: Element) => el.getClientRects().length > 0;
        const out: { problem?: string; chart?: string; text?: string; size?: number }[] = [];
        for (const figure of document.querySelectorAll('figure.chart')) {
          const visible = [...figure.querySelectorAll('svg[role="img"]')].filter(shown);
          if (visible.length !== 1) out.push({ problem: `${figure.querySelector('.chart-title')?.textContent}: ${visible.length} chart SVGs shown` });
        }
        for (const svg of document.querySelectorAll('svg')) {
          if (!shown(svg)) continue;
          const drawn = svg.getBoundingClientRect().width;
          const scale = drawn / (svg.viewBox.baseVal?.width || drawn);
          for (const text of svg.querySelectorAll('text')) {
            if (!shown(text) || !text.textContent?.trim()) continue;
            out.push({ chart: svg.getAttribute('aria-label') ?? '(unlabelled svg)', text: text.textContent.trim(), size: parseFloat(getComputedStyle(text).fontSize) * scale });
          }
        }
        return out;
      });
      measured += found.filter((f) => f.size !== undefined).length;
      // The smallest text of each chart says enough.
      const smallest = new Map<string, { text: string; size: number }>();
      for (const f of found) if (f.chart && (smallest.get(f.chart)?.size ?? Infinity) > f.size!) smallest.set(f.chart, { text: f.text!, size: f.size! });
      return [
        ...found.flatMap((f) => (f.problem ? [f.problem] : [])),
        ...[...smallest].filter(([, s]) => Math.round(s.size * 100) / 100 < MIN_TEXT).map(([chart, s]) => `${chart}: "${s.text}" drawn at ${s.size.toFixed(1)} px`),
      ];
    });
    expect(problems).toEqual([]);
    expect(measured).toBeGreaterThan(100);
  }, 300_000);

  it('wide tables scroll inside their box and keep their first column in view', async () => {
    let scrolled = 0;
    const problems = await onEveryPage(async (page) => {
      const found = await page.evaluate(() => {
        const out: string[] = [];
        let n = 0;
        for (const box of document.querySelectorAll<HTMLElement>('.table-scroll')) {
          if (box.scrollWidth <= box.clientWidth + 1) continue;
          n++;
          box.scrollLeft = box.scrollWidth;
          const left = box.getBoundingClientRect().left;
          const name = box.getAttribute('aria-label') ?? box.querySelector('caption, th')?.textContent?.trim() ?? 'table';
          const gone = [...box.querySelectorAll('tr')].map((row) => row.cells[0]).filter((cell) => cell && cell.getBoundingClientRect().left < left - 0.5);
          if (gone.length) out.push(`${name}: scrolled to its end, ${gone.length} first-column cells out of view (e.g. "${gone[0]!.textContent?.trim().slice(0, 30)}")`);
          box.scrollLeft = 0;
        }
        return { out, n };
      });
      scrolled += found.n;
      return found.out;
    });
    expect(problems).toEqual([]);
    // Some tables are wider than a phone (response times, by channel): the check above ran.
    expect(scrolled).toBeGreaterThan(0);
  }, 300_000);

  it('messages and cases tables (the explorer\'s too) show the text first in every row, each row inside the screen with no empty or "–" cell shown', async () => {
    let rows = 0;
    let explorerRows = 0;
    const problems = await onEveryPage(async (page) => {
      // The explorer fills its table once DuckDB has loaded the crisis's rows.
      if (/\/explore\/$/.test(new URL(page.url()).pathname)) await page.waitForFunction(() => document.documentElement.dataset.explorerReady !== undefined, null, { timeout: 90_000 });
      const found = await page.$$eval('table.messages tbody tr', (trs) =>
        (trs as HTMLTableRowElement[]).map((tr, i) => {
          const name = tr.id || `row ${i + 1}`;
          const out: string[] = [];
          // The cells a reader meets, topmost then leftmost, of those drawn.
          const cells = [...tr.cells].filter((c) => c.getClientRects().length > 0 && c.getBoundingClientRect().height > 0);
          cells.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top || a.getBoundingClientRect().left - b.getBoundingClientRect().left);
          // A case without a narrative has no text to show first.
          if (tr.querySelector('.msg-text')?.textContent?.trim() && !cells[0]?.classList.contains('msg-text')) out.push(`${name}: first shown "${cells[0]?.textContent?.trim().slice(0, 30)}", not the text`);
          const box = tr.getBoundingClientRect();
          if (box.left < -0.5 || box.right > window.innerWidth + 0.5) out.push(`${name}: drawn at ${Math.round(box.left)}–${Math.round(box.right)} px`);
          const blank = cells.filter((c) => ['', '–'].includes((c as HTMLElement).innerText.trim()));
          if (blank.length) out.push(`${name}: ${blank.length} cells shown with no value ("${(blank[0] as HTMLElement).innerText.trim()}")`);
          return { explorer: !!tr.closest('.explorer-table'), problem: out.join('; ') || null };
        }),
      );
      rows += found.length;
      explorerRows += found.filter((f) => f.explorer).length;
      return found.flatMap((f) => (f.problem ? [f.problem] : [])).slice(0, 3);
    });
    expect(problems).toEqual([]);
    expect(rows).toBeGreaterThan(100);
    // Every crisis's explorer drew its first page.
    expect(explorerRows).toBeGreaterThanOrEqual(50 * pages.filter((p) => /^[^/]+\/explore\/$/.test(p)).length);
  }, 900_000);

  it('action-item due dates are never cut off', async () => {
    let dates = 0;
    const problems = await onEveryPage(async (page) => {
      const found = await page.$$eval('table.actions tbody tr > td.due time', (times) =>
        times.map((t) => {
          // Visible part: the viewport, narrowed by every ancestor that clips (a scrolling table box).
          let right = window.innerWidth;
          let left = 0;
          for (let a = t.parentElement; a; a = a.parentElement) {
            if (getComputedStyle(a).overflowX === 'visible') continue;
            const r = a.getBoundingClientRect();
            right = Math.min(right, r.left + a.clientLeft + a.clientWidth);
            left = Math.max(left, r.left);
          }
          const r = t.getBoundingClientRect();
          return r.right <= right + 0.5 && r.left >= left - 0.5 ? null : `due ${t.textContent} drawn at ${Math.round(r.left)}–${Math.round(r.right)} px, visible ${Math.round(left)}–${Math.round(right)} px`;
        }),
      );
      dates += found.length;
      return found.filter((f): f is string => f !== null);
    });
    expect(problems).toEqual([]);
    expect(dates).toBeGreaterThan(0);
  }, 300_000);

  it('KPI tiles: two columns on a phone, one row on a desktop screen', async () => {
    const columnsAndRows = (page: Page) =>
      page.$$eval('ul.kpis', (lists) =>
        lists.map((ul) => {
          const tiles = [...ul.children].map((li) => li.getBoundingClientRect());
          return { tiles: tiles.length, columns: new Set(tiles.map((r) => Math.round(r.left))).size, rows: new Set(tiles.map((r) => Math.round(r.top))).size };
        }),
      );
    let lists = 0;
    const problems = await onEveryPage(async (page) => {
      const found = await columnsAndRows(page);
      lists += found.length;
      return found.filter((k) => k.tiles > 1 && k.columns !== 2).map((k) => `${k.tiles} tiles in ${k.columns} columns`);
    });
    await phone.setViewportSize(DESKTOP);
    try {
      problems.push(
        ...(await onEveryPage(async (page) => (await columnsAndRows(page)).filter((k) => k.rows !== 1).map((k) => `desktop: ${k.tiles} tiles on ${k.rows} rows`))),
      );
    } finally {
      await phone.setViewportSize(PHONE);
    }
    expect(problems).toEqual([]);
    expect(lists).toBeGreaterThan(0);
  }, 300_000);
});
