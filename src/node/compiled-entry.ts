/**
 * The analysis child process and its text workers run as plain JavaScript:
 * each TypeScript entry is bundled by esbuild (bundle-entry.mjs, in a process
 * of its own) into ES module files (the entry's and its chunks) that Node runs without tsx. Why: tsx
 * registers its loader on a thread of its own, with a V8 heap of its own, in
 * every process and worker that registers it (about 20 MiB each); at a million
 * posts that is memory the analysis needs (docs/scaling.md). Bundling takes
 * ~0.3 s per analysis; the files are named by their content.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The environment variable by which the analysis child process names its text workers' bundled entry (a path). */
export const TEXT_WORKER_ENV = 'DEBRIEF_TEXT_WORKER';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Where the bundles go: the project's node_modules cache, so that the bundles' imports of packages resolve as the sources' do. */
export const COMPILED_DIR = path.resolve(HERE, '../../node_modules/.cache/debrief');

/**
 * Bundles the TypeScript module `entry` (an absolute path) with its own imports (packages stay imports) into
 * a directory of `dir`; returns the path of the entry's file there. Each module keeps its own `import.meta.url`, so paths built from it stay right.
 * The directory is named by the bundle's content, or `name` when given: a name the caller derives from the sources
 * (`<entry's name>-<16 hex>`), so that a bundle already made is found without running esbuild at all.
 */
export async function compiledEntry(entry: string, dir = COMPILED_DIR, name?: string): Promise<string> {
  if (name) {
    const made = path.join(dir, name, `${path.basename(entry).replace(/\.[cm]?[jt]s$/, '')}.mjs`);
    if (existsSync(made)) return made;
  }
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(HERE, 'bundle-entry.mjs'), entry, dir, ...(name ? [name] : [])], { encoding: 'utf8' });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(stderr || (error instanceof Error ? error.message : String(error)));
  }
}
