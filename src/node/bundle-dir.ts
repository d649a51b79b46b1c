/**
 * A bundle on disk, written atomically and exclusively: the files go to a
 * temporary sibling directory, which replaces the previous bundle only when
 * complete, so a reader (or a crash) sees the old bundle or the new one,
 * never a mix; a lock file keeps two writers of one directory apart.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, open, readdir, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { BUNDLE_FILES, type BundleManifest } from '../analysis/bundle/layout.ts';
import type { BundleSink } from '../analysis/bundle/write-bundle.ts';
import { step, swapIntoPlace, withDirLock, writeError, type LockOptions } from './atomic-dir.ts';

/** Files an earlier Debrief wrote into an `--out` directory (a bundle, or the report.json and CSVs of older versions): such a directory may be replaced. */
const OWN_FILES = new Set<string>(Object.values(BUNDLE_FILES));

const KEPT = 'the previous bundle is left as it was';

export type BundleDirOptions = LockOptions;

/**
 * Runs `write` with a sink into a fresh temporary directory beside `dir`, then
 * swaps it into place. Refuses a `dir` holding files Debrief did not write.
 * Every failure to write names the file, the reason and what to do.
 */
export async function writeBundleDir<T>(dir: string, write: (sink: BundleSink) => Promise<T>, options: BundleDirOptions = {}): Promise<T> {
  const target = path.resolve(dir);
  await step('create', path.dirname(target), () => mkdir(path.dirname(target), { recursive: true }));
  await assertReplaceable(target);
  const tmp = `${target}.partial-${process.pid}`;
  return withDirLock(
    target,
    (aside) => readManifest(aside) !== null,
    async () => {
      try {
        await rm(tmp, { recursive: true, force: true });
        await kept(() => step('create', tmp, () => mkdir(tmp)));
        const result = await write({
          async write(name, chunks) {
            const file = path.join(tmp, name);
            const hash = createHash('sha256');
            let bytes = 0;
            let handle: FileHandle | undefined;
            try {
              handle = await open(file, 'w');
              for await (const chunk of chunks) {
                const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
                hash.update(data);
                bytes += data.length;
                await handle.write(data);
              }
              await handle.close();
              handle = undefined;
            } catch (error) {
              await handle?.close().catch(() => undefined);
              throw new Error(`${writeError(error, path.join(target, name)).message}; ${KEPT}`);
            }
            return { name, bytes, sha256: hash.digest('hex') };
          },
        });
        await kept(() => swapIntoPlace(tmp, target));
        return result;
      } finally {
        await rm(tmp, { recursive: true, force: true });
      }
    },
    options,
  );
}

/** Adds "the previous bundle is left as it was" to a failure of `run`. */
async function kept<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new Error(`${(error as Error).message}; ${KEPT}`);
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
  // A bundle's own manifest names its files (full lists among them); older outputs hold only the fixed names.
  const listed = new Set(readManifest(target)?.files.map((f) => f.name) ?? []);
  const foreign = (await readdir(target)).filter((name) => !OWN_FILES.has(name) && !listed.has(name));
  if (foreign.length) {
    throw new Error(`${target} holds files Debrief did not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}): choose an empty or new output directory`);
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
