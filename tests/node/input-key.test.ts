/** The input key of a crisis directory: its files' names and bytes, hashed a megabyte at a time. */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSha256, treeHash } from '../../src/node/input-key.ts';

describe('input key', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'debrief-input-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const whole = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

  it('hashes a file read in pieces as the whole file: larger than a piece, exactly one, and empty', () => {
    for (const [name, size] of [['big.csv', 3.5 * 2 ** 20 + 7], ['piece.csv', 2 ** 20], ['empty.csv', 0]] as const) {
      const file = path.join(dir, name);
      writeFileSync(file, randomBytes(size));
      expect(fileSha256(file), name).toBe(whole(file));
    }
  });

  it('changes with a file’s bytes and with its name, not otherwise', () => {
    const key = treeHash([dir]);
    expect(treeHash([dir])).toBe(key);
    writeFileSync(path.join(dir, 'empty.csv'), 'x');
    const changed = treeHash([dir]);
    expect(changed).not.toBe(key);
    writeFileSync(path.join(dir, 'other.csv'), readFileSync(path.join(dir, 'empty.csv')));
    rmSync(path.join(dir, 'empty.csv'));
    expect(treeHash([dir])).not.toBe(changed);
  });
});
