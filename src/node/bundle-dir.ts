/**
 * A bundle on disk, written atomically and exclusively: the files go to a
 * temporary sibling directory, which replaces the previous bundle only when
 * complete, so a reader (or a crash) sees the old bundle or the new one,
 * never a mix; a lock file keeps two writers of one directory apart.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { BUNDLE_FILES, type BundleManifest } from '../analysis/bundle/layout.ts';
import type { BundleSink } from '../analysis/bundle/write-bundle.ts';

/** Files an earlier Debrief wrote into an `--out` directory (a bundle, or the report.json and CSVs of older versions): such a directory may be replaced. */
const OWN_FILES = new Set<string>(Object.values(BUNDLE_FILES));

export interface BundleDirOptions {
  /** How long to wait for another writer's lock before giving up (ms). */
  waitMs?: number;
  onWait?: (message: string) => void;
}

/**
 * Runs `write` with a sink into a fresh temporary directory beside `dir`, then
 * swaps it into place. Refuses a `dir` holding files Debrief did not write.
 */
export async function writeBundleDir<T>(dir: string, write: (sink: BundleSink) => Promise<T>, options: BundleDirOptions = {}): Promise<T> {
  const target = path.resolve(dir);
  await mkdir(path.dirname(target), { recursive: true });
  await assertReplaceable(target);
  const release = await lock(`${target}.lock`, options);
  const tmp = `${target}.partial-${process.pid}`;
  try {
    await recover(target);
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp);
    const result = await write({
      async write(name, chunks) {
        const file = path.join(tmp, name);
        const hash = createHash('sha256');
        let bytes = 0;
        let handle: FileHandle | undefined;
        try {
          handle = await open(file, 'w');
          for (const chunk of chunks) {
            const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
            hash.update(data);
            bytes += data.length;
            await handle.write(data);
          }
        } catch (error) {
          throw new Error(`cannot write ${path.join(target, name)} (${(error as NodeJS.ErrnoException).code ?? String(error)}): free some disk space or choose another output directory; the previous bundle is left as it was`);
        } finally {
          await handle?.close();
        }
        return { name, bytes, sha256: hash.digest('hex') };
      },
    });
    await swap(tmp, target);
    return result;
  } finally {
    await rm(tmp, { recursive: true, force: true });
    await release();
  }
}

/** The manifest of the bundle in `dir`, or null when there is none (or it cannot be read). */
export function readManifest(dir: string): BundleManifest | null {
  try {
    return JSON.parse(readFileSync(path.join(dir, BUNDLE_FILES.manifest), 'utf8')) as BundleManifest;
  } catch {
    return null;
  }
}

async function assertReplaceable(target: string): Promise<void> {
  if (!existsSync(target)) return;
  const foreign = (await readdir(target)).filter((name) => !OWN_FILES.has(name));
  if (foreign.length) {
    throw new Error(`${target} holds files Debrief did not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}): choose an empty or new output directory`);
  }
}

/** A writer killed between the two renames of {@link swap} left the previous bundle aside: put it back. */
async function recover(target: string): Promise<void> {
  const dir = path.dirname(target);
  const aside = (await readdir(dir)).filter((n) => n.startsWith(`${path.basename(target)}.old-`) || n.startsWith(`${path.basename(target)}.partial-`));
  for (const name of aside) {
    const full = path.join(dir, name);
    if (!existsSync(target) && name.includes('.old-') && readManifest(full)) await rename(full, target);
    else await rm(full, { recursive: true, force: true });
  }
}

// Two renames: the old bundle is moved aside, the new one takes its name, then the old is removed.
async function swap(tmp: string, target: string): Promise<void> {
  const old = `${target}.old-${process.pid}`;
  const had = existsSync(target);
  if (had) await rename(target, old);
  try {
    await rename(tmp, target);
  } catch (error) {
    if (had) await rename(old, target);
    throw error;
  }
  if (had) await rm(old, { recursive: true, force: true });
}

/** Takes `file` as a lock (waiting while a live process holds it); returns its release. */
async function lock(file: string, { waitMs = 10 * 60_000, onWait }: BundleDirOptions): Promise<() => Promise<void>> {
  const started = Date.now();
  let said = false;
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`cannot create the lock ${file}: ${(error as Error).message}`);
    }
    const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (!alive(holder)) {
      // Left by a process that died: take it over.
      await rm(file, { force: true });
      continue;
    }
    if (Date.now() - started > waitMs) throw new Error(`another debrief (pid ${holder}) is still writing ${file.replace(/\.lock$/, '')}; wait for it to finish, or delete ${file} if that process is gone`);
    if (!said) onWait?.(`waiting for another debrief (pid ${holder}) writing ${file.replace(/\.lock$/, '')}`);
    said = true;
    await new Promise((r) => setTimeout(r, 200));
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Where `debrief build` keeps one bundle per crisis and the site reads them: `DEBRIEF_BUNDLES_DIR`, else `.debrief/bundles`. */
export function bundlesDir(root = process.cwd()): string {
  return path.resolve(root, process.env.DEBRIEF_BUNDLES_DIR || path.join('.debrief', 'bundles'));
}

/** The directory of crises (one sub-directory with a crisis.yaml each): `DEBRIEF_DATA_DIR`, else `data`. */
export function crisesDir(root = process.cwd()): string {
  return path.resolve(root, process.env.DEBRIEF_DATA_DIR || 'data');
}
