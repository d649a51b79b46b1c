/**
 * `debrief build`: brings every crisis's bundle up to date (analysing only
 * what is stale), then renders the site from the bundles with `astro build`
 * into a staging directory that replaces the previous site only when
 * complete (site-output.ts). After an edit of a notebook's text alone (and
 * nothing else since the site was built), only that notebook's page is
 * rendered again, into the site in place (notebook-rebuild.ts); after no
 * change at all, nothing is. `debrief dev`
 * brings the bundles up to date, then serves the site with live reload
 * (`astro dev`) for writing notebooks.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildDate, buildTime } from '../node/build-date.ts';
import { bundlesDir, crisesDir, readManifest } from '../node/bundle-dir.ts';
import { filesOver, largeFilesWarning } from '../node/large-files.ts';
import { addPrebuiltBundles, prebuiltBundlesDir } from '../node/prebuilt-bundles.ts';
import { astroEnv, runAstro } from './astro-process.ts';
import { crisisSlugs, prepareBundles } from './bundles.ts';
import type { EngineName } from './engines.ts';
import { progress } from './progress.ts';
import { rebuildNotebookPages } from './notebook-rebuild.ts';
import { siteConfigFile } from './site-config.ts';
import { readStamp, siteOutDir, writeSite } from './site-output.ts';
import { notebookOnlyChange, siteSources } from './site-sources.ts';

export interface BuildOptions {
  quiet?: boolean;
  /** Worker threads for language analyses (see analyze). */
  workers?: number;
  /** The engine for analysing stale crises. */
  engine?: EngineName;
}

/** Analyses what is stale; returns the environment that points Astro at the bundles, and each crisis's input key. */
async function bundles(root: string, options: BuildOptions): Promise<{ env: NodeJS.ProcessEnv; crises: { slug: string; inputKey: string }[]; prebuilt: string[] }> {
  const say = progress(!!options.quiet);
  const data = crisesDir(root);
  const slugs = crisisSlugs(data);
  if (!slugs.length) throw new Error(`no crises in ${data}: run \`npx debrief new <slug>\` and add exports`);
  const dir = bundlesDir(root);
  const started = Date.now();
  // DEBRIEF_NO_CACHE=1 recomputes everything: every bundle and every language result.
  const fresh = !!process.env.DEBRIEF_NO_CACHE;
  const { analysed, reused } = await prepareBundles(data, dir, { quiet: options.quiet, workers: options.workers, engine: options.engine, force: fresh, cacheDir: fresh ? null : undefined, isolate: true });
  say(`debrief: bundles in ${path.relative(root, dir) || dir}: ${analysed.length} analysed${analysed.length ? ` (${analysed.join(', ')})` : ''}, ${reused.length} up to date, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // Bundles saved from /analyze/ (bundles/<slug>/): shown beside the analysed crises, never analysed again.
  const prebuilt = await addPrebuiltBundles(prebuiltBundlesDir(root), dir, slugs);
  if (prebuilt.length) say(`debrief: ${prebuilt.length} prebuilt bundle(s) from ${path.relative(root, prebuiltBundlesDir(root))}: ${prebuilt.join(', ')}`);
  const crises = slugs.map((slug) => ({ slug, inputKey: readManifest(path.join(dir, slug))?.inputKey ?? '' }));
  // Telemetry would try the network, which is closed here and none of its business anyway.
  return { env: { ...process.env, DEBRIEF_BUNDLES_DIR: dir, ASTRO_TELEMETRY_DISABLED: '1' }, crises, prebuilt };
}

export async function build(root: string, options: BuildOptions): Promise<void> {
  const say = progress(!!options.quiet);
  // Read once (and checked) before the slow part: every page of this build has the same date.
  const time = buildTime();
  const { env, crises, prebuilt } = await bundles(root, options);
  const target = siteOutDir(root);
  const started = Date.now();
  const siteEnv = { ...env, ...astroEnv(root), SOURCE_DATE_EPOCH: String(time / 1000) };
  const astro = (args: string[], extra: NodeJS.ProcessEnv) => runAstro(root, args, { ...siteEnv, ...extra });
  const stamp = { base: process.env.DEBRIEF_BASE || '/', buildDate: buildDate(time), crises, sources: siteSources(root, crisesDir(root)) };
  // Only a notebook's text changed since the site in `target` was built: render its page alone (seconds, not a whole build).
  // Prebuilt bundles (from /analyze/) are not in the stamp, so a site with them is always built whole.
  const notebooks = process.env.DEBRIEF_FULL_BUILD || prebuilt.length ? null : notebookOnlyChange(readStamp(target), stamp);
  // Nothing changed since the site was built (and its pages are there): nothing to render.
  if (notebooks?.length === 0 && sitePagesPresent(target, crises)) {
    say(`debrief: the site in ${target} is up to date: nothing changed since it was built (DEBRIEF_FULL_BUILD=1 builds every page again)`);
    return;
  }
  const config = await siteConfigFile(root, stamp.sources.key);
  if (notebooks?.length && (await rebuildNotebookPages(root, target, notebooks, stamp, { astro, config, quiet: options.quiet }))) {
    say(`debrief: only the notebook of ${notebooks.join(', ')} changed: its page rendered again into ${target} in ${((Date.now() - started) / 1000).toFixed(1)} s (DEBRIEF_FULL_BUILD=1 builds every page)`);
    return;
  }
  await writeSite(root, target, (outDir) => astro(['build', '--config', path.relative(root, config), ...(options.quiet ? ['--silent'] : [])], { DEBRIEF_OUT_DIR: outDir }), () => stamp, { onWait: say });
  say(`debrief: site written to ${target} in ${((Date.now() - started) / 1000).toFixed(1)} s — open index.html there`);
  // Said even with --quiet: a deploy would fail on these files.
  const large = largeFilesWarning(await filesOver(target));
  if (large) process.stderr.write(`${large}\n`);
}

/** The site's front page and every crisis's are in `target` (a site someone pruned by hand is built again). */
function sitePagesPresent(target: string, crises: readonly { slug: string }[]): boolean {
  return [path.join(target, 'index.html'), ...crises.map((c) => path.join(target, c.slug, 'index.html'))].every((file) => existsSync(file));
}

/** Serves the site with live reload; bundles are brought up to date first (run again after changing data). */
export async function dev(root: string, options: BuildOptions): Promise<void> {
  const { env } = await bundles(root, options);
  await runAstro(root, ['dev'], env, { compileCache: false });
}
