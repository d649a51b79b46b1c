/**
 * Renders only the notebook pages of some crises and puts them into a built
 * site: what `debrief build` does after an edit of a notebook's text alone
 * (site-sources.ts tells). A whole build spends most of its ~8 s on pages
 * the edit cannot change; this build has one route (the crisis front page,
 * for the given crises), no client script and no bundle copies, and gives the
 * bytes a whole build gives for those pages (tests/cli/site-reproducible.test.ts).
 */
import { copyFile, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { step, withDirLock } from '../node/atomic-dir.ts';
import { STAMP_FILE, type SiteStamp } from './site-output.ts';

/** The page of a notebook: the crisis front page, in a source directory of its own, limited to `DEBRIEF_ONLY_CRISES`. */
function pageSource(pageFile: string, crisesModule: string): string {
  return `---
// Written by debrief build (src/cli/notebook-rebuild.ts) for a notebook-only rebuild; not a source file.
import Page from ${JSON.stringify(pageFile)};
import { crisisPaths } from ${JSON.stringify(crisesModule)};
export async function getStaticPaths() {
  const only = (process.env.DEBRIEF_ONLY_CRISES ?? '').split(',');
  return crisisPaths((crisis) => only.includes(crisis.slug));
}
---
<Page />
`;
}

/** An Astro config: the project's, with that source directory and only the integrations a notebook page needs. */
function configSource(configFile: string, srcDir: string): string {
  return `// Written by debrief build (src/cli/notebook-rebuild.ts) for a notebook-only rebuild.
import config from ${JSON.stringify(configFile)};
const wanted = new Set(['@astrojs/mdx', 'debrief-downloads']);
export default {
  ...config,
  srcDir: ${JSON.stringify(srcDir)},
  integrations: config.integrations.filter((i) => wanted.has(i.name)),
  // The server bundle only renders this page and is then removed: tree-shaking it is time (~0.3 s) for nothing.
  vite: { ...config.vite, build: { ...config.vite?.build, rollupOptions: { ...config.vite?.build?.rollupOptions, treeshake: false } } },
};
`;
}

export interface NotebookRebuild {
  /** Runs Astro with `args` (after astro.js) and `env` added to the build's; resolves when it exited 0. */
  astro: (args: string[], env: NodeJS.ProcessEnv) => Promise<void>;
  /** The site's Astro config (an absolute path): the project's `astro.config.mjs` unless given (site-config.ts bundles it). */
  config?: string;
  quiet?: boolean;
}

/**
 * Renders the notebook pages of `slugs` and writes them, with their SQL
 * cells' downloads, into the site `target`; then writes `stamp`. The site's
 * stamp is removed first: a rebuild that stops half-way leaves a site that
 * the next `debrief build` builds whole. Returns false, leaving the site as
 * it was, when the pages need more than their own files (the site must then
 * be built whole); throws when Astro fails (a mistake in the notebook).
 */
export async function rebuildNotebookPages(root: string, target: string, slugs: readonly string[], stamp: SiteStamp, run: NotebookRebuild): Promise<boolean> {
  const work = path.join(root, '.debrief', `notebook.partial-${process.pid}`);
  const srcDir = path.join(work, 'src');
  const out = path.join(work, 'out');
  const page = path.join(srcDir, 'pages', '[crisis]', 'index.astro');
  const config = path.join(work, 'astro.config.mjs');
  return withDirLock(
    target,
    (aside) => existsSync(path.join(aside, STAMP_FILE)),
    async () => {
      try {
        await rm(work, { recursive: true, force: true });
        await mkdir(path.dirname(page), { recursive: true });
        await writeFile(page, pageSource(path.join(root, 'src/pages/[crisis]/index.astro'), path.join(root, 'src/site/crises.ts')));
        await writeFile(config, configSource(run.config ?? path.join(root, 'astro.config.mjs'), path.relative(root, srcDir)));
        await run.astro(['build', '--config', path.relative(root, config), ...(run.quiet ? ['--silent'] : [])], { DEBRIEF_OUT_DIR: path.relative(root, out), DEBRIEF_ONLY_CRISES: slugs.join(',') });
        // Anything beside the crises' directories (a shared asset) would be missing from the site: build it whole.
        if ((await readdir(out)).some((name) => !slugs.includes(name))) return false;
        await step('remove', path.join(target, STAMP_FILE), () => rm(path.join(target, STAMP_FILE), { force: true }));
        for (const slug of slugs) await putPage(path.join(out, slug), path.join(target, slug));
        const stampFile = path.join(target, STAMP_FILE);
        await step('write', stampFile, async () => {
          await writeFile(`${stampFile}.partial`, `${JSON.stringify(stamp, null, 2)}\n`);
          await rename(`${stampFile}.partial`, stampFile);
        });
        return true;
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    },
  );
}

/**
 * Puts a crisis's rendered front page and its downloads into the site's
 * crisis directory, each file renamed into place; removes the SQL cells'
 * downloads (`data/sql-*.csv`, written only by notebooks) the page no longer
 * has.
 */
async function putPage(from: string, to: string): Promise<void> {
  if (!existsSync(path.join(from, 'index.html'))) throw new Error(`the notebook build wrote no ${path.join(from, 'index.html')}`);
  const written = new Set<string>();
  const copy = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const source = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        await copy(source);
        continue;
      }
      const rel = path.relative(from, source);
      const dest = path.join(to, rel);
      written.add(rel);
      await step('write', dest, async () => {
        await mkdir(path.dirname(dest), { recursive: true });
        await copyFile(source, `${dest}.partial`);
        await rename(`${dest}.partial`, dest);
      });
    }
  };
  await copy(from);
  const data = path.join(to, 'data');
  if (!existsSync(data)) return;
  for (const name of await readdir(data)) {
    if (/^sql-[0-9a-f]+\.csv$/.test(name) && !written.has(path.join('data', name))) await step('remove', path.join(data, name), () => rm(path.join(data, name)));
  }
}
