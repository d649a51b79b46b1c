/** The stored .zip writer: archives `unzip` reads back byte for byte, the same bytes for the same files, clear refusals. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crc32, zipStored } from '../../src/analyzer/zip.ts';

const hasUnzip = existsSync('/usr/bin/unzip');
if (!hasUnzip) console.warn('[skipped] zip read-back: /usr/bin/unzip not found (apt-get install unzip)');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'debrief-zip-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const utf8 = new TextEncoder();
const binary = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256);
const entries = [
  { name: 'crisis/report.json', bytes: utf8.encode('{"a": "ü → ok"}\n') },
  { name: 'crisis/empty.csv', bytes: new Uint8Array(0) },
  { name: 'crisis/messages.arrow', bytes: binary },
  { name: 'crisis/naïve name.csv', bytes: utf8.encode('x\n1\n') },
];

describe('zipStored', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(utf8.encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it.skipIf(!hasUnzip)('writes an archive unzip lists, tests and extracts byte for byte', () => {
    const file = path.join(tmp, 'bundle.zip');
    writeFileSync(file, zipStored(entries));
    const list = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n');
    expect(list).toEqual(entries.map((e) => e.name));
    // -t checks every entry's CRC and sizes.
    expect(execFileSync('unzip', ['-tq', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
    for (const e of entries) expect(new Uint8Array(execFileSync('unzip', ['-p', file, e.name]))).toEqual(e.bytes);
    execFileSync('unzip', ['-q', file, '-d', path.join(tmp, 'out')]);
    expect(new Uint8Array(readFileSync(path.join(tmp, 'out/crisis/messages.arrow')))).toEqual(binary);
  });

  it('gives the same bytes for the same files (no clock inside)', () => {
    expect(Buffer.from(zipStored(entries)).equals(Buffer.from(zipStored(entries.map((e) => ({ ...e, bytes: e.bytes.slice() })))))).toBe(true);
  });

  it('refuses unsafe and repeated names', () => {
    expect(() => zipStored([{ name: '../etc/passwd', bytes: new Uint8Array(1) }])).toThrow(/"\.\.\/etc\/passwd" is not a safe relative path/);
    expect(() => zipStored([{ name: '/abs', bytes: new Uint8Array(1) }])).toThrow(/not a safe relative path/);
    expect(() => zipStored([entries[0]!, entries[0]!])).toThrow(/"crisis\/report.json" is in the archive twice/);
  });
});
