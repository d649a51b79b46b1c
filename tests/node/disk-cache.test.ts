/**
 * The language-results cache only saves time: a result it cannot write (a full disk) is warned about once, naming
 * the file and the reason, and the analysis goes on; no `.tmp` is left behind. /dev/full gives a real ENOSPC.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diskCache } from '../../src/node/disk-cache.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'debrief-disk-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('diskCache on a full disk', () => {
  it.skipIf(!existsSync('/dev/full'))('warns once with the file and ENOSPC, resolves, and leaves no .tmp', async () => {
    const dir = path.join(tmp, 'full');
    const warnings: string[] = [];
    const cache = diskCache(dir, { onWarn: (m) => warnings.push(m) });
    const first = cache.key('themes', ['a']);
    mkdirSync(path.dirname(first), { recursive: true });
    // The temporary file the cache writes first is a link to /dev/full: every write to it fails with ENOSPC.
    symlinkSync('/dev/full', `${first}.${process.pid}.tmp`);
    await expect(cache.set(first, { big: 'x'.repeat(10_000) })).resolves.toBeUndefined();
    const second = cache.key('themes', ['b']);
    await expect(cache.set(second, { n: 1 })).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(first);
    expect(warnings[0]).toMatch(/\(ENOSPC\).*goes on.*free some disk space, or run with --no-cache/);
    expect(readdirSync(path.dirname(first))).toEqual([]);
    expect(await cache.get(first)).toBeUndefined();
  });

  it('warns and goes on when the cache directory cannot be made', async () => {
    const blocker = path.join(tmp, 'a-file');
    writeFileSync(blocker, 'not a directory');
    const warnings: string[] = [];
    const cache = diskCache(path.join(blocker, 'cache'), { onWarn: (m) => warnings.push(m) });
    await cache.set(cache.key('faults', ['x']), [1, 2, 3]);
    expect(warnings).toEqual([expect.stringMatching(/^cannot write the cache file .*a-file\/cache\/faults\/[0-9a-f]{64}\.json \(ENOTDIR\)/)]);
  });

  it('still keeps results when it can', async () => {
    const cache = diskCache(path.join(tmp, 'ok'), { onWarn: (m) => expect.fail(m) });
    const key = cache.key('themes', ['x', 'y']);
    await cache.set(key, { themes: ['a'] });
    expect(await cache.get(key)).toEqual({ themes: ['a'] });
    expect(readdirSync(path.dirname(key))).toEqual([path.basename(key)]);
  });
});
