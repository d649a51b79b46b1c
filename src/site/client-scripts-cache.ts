/**
 * The client scripts kept between site builds (site/client-scripts.ts): a
 * build is used again only while every file it was built from — the site's
 * sources and the packages' — has the bytes it had, with the same esbuild and
 * the same lock file. A cache only saves time: one that cannot be read is a
 * miss, one that cannot be written is left out, and an entry is written
 * whole or not at all.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { version as esbuildVersion } from 'esbuild';
import type { BuiltFile } from './prebuilt-workers.ts';

/** What a cached build must hold: its files and the files it was built from (relative to the project). */
export interface CacheableBuild {
  files: BuiltFile[];
  inputs: string[];
}

/** Entries kept per key: the trees a machine builds in turn (a benchmark's two versions of the code, say). */
const KEPT = 4;
/** Bump when what is stored, or how the scripts are built, changes. */
const FORMAT = 'client-scripts 1';

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * The build of `root` from `cacheDir` when one there is still valid, else
 * `make(root)`, stored there for next time; `cacheDir` null: always `make`.
 */
export async function cachedBuild<T extends CacheableBuild>(root: string, cacheDir: string | null, make: (root: string) => Promise<T>): Promise<T> {
  if (!cacheDir) return make(root);
  const dir = path.join(cacheDir, cacheKey(root));
  const hit = await lookup<T>(root, dir);
  if (hit) return hit;
  const built = await make(root);
  await store(root, dir, built).catch(() => undefined);
  return built;
}

/** What every entry's validity also hangs on: the format, esbuild's version and the lock file's bytes. */
function cacheKey(root: string): string {
  let lock = '';
  try {
    lock = readFileSync(path.join(root, 'package-lock.json'), 'utf8');
  } catch {
    // No lock file: the inputs' own bytes still decide.
  }
  return sha256(`${FORMAT}\0${esbuildVersion}\0${sha256(lock)}`).slice(0, 32);
}

interface Entry<T> {
  build: Omit<T, 'files'> & { files: string[] };
  /** Each input's SHA-256. */
  hashes: Record<string, string>;
}

/** The newest entry of `dir` whose inputs all still hash as stored, with its files read back; null if none. */
async function lookup<T extends CacheableBuild>(root: string, dir: string): Promise<T | null> {
  const names = await readdir(dir).catch(() => null);
  if (names === null) return null;
  for (const n of await newestFirst(dir, names)) {
    try {
      const entry = JSON.parse(await readFile(path.join(dir, n, 'entry.json'), 'utf8')) as Entry<T>;
      if (!(await stillValid(root, entry.hashes))) continue;
      const files = await Promise.all(entry.build.files.map(async (fileName) => ({ fileName, code: new Uint8Array(await readFile(path.join(dir, n, 'files', fileName))) })));
      return { ...entry.build, files } as unknown as T;
    } catch {
      // A torn or foreign entry: another may still do.
    }
  }
  return null;
}

async function stillValid(root: string, hashes: Record<string, string>): Promise<boolean> {
  for (const [input, hash] of Object.entries(hashes)) {
    const bytes = await readFile(path.resolve(root, input)).catch(() => null);
    if (!bytes || sha256(bytes) !== hash) return false;
  }
  return true;
}

/**
 * Writes `built` as an entry of `dir` (named by its inputs' hashes), beside the newest others; keeps at most
 * {@link KEPT}, and removes the entries of every other key.
 */
async function store(root: string, dir: string, built: CacheableBuild): Promise<void> {
  const hashes: Record<string, string> = {};
  for (const input of built.inputs) {
    // esbuild lists modules it did not read from disk too ("(disabled):…"): they decide nothing.
    const bytes = await readFile(path.resolve(root, input)).catch(() => null);
    if (bytes) hashes[input] = sha256(bytes);
  }
  const name = sha256(JSON.stringify(hashes));
  const partial = path.join(dir, `.partial-${process.pid}`);
  await rm(partial, { recursive: true, force: true });
  await mkdir(path.join(partial, 'files'), { recursive: true });
  try {
    for (const file of built.files) await writeFile(path.join(partial, 'files', file.fileName), file.code);
    const entry: Entry<CacheableBuild> = { build: { ...built, files: built.files.map((f) => f.fileName) }, hashes };
    await writeFile(path.join(partial, 'entry.json'), JSON.stringify(entry));
    await rm(path.join(dir, name), { recursive: true, force: true });
    await rename(partial, path.join(dir, name));
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
  // Entries of another esbuild or lock file are never used again.
  for (const key of await readdir(path.dirname(dir))) if (key !== path.basename(dir)) await rm(path.join(path.dirname(dir), key), { recursive: true, force: true });
  const others = (await readdir(dir)).filter((n) => n !== name);
  for (const n of (await newestFirst(dir, others)).slice(KEPT - 1)) await rm(path.join(dir, n), { recursive: true, force: true });
}

/** The entries among `names` (a key's 64 hex digits), newest first; one removed meanwhile counts as oldest. */
async function newestFirst(dir: string, names: readonly string[]): Promise<string[]> {
  const dated = await Promise.all(names.filter((n) => /^[0-9a-f]{64}$/.test(n)).map(async (n) => ({ n, t: await stat(path.join(dir, n)).then((s) => s.mtimeMs, () => 0) })));
  dated.sort((a, b) => b.t - a.t || (a.n < b.n ? -1 : 1));
  return dated.map((d) => d.n);
}
