/**
 * No internal name on show: every page of the built sample site, loaded in
 * Chromium, is read as a reader sees it (`document.body.innerText`, without
 * `<code>` and `<pre>`; plus the hover definitions of KPI tiles and the
 * phone labels of stacked tables). No key of the code's own registries — a
 * section key, a named KPI, a definition or playbook key, an analysis column
 * (those with an underscore or camelCase; plain words read as words) — may
 * appear there, nor a `;`-joined list of slugs, nor a theme's id in a table
 * cell where its label belongs; headers and definition terms may not look
 * like keys at all; and no table of a crisis's pages keeps a column with no
 * value in any row.
 * Builds the site first when it is missing or stale (DEBRIEF_TEST_SITE_DIR, else dist/).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMPLIFIER_DEFINITIONS } from '../../src/analysis/crisis/amplifiers.ts';
import { COVERAGE_DEFINITIONS } from '../../src/analysis/crisis/coverage.ts';
import { INCIDENT_DURATION_DEFINITIONS } from '../../src/analysis/crisis/incident-durations.ts';
import { NOTION_DEFINITIONS } from '../../src/analysis/crisis/notions.ts';
import { PLAYBOOK_DEFINITIONS, PLAYBOOK_STEPS } from '../../src/analysis/crisis/playbook.ts';
import { CUE_SUMMARY } from '../../src/analysis/crisis/playbook-cues.ts';
import { RESPONSE_DEFINITIONS } from '../../src/analysis/crisis/response.ts';
import { TIMELINE_DEFINITIONS } from '../../src/analysis/crisis/timeline.ts';
import type { ReportModel } from '../../src/analysis/report/report-model.ts';
import { defaultAnalyses } from '../../src/analysis/runner/default-analyses.ts';
import { SEGMENTS_DEFINITIONS } from '../../src/analysis/sections/segments/analysis.ts';
import { TICKETS_DEFINITIONS } from '../../src/analysis/sections/tickets/analysis.ts';
import { NAMED_KPIS } from '../../src/site/kpis.ts';
import { COLUMN_LABELS, DEFINITION_LABELS, KPI_LABELS, SECTION_LABELS, SIGNAL_LABELS } from '../../src/site/labels.ts';
import { ensureSite } from './build-site.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const DIST = path.resolve(ROOT, process.env.DEBRIEF_TEST_SITE_DIR ?? 'dist');
const BUILD_TIMEOUT = 20 * 60_000;
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`internal-keys browser test skipped: ${CHROMIUM} not found (apt-get install chromium)`);

/** A name that reads as code: an underscore, or a lower-case letter followed by a capital. */
const KEY_SHAPE = /_|[a-z][A-Z]/;
/** crisis.yaml settings: definitions tell the reader to set them by name (`businessHours: days, start, end`). */
const CONFIG_SETTINGS = new Set(['businessHours', 'firstResponseMinutes', 'resolutionHours']);
/** The names the review found on show; kept whatever the registries say. */
const SEEN_IN_REVIEW = ['stillWaiting', 'close_loop', 'conversationFirstResponse', 'sentiment_score', 'first_response_s', 'median_first_reply_hours', 'sub_issue', 'brand_messages', 'with_narrative', 'with_fault'];

/** Every internal name the code can put on a page, from its own registries (and the reports it wrote). */
function internalKeys(reports: ReportModel[]): Set<string> {
  const names = new Set<string>(SEEN_IN_REVIEW);
  const add = (key: string) => {
    for (const part of [key, ...key.split('.')]) if (KEY_SHAPE.test(part) && !CONFIG_SETTINGS.has(part)) names.add(part);
  };
  for (const a of defaultAnalyses()) [...a.sections, ...(a.columns ?? [])].forEach(add);
  [...Object.keys(NAMED_KPIS), ...Object.keys(KPI_LABELS), ...Object.keys(SECTION_LABELS), ...Object.keys(COLUMN_LABELS), ...Object.keys(SIGNAL_LABELS)].forEach(add);
  const registries = [TIMELINE_DEFINITIONS, RESPONSE_DEFINITIONS, COVERAGE_DEFINITIONS, PLAYBOOK_DEFINITIONS, CUE_SUMMARY, AMPLIFIER_DEFINITIONS, TICKETS_DEFINITIONS, SEGMENTS_DEFINITIONS, INCIDENT_DURATION_DEFINITIONS, NOTION_DEFINITIONS, ...Object.values(DEFINITION_LABELS)];
  for (const r of registries) Object.keys(r).forEach(add);
  PLAYBOOK_STEPS.forEach((s) => add(s.step));
  for (const report of reports) {
    for (const section of Object.values(report.sections) as unknown[]) {
      const defs = (section as { definitions?: unknown } | null)?.definitions;
      if (defs && typeof defs === 'object') Object.keys(defs).forEach(add);
    }
  }
  return names;
}

