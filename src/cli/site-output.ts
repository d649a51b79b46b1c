/**
 * The report site's output directory (`dist/`, or `DEBRIEF_OUT_DIR`), written
 * as bundles are (node/atomic-dir.ts): the site is rendered into a staging
 * directory and renamed into place only when complete, so the previous site
 * stays whole and served until then, and a build killed half-way leaves it
 * as it was; two builds of one output directory take turns (the same lock
 * as bundles). A complete site carries a stamp, `.debrief-build.json`, that
 * says what it was built from, with no path and no clock but the build date.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, rm, statfs, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SiteSources } from './site-sources.ts';
import { alive, besideTarget, step, swapIntoPlace, withDirLock, type LockOptions } from '../node/atomic-dir.ts';

/** The stamp of a complete site, written last: an output directory without it was never finished. */
export const STAMP_FILE = '.debrief-build.json';

/** What a site was built from: the same input gives the same stamp. */
export interface SiteStamp {
  /** The sub-path the site is served from (`DEBRIEF_BASE`). */
  base: string;
  /** `YYYY-MM-DD`: `SOURCE_DATE_EPOCH`'s date, else the day of the build (see node/build-date.ts). */
  buildDate: string;
  /** Each crisis's bundle, by the key of its inputs (data files and analysis code). */
  crises: { slug: string; inputKey: string }[];
  /** The site's code, settings and notebooks, by content (site-sources.ts): what a notebook-only rebuild compares. */
  sources?: SiteSources;
}

/** The stamp of the site in `target`, if it has one that parses. */
export function readStamp(target: string): SiteStamp | null {
  try {
    return JSON.parse(readFileSync(path.join(target, STAMP_FILE), 'utf8')) as SiteStamp;
  } catch {
    return null;
  }
}

/** Where the site goes: `DEBRIEF_OUT_DIR` (relative to the project, as astro.config.mjs reads it), else `dist`. */
export function siteOutDir(root: string): string {
  return path.resolve(root, process.env.DEBRIEF_OUT_DIR || 'dist');
}

const KEPT = (target: string) => `the previous site in ${target} is left as it was`;

/**
 * Renders the site with `render(outDir)` into a staging directory and puts it
 * in the place of `target` with `stamp`. The staging directory is inside the
 * project (`.debrief/site.partial-<pid>`): Astro given an output directory
 * outside the project builds its server modules in the project's `.astro/`
 * and copies that whole directory into the output (stray
 * `content-assets.mjs`, `content-modules.mjs`), then deletes it under any
 * other build running there.
 */
export async function writeSite(root: string, target: string, render: (outDir: string) => Promise<void>, stamp: () => SiteStamp, options: LockOptions = {}): Promise<void> {
  await step('create', path.dirname(target), () => mkdir(path.dirname(target), { recursive: true }));
  assertReplaceable(target);
  const stagingRoot = path.join(root, '.debrief');
  const staging = path.join(stagingRoot, `site.partial-${process.pid}`);
  await withDirLock(
    target,
    (aside) => existsSync(path.join(aside, STAMP_FILE)),
    async () => {
      let ready = staging;
      try {
        await removeDeadStaging(stagingRoot);
        await step('create', stagingRoot, () => mkdir(stagingRoot, { recursive: true }));
        await rm(staging, { recursive: true, force: true });
        try {
          await render(staging);
        } catch (error) {
          throw new Error(`${(error as Error).message}${await diskFullHint(stagingRoot)}; ${KEPT(target)}`);
        }
        if (!existsSync(path.join(staging, 'index.html'))) throw new Error(`the site build wrote no index.html into ${staging}; ${KEPT(target)}`);
        await kept(target, () => step('write', path.join(staging, STAMP_FILE), () => writeFile(path.join(staging, STAMP_FILE), `${JSON.stringify(stamp(), null, 2)}\n`)));
        // A rename is atomic only within one file system; across two, the site is first copied beside the target.
        if (!sameFileSystem(stagingRoot, path.dirname(target))) ready = await kept(target, () => besideTarget(staging, target));
        await kept(target, () => swapIntoPlace(ready, target));
      } finally {
        await rm(staging, { recursive: true, force: true });
        if (ready !== staging) await rm(ready, { recursive: true, force: true });
      }
    },
    options,
  );
}

/** Refuses to replace a directory that holds something but is no Debrief site (no stamp, no index.html). */
function assertReplaceable(target: string): void {
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) throw new Error(`${target} is a file, not a directory: set DEBRIEF_OUT_DIR to a new or empty directory`);
  const names = readdirSync(target);
  if (!names.length || names.includes(STAMP_FILE) || names.includes('index.html')) return;
  throw new Error(`${target} holds files that are not a Debrief site (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}): set DEBRIEF_OUT_DIR to a new or empty directory`);
}

/** Staging directories of builds (whole or of a notebook) that were killed: their process is gone. */
async function removeDeadStaging(stagingRoot: string): Promise<void> {
  if (!existsSync(stagingRoot)) return;
  for (const name of await readdir(stagingRoot)) {
    // A whole build's staging directory, or a notebook rebuild's (notebook-rebuild.ts).
    const pid = /^(?:site|notebook)\.partial-(\d+)$/.exec(name)?.[1];
    if (pid && !alive(Number(pid))) await rm(path.join(stagingRoot, name), { recursive: true, force: true });
  }
}

function sameFileSystem(a: string, b: string): boolean {
  return statSync(a).dev === statSync(b).dev;
}

async function kept<T>(target: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new Error(`${(error as Error).message}; ${KEPT(target)}`);
  }
}

/** When the site build failed on a (nearly) full disk, says so: Astro's own message may not name the file. */
async function diskFullHint(dir: string): Promise<string> {
  try {
    const fs = await statfs(dir);
    const free = fs.bavail * fs.bsize;
    return free < 64 * 2 ** 20 ? ` — the disk holding ${dir} is full (${Math.round(free / 2 ** 20)} MB free): free some disk space and build again` : '';
  } catch {
    return '';
  }
}
