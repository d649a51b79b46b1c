/**
 * The `/analyze/` page's workers (the analysis worker and its language
 * helpers) built by esbuild instead of by Vite, during a site build.
 *
 * Why: Vite builds each `new Worker(new URL('./x.ts', import.meta.url))` as a
 * Rollup build of its own, on the thread that builds everything else; for
 * these two workers (the whole analysis and the language models: 2 MB of
 * JavaScript) that was about 4.7 s of the site's 9 s client build, in every
 * `debrief build`. esbuild builds both in about 1.5 s, in a process of its own,
 * so on a machine with a second core it runs beside Vite's other work.
 * `npm run dev` keeps Vite's own worker handling (this plugin is build-only).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { build, type Plugin as EsbuildPlugin } from 'esbuild';
import type { Plugin } from 'vite';

const ANALYZER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../analyzer');

/** Where the page and the analysis worker start their workers, as written in the sources. */
const ANALYZE_WORKER_URL = "new URL('./analyze-worker.ts', import.meta.url)";
const TEXT_WORKER_URL = "new URL('./text-worker.ts', import.meta.url)";

/** A built worker: its file name (named by its content) and its code. */
export interface BuiltWorker {
  fileName: string;
  code: Uint8Array;
}

/**
 * Vite plugin: builds the workers with esbuild when the page's script is
 * transformed, emits them beside the page's chunks (`<assetsDir>/`), and
 * points the page at the analysis worker. Fails the build, naming the worker,
 * when a source no longer starts its worker the way this expects.
 */
export function prebuiltWorkers(): Plugin {
  let assetsDir = '_astro';
  // The project being built (a copy of the sources may be built with this file's config, as the e2e benchmark does).
  let analyzer = ANALYZER;
  let workers: Promise<{ analyze: BuiltWorker; text: BuiltWorker }> | undefined;
  return {
    name: 'debrief-prebuilt-workers',
    apply: 'build',
    enforce: 'pre',
    configResolved(config) {
      assetsDir = config.build.assetsDir;
      analyzer = path.join(config.root, 'src/analyzer');
    },
    async transform(code, id, options) {
      if (options?.ssr || path.resolve(id.split('?')[0]!) !== path.join(analyzer, 'analyze-page.ts')) return null;
      if (!code.includes(ANALYZE_WORKER_URL)) throw new Error(`${id}: expected ${ANALYZE_WORKER_URL} (src/site/prebuilt-workers.ts builds that worker)`);
      workers ??= buildAnalyzeWorkers(analyzer);
      const { analyze, text } = await workers;
      this.emitFile({ type: 'asset', fileName: `${assetsDir}/${text.fileName}`, source: text.code });
      const ref = this.emitFile({ type: 'asset', fileName: `${assetsDir}/${analyze.fileName}`, source: analyze.code });
      // Rollup writes the emitted file's URL relative to the chunk that starts it.
      return { code: code.replace(ANALYZE_WORKER_URL, `import.meta.ROLLUP_FILE_URL_${ref}`), map: null };
    },
  };
}

/**
 * Both workers as browser ES modules; the analysis worker starts its helpers
 * from the file beside it.
 * @param analyzer the directory of their sources (src/analyzer)
 */
export async function buildAnalyzeWorkers(analyzer = ANALYZER): Promise<{ analyze: BuiltWorker; text: BuiltWorker }> {
  const text = await buildWorker(path.join(analyzer, 'text-worker.ts'));
  const analyze = await buildWorker(path.join(analyzer, 'analyze-worker.ts'), [replaceIn(path.join(analyzer, 'analyze-worker.ts'), TEXT_WORKER_URL, `new URL(${JSON.stringify(`./${text.fileName}`)}, import.meta.url)`)]);
  return { analyze, text };
}

async function buildWorker(entry: string, plugins: EsbuildPlugin[] = []): Promise<BuiltWorker> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    // As Astro's client build: no lowering.
    target: 'esnext',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'silent',
    plugins,
  });
  const code = result.outputFiles[0]!.contents;
  const hash = createHash('sha256').update(code).digest('base64url').slice(0, 10);
  return { fileName: `${path.basename(entry, '.ts')}-${hash}.js`, code };
}

/** Replaces `from` by `to` in the module `file`; fails when `from` is not there. */
function replaceIn(file: string, from: string, to: string): EsbuildPlugin {
  return {
    name: 'replace-worker-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (path.resolve(args.path) !== file) return undefined;
        const source = await readFile(file, 'utf8');
        if (!source.includes(from)) throw new Error(`${file}: expected ${from} (src/site/prebuilt-workers.ts builds that worker)`);
        return { contents: source.replace(from, to), loader: 'ts' };
      });
    },
  };
}
