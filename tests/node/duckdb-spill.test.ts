/** Native DuckDB's spill directories are named for their process, so that one process's can be removed alone. */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeSpillDir, removeSpillDirs } from '../../src/node/duckdb-spill.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'debrief-spill-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('spill directories', () => {
  it("removes every directory of one process, with what is in it, and no other process's", () => {
    const mine = [makeSpillDir(4242, tmp), makeSpillDir(4242, tmp)];
    const other = makeSpillDir(42420, tmp);
    writeFileSync(path.join(mine[0]!, 'block'), 'spilled');
    expect(mine.every((d) => path.basename(d).startsWith('debrief-duckdb-4242-'))).toBe(true);
    expect(removeSpillDirs(4242, tmp)).toBe(2);
    expect(mine.some((d) => existsSync(d))).toBe(false);
    expect(existsSync(other)).toBe(true);
    expect(readdirSync(tmp)).toEqual([path.basename(other)]);
    expect(removeSpillDirs(4242, tmp)).toBe(0);
  });

  it('makes them under the system temporary directory by default, named for this process', () => {
    const dir = makeSpillDir();
    try {
      expect(path.dirname(dir)).toBe(os.tmpdir());
      expect(path.basename(dir).startsWith(`debrief-duckdb-${process.pid}-`)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
