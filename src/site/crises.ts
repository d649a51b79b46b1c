/**
 * The site's only data source: the report bundles `debrief build` wrote (one
 * per crisis, see src/analysis/bundle/layout.ts). Pages render a bundle's
 * report and excerpts and nothing else; the bundle's tables are loaded into
 * DuckDB only when a notebook's SQL cell asks for them (bundle-sql.ts).
 *
 * `DEBRIEF_BUNDLES_DIR` points the site at the bundles (`debrief build` sets it).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Excerpts } from '../analysis/bundle/excerpts.ts';
import { BUNDLE_FILES, BUNDLE_VERSION, type BundleManifest } from '../analysis/bundle/layout.ts';
import type { ReportModel, ReportSections } from '../analysis/report/report-model.ts';
import { bundlesDir, readManifest } from '../node/bundle-dir.ts';

/** One analysed crisis, as pages see it: its bundle. */
export interface LoadedCrisis {
  slug: string;
  /** The shared report (privacy applied). */
  report: ReportModel;
  /** The rows pages show or quote. */
  excerpts: Excerpts;
  manifest: BundleManifest;
  /** The bundle directory (its tables are queried by notebooks' SQL cells, see bundle-sql.ts). */
  dir: string;
}

// Kept on globalThis: Vite may evaluate this module once per page chunk, and bundles must be read once per build.
const KEY = Symbol.for('debrief.site.crises');
type Memo = { [KEY]?: LoadedCrisis[] };

/** All crises, newest first (by end of data, then slug). */
export function loadCrises(): Promise<LoadedCrisis[]> {
  const memo = globalThis as Memo;
  memo[KEY] ??= readBundles(bundlesDir());
  return Promise.resolve(memo[KEY]);
}

/** Astro static paths, one per crisis (those `include` accepts): every `[crisis]` page's getStaticPaths. */
export async function crisisPaths(include: (crisis: LoadedCrisis) => boolean = () => true): Promise<{ params: { crisis: string } }[]> {
  return (await loadCrises()).filter(include).map((c) => ({ params: { crisis: c.slug } }));
}

/** One crisis by slug; throws when it does not exist (a page asked for something the build did not list). */
export async function getCrisis(slug: string): Promise<LoadedCrisis> {
  const found = (await loadCrises()).find((c) => c.slug === slug);
  if (!found) throw new Error(`debrief: no bundle for crisis "${slug}" in ${bundlesDir()}`);
  return found;
}

/** True when the crisis's report has the section (a page exists for it only then); false for an unknown slug. */
export async function crisisHasSection(slug: string, section: keyof ReportSections): Promise<boolean> {
  return (await loadCrises()).some((c) => c.slug === slug && c.report.sections[section] !== undefined);
}

/** A file of a crisis's bundle, as bytes (downloads are served exactly as the bundle has them). */
export async function bundleFile(crisis: LoadedCrisis, name: string): Promise<ArrayBuffer> {
  const bytes = await readFile(path.join(crisis.dir, name));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
}

function readBundles(dir: string): LoadedCrisis[] {
  if (!existsSync(dir)) throw new Error(`debrief: no report bundles in ${dir}: build the site with \`npx debrief build\` (it analyses data/ first)`);
  const out: LoadedCrisis[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!e.isDirectory()) continue;
    const bundle = path.join(dir, e.name);
    const manifest = readManifest(bundle);
    // Only a crisis's own bundle, named by its slug: a writer's `.partial-`/`.old-` sibling is not another crisis.
    if (manifest?.slug !== e.name) continue;
    if (manifest.bundleVersion !== BUNDLE_VERSION) throw new Error(`debrief: ${bundle} is a bundle of another version (${manifest.bundleVersion}, this site reads ${BUNDLE_VERSION}): run \`npx debrief build\` again`);
    out.push(loadBundle(bundle, manifest));
  }
  if (!out.length) process.stderr.write(`debrief: no crises in ${dir} (run \`npx debrief build\`)\n`);
  return out.sort((a, b) => (b.report.crisis.window.end ?? '').localeCompare(a.report.crisis.window.end ?? '') || a.slug.localeCompare(b.slug));
}

function loadBundle(dir: string, manifest: BundleManifest): LoadedCrisis {
  const json = <T>(name: string) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as T;
  return {
    slug: manifest.slug,
    report: json<ReportModel>(BUNDLE_FILES.report),
    excerpts: json<Excerpts>(BUNDLE_FILES.excerpts),
    manifest,
    dir,
  };
}
