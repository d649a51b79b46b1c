/**
 * A directory replaced whole, by one writer at a time: the new contents are
 * made elsewhere and renamed into place only when complete, so a reader (or
 * a crash, or a kill) sees the previous directory or the new one, never a
 * mix; a lock file beside the directory keeps two writers apart. Bundles
 * (bundle-dir.ts) and the report site (cli/site-output.ts) are written so.
 */
import { existsSync } from 'node:fs';
import { cp, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

export interface LockOptions {
  /** How long to wait for another writer's lock before giving up (ms). */
  waitMs?: number;
  onWait?: (message: string) => void;
}

/** The lock file of a directory written with {@link withDirLock}. */
export const lockFile = (target: string): string => `${target}.lock`;

/**
 * Runs `task` holding `target`'s lock (waiting while a live process holds it;
 * a lock left by a dead one is taken over), after putting back a previous
 * directory that a killed writer had moved aside (`complete` tells whether
 * such a directory is whole) and removing what killed writers left beside it.
 */
export async function withDirLock<T>(target: string, complete: (dir: string) => boolean, task: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const release = await lock(lockFile(target), options);
  try {
    await recover(target, complete);
    return await task();
  } finally {
    await release();
  }
}

/**
 * Puts the complete directory `ready` in the place of `target` with two
 * renames (the old one aside, the new one in), then removes the old one.
 * `ready` must be on the file system of `target` (see {@link besideTarget}).
 */
export async function swapIntoPlace(ready: string, target: string): Promise<void> {
  const old = `${target}.old-${process.pid}`;
  const had = existsSync(target);
  if (had) await step('move aside', target, () => rename(target, old));
  try {
    await step('rename into place', target, () => rename(ready, target));
  } catch (error) {
    if (had) await rename(old, target);
    throw error;
  }
  if (had) await rm(old, { recursive: true, force: true });
}

/**
 * `dir` moved to `target`'s sibling `target.partial-<pid>` (where a killed
 * writer's leftovers are cleaned by the next one), by a rename, or by a copy
 * when the two are on different file systems. Returns the new place.
 */
export async function besideTarget(dir: string, target: string): Promise<string> {
  const partial = `${target}.partial-${process.pid}`;
  if (path.resolve(dir) === partial) return partial;
  await rm(partial, { recursive: true, force: true });
  try {
    await rename(dir, partial);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw writeError(error, partial, 'move the new output to');
    try {
      await cp(dir, partial, { recursive: true });
    } catch (copyError) {
      await rm(partial, { recursive: true, force: true });
      throw writeError(copyError, partial, 'copy the new output to');
    }
    await rm(dir, { recursive: true, force: true });
  }
  return partial;
}

/**
 * A file-system error as one line that names the file, the reason and what
 * to do; `verb` is what was being done (`write`, `create`).
 */
export function writeError(error: unknown, file: string, verb = 'write'): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  return new Error(`cannot ${verb} ${file} (${reason}): ${advice(code)}`);
}

function advice(code: string | undefined): string {
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'the disk is full: free some disk space or choose another output directory';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'check that you may write there, or choose another output directory';
  return 'choose another output directory';
}

/** Runs an fs step, turning its failure into {@link writeError}. */
export async function step<T>(verb: string, file: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw writeError(error, file, verb);
  }
}

/** A writer killed between the two renames of {@link swapIntoPlace} left the previous directory aside: put it back. */
async function recover(target: string, complete: (dir: string) => boolean): Promise<void> {
  const dir = path.dirname(target);
  if (!existsSync(dir)) return;
  const aside = (await readdir(dir)).filter((n) => n.startsWith(`${path.basename(target)}.old-`) || n.startsWith(`${path.basename(target)}.partial-`));
  for (const name of aside) {
    const full = path.join(dir, name);
    if (!existsSync(target) && name.includes('.old-') && complete(full)) await rename(full, target);
    else await rm(full, { recursive: true, force: true });
  }
}

/** Takes `file` as a lock (waiting while a live process holds it); returns its release. */
async function lock(file: string, { waitMs = 10 * 60_000, onWait }: LockOptions): Promise<() => Promise<void>> {
  const started = Date.now();
  let said = false;
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError(error, file, 'create the lock');
    }
    const text = await readFile(file, 'utf8').catch(() => null);
    // Released meanwhile: try again.
    if (text === null) continue;
    // Created but its pid not written yet: its writer is between opening and writing it. Taken over only once it
    // has stayed empty too long for that (its writer died in between); taken over at once, two writers would run.
    if (!text.trim() && (await emptyFor(file)) < EMPTY_LOCK_MS) {
      await new Promise((r) => setTimeout(r, 20));
      continue;
    }
    const holder = Number(text.trim());
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

/** How long a lock file may stay empty before its writer is taken for dead. */
const EMPTY_LOCK_MS = 5_000;

/** Milliseconds since `file` was last written (0 when it is gone). */
async function emptyFor(file: string): Promise<number> {
  const s = await stat(file).catch(() => null);
  return s ? Date.now() - s.mtimeMs : 0;
}

/** True when a process with this id is running (a lock or a staging directory of a dead one may be taken over). */
export function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
