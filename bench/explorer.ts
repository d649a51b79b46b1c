/**
 * `npx tsx bench/explorer.ts [--posts N] [--seed S] [--dir D] [--site DIR] [--runs R] [--changes C]`
 * (also `npm run bench -- --explorer`): the explorer's speed in headless
 * Chromium on a realistic crisis (bench/realistic-crisis.ts, 100,000 posts by
 * default). Builds that crisis's site once (under a lock, so two builds never
 * run at once on the machine), serves it, and prints
 *
 *  - navigation → first results on screen (`data-explorer-ready` set), cold
 *    (fresh browser profile each run) and warm (same profile, HTTP cache), with
 *    the explorer's own marks (module started, DuckDB's module downloaded and
 *    compiled, engine ready, table downloaded, loaded and prepared, first
 *    queries, first render, first paint) and the median of each step;
 *  - a filter change → charts and table updated: median and max over a fixed
 *    sequence of changes (channel, sentiment, theme, fault, who, words, time
 *    range, page, sort).
 *
 * Targets (issue 14): first results ≤ 3 s, filter change median ≤ 300 ms.
 * A benchmark, not a test: other work on the machine counts against it.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { serveStatic } from '../tests/browser/static-server.ts';
import { GENERATOR_VERSION, writeRealisticCrisis } from './realistic-crisis.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SLUG = 'nimbus-outage-bench';
const CHROMIUM = process.env.DEBRIEF_CHROMIUM ?? '/usr/bin/chromium';
const TARGET_FIRST_MS = 3000;
const TARGET_CHANGE_MS = 300;

/** Runs the benchmark; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      explorer: { type: 'boolean' },
      posts: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '20171108' },
      dir: { type: 'string', default: path.join(os.tmpdir(), 'debrief-bench-explorer') },
      site: { type: 'string' },
      runs: { type: 'string', default: '3' },
      changes: { type: 'string', default: '2' },
    },
  });
  if (!existsSync(CHROMIUM)) {
    console.log(`no Chromium at ${CHROMIUM} (set DEBRIEF_CHROMIUM): not run`);
    return 1;
  }
  const posts = Number(values.posts);
  const base = path.resolve(values.dir!);
  const site = values.site ? path.resolve(values.site) : await buildSite(base, posts, Number(values.seed));
  console.log(`debrief bench explorer — ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(2)}; site ${site}`);
  const server = await serveStatic(site, '/');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const url = `${server.url}${SLUG}/explore/`;
    const cold: number[] = [];
    const warm: number[] = [];
    const coldSteps: Record<string, number>[] = [];
    const warmSteps: Record<string, number>[] = [];
    const changes: number[] = [];
    const queries: number[] = [];
    for (let run = 0; run < Number(values.runs); run++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      await context.addInitScript(recordReadiness);
      const page = await context.newPage();
      page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
      page.on('console', (m) => m.type() === 'error' && console.log(`console: ${m.text()}`));
      const first = await openAndTime(page, url);
      cold.push(first.ms);
      coldSteps.push(first.steps);
      console.log(`cold run ${run + 1}: first results ${fmt(first.ms)} ms (${first.rows} rows); marks: ${first.marks}`);
      const again = await openAndTime(page, url);
      warm.push(again.ms);
      warmSteps.push(again.steps);
      console.log(`warm run ${run + 1}: first results ${fmt(again.ms)} ms; marks: ${again.marks}`);
      if (run < Number(values.changes)) {
        const times = await filterChanges(page);
        changes.push(...times.map((t) => t.ms));
        queries.push(...times.map((t) => t.queryMs));
        console.log(`filter changes, ms (of which queries; when each answered: summary, rows): ${times.map((t) => `${t.what} ${fmt(t.ms)} (${fmt(t.queryMs)}; ${Number.isNaN(t.summaryMs) ? '–' : fmt(t.summaryMs)}, ${fmt(t.rowsMs)})`).join(', ')}`);
      }
      await context.close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
    console.log(`breakdown of the first results, cold: ${breakdown(coldSteps, median)}`);
    console.log(`breakdown of the first results, warm: ${breakdown(warmSteps, median)}`);
    console.log(`navigation → first results, cold: median ${fmt(median(cold))} ms (target ≤ ${TARGET_FIRST_MS}); warm: median ${fmt(median(warm))} ms`);
    console.log(`filter change → charts and table updated: median ${fmt(median(changes))} ms over ${changes.length} changes, max ${fmt(Math.max(...changes))} ms (target median ≤ ${TARGET_CHANGE_MS}); the queries' part: median ${fmt(median(queries.filter((q) => !Number.isNaN(q))))} ms`);
    return 0;
  } finally {
    await browser.close();
    await server.close();
  }
}

const fmt = (ms: number) => Math.round(ms).toLocaleString('en-US');

/** The start-up's steps, each as the time from the mark before it to its own (explorer-database.ts, explorer-page.ts), in the order they happen. */
const STEPS: [from: string, to: string, what: string][] = [
  ['', 'compile-started', 'page parsed, compilation started'],
  ['', 'module', "explorer's script started"],
  ['compile-started', 'wasm-fetched', "DuckDB's module downloaded (compiling as it came)"],
  ['wasm-fetched', 'wasm-compiled', 'compilation after the last byte (or until the script started)'],
  ['wasm-compiled', 'engine-ready', 'DuckDB instantiated and started'],
  ['wasm-fetched', 'arrow-fetched', 'table downloaded (overlaps the two above)'],
  ['engine-ready', 'table-loaded', 'table loaded into DuckDB'],
  ['table-loaded', 'table-derived', 'explore table (derived columns) built'],
  ['table-derived', 'table-prepared', 'its facts (varied selects, columns with values, dates only: one query)'],
  ['table-prepared', 'queried', 'first queries'],
  ['queried', 'first-results', 'first results drawn'],
  ['first-results', 'first-paint', 'painted'],
];

