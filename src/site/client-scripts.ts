/**
 * The site's client scripts — the explorer's and the `/analyze/` page's, with
 * the analysis workers — built by esbuild beside Astro, not by Astro's client
 * build, and kept between builds.
 *
 * Why: they are the only scripts of the site, and they depend on the site's
 * code, never on the crises. Astro's Vite client build of them took about 5 s
 * of every `debrief build` (a million-post crisis's site included), for the
 * same bytes each time. Pages load them with a plain `<script type="module">`
 * whose address comes from the virtual module `virtual:debrief/client-scripts`,
 * so Astro has no script to build and skips its client build; the files are
 * written into the site's `_astro/` when the build is done. They are built
 * again only when a file they are built from changed (client-scripts-cache.ts);
 * `DEBRIEF_PLAIN_ASTRO=1` builds them afresh every time. `npm run dev` serves
 * the entries from source through Vite, with its live reload.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';
import type { Plugin } from 'vite';
import { plainAstro } from '../node/plain-astro.ts';
import { ANALYZE_WORKER_URL, BROWSER_BUILD, buildAnalyzeWorkers, replaceIn, type BuiltFile } from './prebuilt-workers.ts';
import { cachedBuild } from './client-scripts-cache.ts';

/** Each client script: its entry module, relative to the project. */
export const CLIENT_SCRIPTS = {
  explore: 'src/explorer/explore-entry.ts',
  analyze: 'src/analyzer/analyze-entry.ts',
} as const;

/** The name of a client script. */
export type ClientScript = keyof typeof CLIENT_SCRIPTS;

/** The client scripts built: each script's file, every file to serve (chunks and workers too), and what they were built from. */
export interface ClientScriptsBuild {
  scripts: Record<ClientScript, string>;
  files: BuiltFile[];
  /** The files read, relative to the project (esbuild's metafile), sorted. */
  inputs: string[];
}

/** The module pages import for their scripts' addresses (site paths, relative to the site's root). */
export const CLIENT_SCRIPTS_MODULE = 'virtual:debrief/client-scripts';
const RESOLVED = `\0${CLIENT_SCRIPTS_MODULE}`;

/**
 * Builds the client scripts of the project `root` for the browser: one ES
 * module per script, the chunks they share, and the `/analyze/` page's two
 * workers, every file named by its content and served from one directory.
 */
export async function buildClientScripts(root: string): Promise<ClientScriptsBuild> {
  const workers = await buildAnalyzeWorkers(root);
  const page = path.join(root, 'src/analyzer/analyze-page.ts');
  const outdir = path.join(root, '.debrief', 'client-scripts');
  const result = await build({
    ...BROWSER_BUILD,
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(CLIENT_SCRIPTS).map(([name, entry]) => [name, path.join(root, entry)])),
    // The explorer's own code is loaded once DuckDB's module is on its way (explore-entry.ts): a chunk of its own.
    splitting: true,
    outdir,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    plugins: [replaceIn(page, ANALYZE_WORKER_URL, `new URL(${JSON.stringify(`./${workers.analyze.fileName}`)}, import.meta.url)`)],
  });
  const files: BuiltFile[] = result.outputFiles.map((f) => ({ fileName: path.relative(outdir, f.path).split(path.sep).join('/'), code: f.contents }));
  const scripts = {} as Record<ClientScript, string>;
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    const name = Object.entries(CLIENT_SCRIPTS).find(([, entry]) => output.entryPoint && path.resolve(root, output.entryPoint) === path.join(root, entry))?.[0] as ClientScript | undefined;
    if (name) scripts[name] = path.relative(outdir, path.resolve(root, file)).split(path.sep).join('/');
  }
  for (const name of Object.keys(CLIENT_SCRIPTS) as ClientScript[]) if (!scripts[name]) throw new Error(`esbuild wrote no file for the client script ${CLIENT_SCRIPTS[name]}`);
  files.push(workers.text, workers.analyze);
  files.sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
  const inputs = [...new Set([...workers.inputs, ...Object.keys(result.metafile.inputs)])].sort();
  return { scripts, files, inputs };
}

/**
 * Astro integration: answers `virtual:debrief/client-scripts` — in a build
 * with the built files' site paths, in `astro dev` with the entries' sources
 * (Vite serves and reloads them) — and writes the built files into the site
 * when the build is done. A build none of whose pages imports that module
 * builds nothing.
 */
export function clientScriptsIntegration(): AstroIntegration {
  let root = process.cwd();
  let assets = '_astro';
  let built: Promise<ClientScriptsBuild> | undefined;
  const plugin: Plugin = {
    name: 'debrief-client-scripts',
    resolveId: (id) => (id === CLIENT_SCRIPTS_MODULE ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined;
      if (!built) {
        const cacheDir = plainAstro() ? null : path.join(root, 'node_modules', '.cache', 'debrief', 'client-scripts');
        built = cachedBuild(root, cacheDir, buildClientScripts);
      }
      const { scripts } = await built;
      return `export default ${JSON.stringify(Object.fromEntries(Object.entries(scripts).map(([name, file]) => [name, `${assets}/${file}`])))};`;
    },
  };
  const sources: Plugin = {
    name: 'debrief-client-scripts-sources',
    resolveId: (id) => (id === CLIENT_SCRIPTS_MODULE ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? `export default ${JSON.stringify(CLIENT_SCRIPTS)};` : undefined),
  };
  return {
    name: 'debrief-client-scripts',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig }) => {
        root = fileURLToPath(config.root);
        assets = config.build.assets;
        updateConfig({ vite: { plugins: [command === 'build' ? plugin : sources] } });
      },
      'astro:build:done': async ({ dir }) => {
        if (!built) return;
        const target = path.join(fileURLToPath(dir), assets);
        await mkdir(target, { recursive: true });
        for (const file of (await built).files) await writeFile(path.join(target, file.fileName), file.code);
      },
    },
  };
}
