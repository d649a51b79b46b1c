/**
 * The `/analyze/` page's workers (the analysis worker and its language
 * helpers) built by esbuild for a site build (site/client-scripts.ts).
 *
 * Why: Vite builds each `new Worker(new URL('./x.ts', import.meta.url))` as a
 * Rollup build of its own, on the thread that builds everything else; for
 * these two workers (the whole analysis and the language models: 2 MB of
 * JavaScript) that was about 4.7 s of the site's 9 s client build, in every
 * `debrief build`. esbuild builds both in about 1.5 s, in a process of its own.
 * `npm run dev` keeps Vite's own worker handling.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { build, type Plugin as EsbuildPlugin } from 'esbuild';

/** Where the page and the analysis worker start their workers, as written in the sources. */
export const ANALYZE_WORKER_URL = "new URL('./analyze-worker.ts', import.meta.url)";
const TEXT_WORKER_URL = "new URL('./text-worker.ts', import.meta.url)";

/** A built file: its name (named by its content) and its code. */
export interface BuiltFile {
  fileName: string;
  code: Uint8Array;
}

/** Both workers, and the files they were built from (relative to the project). */
export interface BuiltWorkers {
  analyze: BuiltFile;
  text: BuiltFile;
  inputs: string[];
}

/** esbuild's options for browser code, as Astro's client build had them: ES modules, no lowering, minified. */
export const BROWSER_BUILD = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'esnext',
  minify: true,
  charset: 'utf8',
  define: { 'process.env.NODE_ENV': '"production"' },
  write: false,
  metafile: true,
  logLevel: 'silent',
} as const;

/**
 * Both workers as browser ES modules; the analysis worker starts its helpers
 * from the file beside it.
 * @param root the project whose `src/analyzer` holds their sources
 */
export async function buildAnalyzeWorkers(root: string): Promise<BuiltWorkers> {
  const analyzer = path.join(root, 'src/analyzer');
  const text = await buildWorker(root, path.join(analyzer, 'text-worker.ts'));
  const analyze = await buildWorker(root, path.join(analyzer, 'analyze-worker.ts'), [replaceIn(path.join(analyzer, 'analyze-worker.ts'), TEXT_WORKER_URL, `new URL(${JSON.stringify(`./${text.file.fileName}`)}, import.meta.url)`)]);
  return { analyze: analyze.file, text: text.file, inputs: [...new Set([...text.inputs, ...analyze.inputs])].sort() };
}

async function buildWorker(root: string, entry: string, plugins: EsbuildPlugin[] = []): Promise<{ file: BuiltFile; inputs: string[] }> {
  const result = await build({ ...BROWSER_BUILD, absWorkingDir: root, entryPoints: [entry], plugins });
  const code = result.outputFiles[0]!.contents;
  const hash = createHash('sha256').update(code).digest('base64url').slice(0, 10);
  return { file: { fileName: `${path.basename(entry, '.ts')}-${hash}.js`, code }, inputs: Object.keys(result.metafile.inputs) };
}

/** Replaces `from` by `to` in the module `file`; fails, naming the file, when `from` is not there. */
export function replaceIn(file: string, from: string, to: string): EsbuildPlugin {
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