/** Each step's median duration over runs, in ms ("n/a" when a run lacks its marks). */
function breakdown(runs: Record<string, number>[], median: (xs: number[]) => number): string {
  return STEPS.map(([from, to, what]) => {
    const ds = runs.map((r) => (to in r && (from === '' || from in r) ? r[to]! - (from === '' ? 0 : r[from]!) : NaN)).filter((d) => !Number.isNaN(d));
    return `${what} ${ds.length ? fmt(median(ds)) : 'n/a'}`;
  }).join('; ');
}

/** Injected before the page's scripts: notes each time `data-explorer-ready` is set, on the page's clock. */
function recordReadiness() {
  const w = window as unknown as { __ready: number[] };
  w.__ready = [];
  new MutationObserver(() => {
    if (document.documentElement.dataset.explorerReady !== undefined) w.__ready.push(performance.now());
  }).observe(document, { attributes: true, attributeFilter: ['data-explorer-ready'], subtree: true });
}

/** Navigates and waits for the first results: ms from navigation start, rows shown and the explorer's marks. */
async function openAndTime(page: Page, url: string): Promise<{ ms: number; rows: string; marks: string; steps: Record<string, number> }> {
  await page.goto(url);
  try {
    await page.waitForFunction(() => document.documentElement.dataset.explorerReady !== undefined, null, { timeout: 120_000 });
  } catch (error) {
    throw new Error(`no results within 120 s; the page says: ${await page.locator('.explorer-status').textContent()}`, { cause: error });
  }
  // The paint mark comes a frame after readiness.
  await page.waitForFunction(() => performance.getEntriesByName('explorer:first-paint').length > 0, null, { timeout: 10_000 }).catch(() => undefined);
  return page.evaluate(() => ({
    ms: (window as unknown as { __ready: number[] }).__ready[0]!,
    steps: Object.fromEntries(
      performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith('explorer:'))
        .reverse()
        .map((m) => [m.name.slice(9), m.startTime]),
    ),
    rows: document.documentElement.dataset.explorerReady!,
    marks: performance
      .getEntriesByType('mark')
      .filter((m) => m.name.startsWith('explorer:') && m.name !== 'explorer:drawn')
      // The first render's queries only (each later render marks its own).
      .filter((m, i, all) => m.name !== 'explorer:queried' || all.findIndex((x) => x.name === m.name) === i)
      .sort((a, b) => a.startTime - b.startTime)
      .map((m, i, all) => `${m.name.slice(9)} ${Math.round(m.startTime)} (+${Math.round(m.startTime - (i ? all[i - 1]!.startTime : 0))})`)
      .concat(
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((r) => /\.(js|wasm\.\d+|arrow\.\d+)$/.test(r.name))
          .map((r) => `${r.name.split('/').pop()!.slice(0, 24)} ${Math.round(r.startTime)}→${Math.round(r.responseEnd)}`),
      )
      .join(', '),
  }));
}

