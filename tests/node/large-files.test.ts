/** Files of a built site over the static hosts' per-file limit (src/node/large-files.ts), and the warning `debrief build` gives. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HOST_FILE_LIMIT, filesOver, largeFilesWarning } from '../../src/node/large-files.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'debrief-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('filesOver', () => {
  it('finds the files over the limit at any depth, largest first, and none at the limit exactly', async () => {
    mkdirSync(path.join(dir, 'crisis', 'lists'), { recursive: true });
    writeFileSync(path.join(dir, 'index.html'), 'x'.repeat(10));
    writeFileSync(path.join(dir, 'crisis', 'messages.csv'), 'x'.repeat(300));
    writeFileSync(path.join(dir, 'crisis', 'lists', 'authors.csv'), 'x'.repeat(101));
    writeFileSync(path.join(dir, 'crisis', 'report.json'), 'x'.repeat(100));
    expect(await filesOver(dir, 100)).toEqual([
      { path: 'crisis/messages.csv', bytes: 300 },
      { path: 'crisis/lists/authors.csv', bytes: 101 },
    ]);
    expect(await filesOver(dir)).toEqual([]);
  });

  it('names them in one line with their sizes and what to do; nothing to say when there are none', () => {
    expect(largeFilesWarning([])).toBeNull();
    const line = largeFilesWarning([{ path: 'nimbus/messages.csv', bytes: 230 * 2 ** 20 }, { path: 'nimbus/lists/authors.csv', bytes: 26 * 2 ** 20 }]);
    expect(line).toContain('2 files of the site are over 25.0 MiB');
    expect(line).toContain('nimbus/messages.csv (230.0 MiB), nimbus/lists/authors.csv (26.0 MiB)');
    expect(line).toContain('Download these rows');
    expect(line).not.toContain('\n');
    const many = largeFilesWarning(Array.from({ length: 7 }, (_, i) => ({ path: `f${i}.csv`, bytes: HOST_FILE_LIMIT + 1 })));
    expect(many).toContain('and 2 more');
  });
});
