/** {@link ResultCache} on disk: one JSON file per result under `<dir>/<namespace>/<sha256 of the parts>.json` (the key is that path). */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ResultCache } from '../analysis/cache.ts';

export function diskCache(dir: string): ResultCache {
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
      await mkdir(path.dirname(target), { recursive: true });
      // Write then rename, so a build killed half-way never leaves a torn entry.
      const tmp = `${target}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(value));
      await rename(tmp, target);
    },
  };
}