/** Theme ids whose label reads otherwise: in a table cell, such an id is a slug where the label belongs. */
function themeSlugs(reports: ReportModel[]): Set<string> {
  return new Set(reports.flatMap((r) => (r.sections.themes?.themes ?? []).filter((t) => t.id !== t.label).map((t) => t.id)));
}

/** What a reader sees on a page, and the tables' columns with no value in any body row. */
interface PageText {
  text: string;
  /** Column headers, definition terms, KPI labels and phone labels: never a key. */
  headings: string[];
  /** Texts of the table cells, each split at `;` and ` · ` (several values in one cell). */
  cellValues: string[];
  emptyColumns: string[];
}

let browser: Browser;
let server: StaticServer;
let reports: ReportModel[] = [];

describe.skipIf(!hasChromium)('no internal name on any page', () => {
  beforeAll(async () => {
    const seconds = await ensureSite(path.relative(ROOT, DIST));
    if (seconds) process.stderr.write(`internal-keys test: site built in ${seconds.toFixed(0)} s\n`);
    server = await serveStatic(DIST, '/');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  }, BUILD_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows no section key, KPI name, definition key, analysis column or theme slug, and no column of dashes', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    // Code and SQL are shown as code on purpose: hidden while the text is read.
    const seen = new Set<string>();
    const queue = [server.url];
    const problems: string[] = [];
    let pages = 0;
    let keys = new Set<string>();
    let slugs = new Set<string>();
    while (queue.length) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      await page.goto(url, { waitUntil: 'load' });
      pages++;
      if (url === server.url) {
        const slugsOnHome = await page.$$eval('[data-crisis]', (els) => els.map((e) => e.getAttribute('data-crisis')!));
        reports = slugsOnHome.map((s) => JSON.parse(readFileSync(path.join(DIST, s, 'report.json'), 'utf8')) as ReportModel);
        keys = internalKeys(reports);
        slugs = themeSlugs(reports);
      }
      const found = await page.evaluate((): PageText => {
        const hide = document.createElement('style');
        hide.textContent = 'code, pre { display: none !important; }';
        document.head.append(hide);
        const tips = [...document.querySelectorAll('.kpi-tip')].map((e) => e.textContent ?? '');
        const phone = [...document.querySelectorAll('[data-label]')].map((e) => e.getAttribute('data-label') ?? '');
        const text = [document.body.innerText, ...tips, ...phone].join('\n');
        const headings = [...document.querySelectorAll('thead th, dt, .kpi-label')].map((e) => (e as HTMLElement).innerText.trim()).concat(phone);
        hide.remove();
        const cellValues = [...document.querySelectorAll('tbody td, tbody th')].flatMap((c) => (c.textContent ?? '').split(/;| · /).map((v) => v.trim()));
        const emptyColumns: string[] = [];
        document.querySelectorAll('table').forEach((table, t) => {
          const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim()));
          const heads = [...table.querySelectorAll('thead th')].map((th) => (th.textContent ?? '').trim());
          if (!rows.length || rows.some((r) => r.length !== heads.length)) return;
          heads.forEach((h, i) => {
            if (rows.every((r) => r[i] === '' || r[i] === '–')) emptyColumns.push(`table ${t + 1}, column "${h}"`);
          });
        });
        return { text, headings, cellValues, emptyColumns };
      });
      const where = url.slice(server.url.length) || '/';
      const tokens = new Set(found.text.match(/[A-Za-z0-9_]+/g) ?? []);
      for (const key of keys) if (tokens.has(key)) problems.push(`${where}: internal name "${key}" on show`);
      for (const value of new Set(found.cellValues)) if (slugs.has(value)) problems.push(`${where}: theme id "${value}" in a table cell`);
      for (const list of found.text.match(/\b[a-z0-9]+(?:-[a-z0-9]+)+;[a-z0-9-]+/g) ?? []) problems.push(`${where}: slug list "${list}" on show`);
      for (const h of found.headings) if (KEY_SHAPE.test(h.replace(/\s+/g, ' '))) problems.push(`${where}: heading "${h}" reads as a key`);
      // The crisis pages' tables (the cross-crisis pages are laid out elsewhere).
      if (reports.some((r) => where.startsWith(`${r.crisis.slug}/`))) for (const c of found.emptyColumns) problems.push(`${where}: ${c} has no value in any row`);
      const links = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href.split('#')[0]!));
      for (const link of links) if (link.startsWith(server.url) && link.endsWith('.html') && !seen.has(link)) queue.push(link);
    }
    await page.close();
    expect(reports.length, 'crises on the home page').toBeGreaterThan(0);
    expect(pages).toBeGreaterThan(reports.length * 5);
    // The list is not empty: the check can fail.
    for (const k of ['close_loop', 'stillWaiting', 'sentiment_score', 'conversationFirstResponse', 'candidateFaults']) expect(keys.has(k), k).toBe(true);
    expect(problems).toEqual([]);
  }, 600_000);
});
