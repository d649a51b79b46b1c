/**
 * The site's only data source: every `data/<slug>/` directory, run through
 * the pipeline once per build process. Pages render the report model (and
 * notebooks' SQL cells query the engine, left open with its tables).
 *
 * `DEBRIEF_DATA_DIR` points the site at another directory (tests, demos).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeCrisis, type AnalyzeResult } from '../analysis/analyze.ts';
import type { Engine } from '../analysis/engine/engine.ts';
import type { Case, Message } from '../analysis/model.ts';
import type { ReportModel } from '../analysis/report/report-model.ts';
import { openNodeEngine } from '../node/duckdb-node.ts';
import { nodeCrisisFiles } from '../node/files.ts';
import { createPrivacy, type Privacy } from './privacy.ts';
import { diskCache } from '../node/disk-cache.ts';
import { createWorkerMapper, type WorkerMapper } from '../node/worker-mapper.ts';

/** One analysed crisis, as pages see it. */
export interface LoadedCrisis {
  slug: string;
  report: ReportModel;
  messages: readonly Message[];
  cases: readonly Case[];
  /** Open DuckDB with `messages`, `cases`, `message_attributes`, `case_attributes`. */
  engine: Engine;
  result: AnalyzeResult;
  /** The crisis's privacy filter: every data string goes through it. */
  privacy: Privacy;
}

/** Directory holding one sub-directory per crisis. */
export function dataDir(): string {
  return path.resolve(process.env.DEBRIEF_DATA_DIR || 'data');
}

/** Crisis slugs: sub-directories of the data directory that hold a crisis.yaml. */
export function crisisSlugs(dir = dataDir()): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, 'crisis.yaml')))
    .map((e) => e.name)
    .sort();
}

// Kept on globalThis: Vite may evaluate this module once per page chunk, and
// the pipeline must still run only once per build process.
const KEY = Symbol.for('debrief.site.crises');
type Memo = { [KEY]?: Promise<LoadedCrisis[]> };

/** All crises, newest first (by end of data, then slug). Runs the pipeline on first call. */
export function loadCrises(): Promise<LoadedCrisis[]> {
  const memo = globalThis as Memo;
  memo[KEY] ??= analyzeAll(dataDir());
  return memo[KEY];
}

/** Astro static paths, one per crisis (those `include` accepts): every `[crisis]` page's getStaticPaths. */
export async function crisisPaths(include: (crisis: LoadedCrisis) => boolean = () => true): Promise<{ params: { crisis: string } }[]> {
  return (await loadCrises()).filter(include).map((c) => ({ params: { crisis: c.slug } }));
}

/** One crisis by slug; throws when it does not exist (a page asked for something the build did not list). */
export async function getCrisis(slug: string): Promise<LoadedCrisis> {
  const found = (await loadCrises()).find((c) => c.slug === slug);
  if (!found) throw new Error(`debrief: no crisis "${slug}" in ${dataDir()}`);
  return found;
}

async function analyzeAll(dir: string): Promise<LoadedCrisis[]> {
  const slugs = crisisSlugs(dir);
  if (!slugs.length) process.stderr.write(`debrief: no crises in ${dir} (a directory per crisis with a crisis.yaml)\n`);
  const out: LoadedCrisis[] = [];
  // This module is bundled by Astro, so the worker entry is found from the project root.
  const textMapper = createWorkerMapper({
    entry: pathToFileURL(path.resolve('src/node/text-worker.mjs')),
    onNote: (m) => process.stderr.write(`debrief: ${m}\n`),
  });
  try {
    // Crises one after another (DuckDB-WASM is single-threaded); language work inside each uses the worker threads.
    for (const slug of slugs) out.push(await analyzeOne(path.join(dir, slug), slug, textMapper));
  } finally {
    await textMapper.close();
  }
  return out.sort((a, b) => (b.report.crisis.window.end ?? '').localeCompare(a.report.crisis.window.end ?? '') || a.slug.localeCompare(b.slug));
}

async function analyzeOne(dir: string, slug: string, textMapper: WorkerMapper): Promise<LoadedCrisis> {
  const started = Date.now();
  process.stderr.write(`debrief: analysing ${slug}\n`);
  const engine = await openNodeEngine();
  const result = await analyzeCrisis(nodeCrisisFiles(dir), engine, {
    slug,
    onStep: (m) => process.stderr.write(`debrief:   ${slug}: ${m}\n`),
    // Rebuilding after editing a notebook reuses the language results (DEBRIEF_NO_CACHE=1 recomputes).
    cache: process.env.DEBRIEF_NO_CACHE ? undefined : diskCache(path.resolve('.debrief-cache')),
    textMapper,
  });
  const { report, messages, cases } = result;
  const t = report.ledger.totals;
  process.stderr.write(`debrief: ${slug}: ${t.loaded} loaded, ${t.rejected} rejected in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  const privateAuthors = new Set(messages.filter((m) => !m.isBrand && m.author).map((m) => m.author as string));
  const privacy = createPrivacy(report.crisis.privacy, report.crisis.brandHandles, slug, privateAuthors);
  return { slug, report, messages, cases, engine, result, privacy };
}
