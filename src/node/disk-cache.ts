/**
 * {@link ResultCache} on disk: one JSON file per result under
 * `<dir>/<namespace>/<sha256 of the parts>.json` (the key is that path).
 * A cache only saves time: a result that cannot be written (a full disk, a
 * cache directory that cannot be made) is warned about once and the analysis
 * goes on without it; no half-written file is left behind.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ResultCache } from '../analysis/cache.ts';

export interface DiskCacheOptions {
  /** Where the one warning goes (default: a `debrief: warning:` line on stderr). */
  onWarn?: (message: string) => void;
}

export function diskCache(dir: string, { onWarn = (m) => process.stderr.write(`debrief: warning: ${m}\n`) }: DiskCacheOptions = {}): ResultCache {
  let failed = false;
  return {
    key(namespace, parts) {
      const hash = createHash('sha256');
      // Lengths keep ["ab","c"] and ["a","bc"] apart.
      for (const p of parts) hash.update(`${p.length}:`).update(p);
      return path.join(dir, namespace.replace(/[^a-z0-9-]/gi, '_'), `${hash.digest('hex')}.json`);
    },
    async get<T>(target: string) {
      try {
        return JSON.parse(await readFile(target, 'utf8')) as T;
      } catch {
        return undefined;
      }
    },
    async set(target, value) {
      // After one failure the disk is not tried again in this run: it would fail the same way, once per result.
      if (failed) return;
      // Write then rename, so a build killed half-way never leaves a torn entry.
      const tmp = `${target}.${process.pid}.tmp`;
      try {
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(tmp, JSON.stringify(value));
        await rename(tmp, target);
      } catch (error) {
        failed = true;
        await rm(tmp, { force: true }).catch(() => undefined);
        const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
        onWarn(`cannot write the cache file ${target} (${reason}): the analysis goes on without caching its language results, which are computed again next time; free some disk space, or run with --no-cache`);
      }
    },
  };
}
