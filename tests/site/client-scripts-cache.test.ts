/**
 * The client scripts' cache (site/client-scripts-cache.ts): used again only
 * while every input has its bytes; rebuilt and stored otherwise; a broken or
 * unwritable cache costs a build, never a wrong file.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedBuild } from '../../src/site/client-scripts-cache.ts';

let root: string;
let cache: string;
let builds: number;

/** A stand-in for the build: one file whose bytes are its inputs', so a stale hit shows. */
async function make(dir: string) {
  builds++;
  const { readFileSync } = await import('node:fs');
  const inputs = ['src/a.ts', 'node_modules/lib/index.js', '(disabled):node:fs'];
  const code = new TextEncoder().encode(inputs.slice(0, 2).map((i) => readFileSync(path.join(dir, i), 'utf8')).join('|'));
  return { scripts: { page: 'page-1.js' }, files: [{ fileName: 'page-1.js', code }, { fileName: 'chunk-2.js', code: new Uint8Array([1, 2]) }], inputs };
}

const text = (b: Awaited<ReturnType<typeof make>>) => new TextDecoder().decode(b.files[0]!.code);

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'debrief-client-cache-'));
  mkdirSync(path.join(root, 'src'));
  mkdirSync(path.join(root, 'node_modules/lib'), { recursive: true });
  writeFileSync(path.join(root, 'src/a.ts'), 'one');
  writeFileSync(path.join(root, 'node_modules/lib/index.js'), 'lib');
  writeFileSync(path.join(root, 'package-lock.json'), '{}');
  cache = path.join(root, 'node_modules/.cache/client');
  builds = 0;
});

afterEach(() => {
  chmodSync(root, 0o755);
  rmSync(root, { recursive: true, force: true });
});

describe('client scripts cache', () => {
  it('builds once, then gives the same build back from disk while no input changed', async () => {
    const first = await cachedBuild(root, cache, make);
    const second = await cachedBuild(root, cache, make);
    expect(builds).toBe(1);
    expect(second.scripts).toEqual({ page: 'page-1.js' });
    expect(second.files.map((f) => [f.fileName, Array.from(f.code)])).toEqual(first.files.map((f) => [f.fileName, Array.from(f.code)]));
    expect(second.inputs).toEqual(first.inputs);
  });

  it('builds again when a source, a package file or the lock file changed, and keeps the last few builds', async () => {
    await cachedBuild(root, cache, make);
    writeFileSync(path.join(root, 'src/a.ts'), 'two');
    expect(text(await cachedBuild(root, cache, make))).toBe('two|lib');
    writeFileSync(path.join(root, 'node_modules/lib/index.js'), 'lib 2');
    expect(text(await cachedBuild(root, cache, make))).toBe('two|lib 2');
    expect(builds).toBe(3);
    // Back to an earlier tree (a benchmark's other version of the code): found again, not built.
    writeFileSync(path.join(root, 'src/a.ts'), 'one');
    writeFileSync(path.join(root, 'node_modules/lib/index.js'), 'lib');
    expect(text(await cachedBuild(root, cache, make))).toBe('one|lib');
    expect(builds).toBe(3);
    for (const v of ['3', '4', '5', '6']) {
      writeFileSync(path.join(root, 'src/a.ts'), v);
      await cachedBuild(root, cache, make);
    }
    const [key] = readdirSync(cache);
    expect(readdirSync(path.join(cache, key!))).toHaveLength(4);
    writeFileSync(path.join(root, 'package-lock.json'), '{"changed":true}');
    await cachedBuild(root, cache, make);
    expect(builds).toBe(8);
    // The entries of the old lock file are gone: only the new key's one.
    const keys = readdirSync(cache);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toBe(key);
    expect(readdirSync(path.join(cache, keys[0]!))).toHaveLength(1);
  });

  it('treats a removed input or a torn entry as a miss', async () => {
    await cachedBuild(root, cache, make);
    const [key] = readdirSync(cache);
    const [entry] = readdirSync(path.join(cache, key!));
    writeFileSync(path.join(cache, key!, entry!, 'entry.json'), '{"build":');
    await cachedBuild(root, cache, make);
    expect(builds).toBe(2);
    rmSync(path.join(cache, key!, entry!, 'files', 'chunk-2.js'));
    await cachedBuild(root, cache, make);
    expect(builds).toBe(3);
  });

  it('builds every time without a cache directory, and goes on when the cache cannot be written', async () => {
    await cachedBuild(root, null, make);
    await cachedBuild(root, null, make);
    expect(builds).toBe(2);
    mkdirSync(path.dirname(cache), { recursive: true });
    writeFileSync(cache, 'a file where the directory should be');
    expect(text(await cachedBuild(root, cache, make))).toBe('one|lib');
    expect(text(await cachedBuild(root, cache, make))).toBe('one|lib');
    expect(builds).toBe(4);
  });
});