/** A fixed sequence of filter changes, each timed from the change to the next readiness. */
async function filterChanges(page: Page): Promise<{ what: string; ms: number; queryMs: number; summaryMs: number; rowsMs: number }[]> {
  const out: { what: string; ms: number; queryMs: number; summaryMs: number; rowsMs: number }[] = [];
  // Each step changes the form as a reader would and returns; the time runs from just before the change.
  const steps: { what: string; run: (page: Page) => Promise<void> }[] = [
    { what: 'channel', run: (p) => choose(p, 'channel', 1) },
    { what: 'sentiment', run: (p) => choose(p, 'sentiment', 1) },
    { what: 'sentiment off', run: (p) => choose(p, 'sentiment', 0) },
    { what: 'theme', run: (p) => choose(p, 'theme', 1) },
    { what: 'theme off', run: (p) => choose(p, 'theme', 0) },
    { what: 'fault', run: (p) => choose(p, 'fault', 1) },
    { what: 'who', run: (p) => choose(p, 'who', 1) },
    { what: 'words', run: (p) => p.evaluate(() => { performance.mark('bench:change'); (document.querySelector('input[name=q]') as HTMLInputElement).value = 'flight'; (document.querySelector('form.explorer-filters') as HTMLFormElement).requestSubmit(); }) },
    { what: 'page', run: (p) => p.evaluate(() => { performance.mark('bench:change'); (document.querySelector('[data-page=next]') as HTMLButtonElement).click(); }) },
    { what: 'sort', run: (p) => p.evaluate(() => { performance.mark('bench:change'); const s = document.querySelector('select[name=sort]') as HTMLSelectElement; s.value = '-sentiment'; s.dispatchEvent(new Event('change', { bubbles: true })); }) },
    { what: 'clear', run: (p) => p.evaluate(() => { performance.mark('bench:change'); (document.querySelector('[data-action=reset]') as HTMLButtonElement).click(); }) },
    { what: 'peak', run: (p) => p.evaluate(() => { performance.mark('bench:change'); (document.querySelector('[data-action=peak]') as HTMLButtonElement).click(); }) },
  ];
  for (const step of steps) {
    const before = await page.evaluate(() => (window as unknown as { __ready: number[] }).__ready.length);
    await step.run(page);
    await page.waitForFunction((n) => (window as unknown as { __ready: number[] }).__ready.length > n && document.documentElement.dataset.explorerReady !== undefined, before, { timeout: 60_000 });
    const { ms, queryMs, summaryMs, rowsMs } = await page.evaluate(() => {
      const change = performance.getEntriesByName('bench:change').at(-1)!.startTime;
      const ready = (window as unknown as { __ready: number[] }).__ready;
      // The queries' part: from the change to the explorer's own mark that their answers are in.
      // Builds before that mark have none: NaN.
      const queried = performance.getEntriesByName('explorer:queried').at(-1)?.startTime ?? NaN;
      // Each query's answer, when this change ran it (paging and sorting do not re-run the summary). No named function here: tsx would wrap it in a helper the page lacks.
      const [summary, rows] = ['explorer:summary-queried', 'explorer:rows-queried'].map((name) => performance.getEntriesByName(name).at(-1)?.startTime ?? NaN).map((t) => (t >= change ? t - change : NaN));
      return { ms: ready.at(-1)! - change, queryMs: queried - change, summaryMs: summary!, rowsMs: rows! };
    });
    out.push({ what: step.what, ms, queryMs, summaryMs, rowsMs });
  }
  return out;
}

/** Chooses the `index`-th option of a filter's select (0: All), as a reader would. */
function choose(page: Page, name: string, index: number): Promise<void> {
  return page.evaluate(
    ([n, i]) => {
      const s = document.querySelector(`select[name=${n}]`) as HTMLSelectElement;
      performance.mark('bench:change');
      s.selectedIndex = Math.min(i as number, s.options.length - 1);
      s.dispatchEvent(new Event('change', { bubbles: true }));
    },
    [name, index] as const,
  );
}

/** Generates the crisis (once: reused while its stats.json is there) and builds its site into `<base>/site-n<posts>` (bundles reused while up to date). */
async function buildSite(base: string, posts: number, seed: number): Promise<string> {
  const data = path.join(base, `data-n${posts}-s${seed}-g${GENERATOR_VERSION}`);
  const dir = path.join(data, SLUG);
  if (!existsSync(path.join(dir, 'stats.json'))) {
    console.log(`generating ${posts.toLocaleString('en-US')} posts (seed ${seed}) …`);
    writeFileSync(path.join(dir, 'stats.json'), JSON.stringify(writeRealisticCrisis(dir, { posts, seed }), null, 2));
  }
  const site = path.join(base, `site-n${posts}`);
  const bundles = path.join(base, `bundles-n${posts}`);
  console.log(`building the site into ${site} (waits for /tmp/debrief-build.lock: one build at a time on this machine) …`);
  const t0 = performance.now();
  const env = { ...process.env, DEBRIEF_DATA_DIR: data, DEBRIEF_BUNDLES_DIR: bundles, DEBRIEF_OUT_DIR: site, ASTRO_TELEMETRY_DISABLED: '1' };
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn('flock', ['/tmp/debrief-build.lock', process.execPath, path.join(ROOT, 'bin/debrief.mjs'), 'build', '--quiet'], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`debrief build of ${dir} failed (exit ${code})`);
  console.log(`built in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  if (!readFileSync(path.join(site, SLUG, 'explore', 'index.html'), 'utf8').includes('data-explorer')) throw new Error(`${site} has no explorer page for ${SLUG}`);
  return site;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(await main(process.argv.slice(2)));
