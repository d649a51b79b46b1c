/** A bundle as the one .zip /analyze/ saves: every file under <slug>/, sorted, readable by unzip. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleArchive, bundleArchiveName } from '../../src/analyzer/bundle-archive.ts';

const GOLDEN = path.resolve(import.meta.dirname, '../golden/smartlock-firmware-2024');
const hasUnzip = existsSync('/usr/bin/unzip');
if (!hasUnzip) console.warn('[skipped] bundle archive read-back: /usr/bin/unzip not found');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'debrief-bundle-zip-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const files = new Map<string, Uint8Array>(readdirSync(GOLDEN).map((name) => [name, new Uint8Array(readFileSync(path.join(GOLDEN, name)))]));
files.set('messages.csv', new TextEncoder().encode('id,text\n1,"=cmd"\n'));

describe('bundleArchive', () => {
  it.skipIf(!hasUnzip)('puts every file under the slug, sorted, so unpacking into bundles/ gives bundles/<slug>/', () => {
    const file = path.join(tmp, bundleArchiveName('smartlock-firmware-2024'));
    writeFileSync(file, bundleArchive('smartlock-firmware-2024', files));
    expect(path.basename(file)).toBe('smartlock-firmware-2024.debrief-bundle.zip');
    expect(execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n')).toEqual(['manifest.json', 'messages.csv', 'report.json'].map((n) => `smartlock-firmware-2024/${n}`));
    execFileSync('unzip', ['-q', file, '-d', path.join(tmp, 'bundles')]);
    for (const [name, bytes] of files) expect(new Uint8Array(readFileSync(path.join(tmp, 'bundles/smartlock-firmware-2024', name))), name).toEqual(bytes);
  });

  it('refuses a bundle without its manifest (written only in part)', () => {
    const partial = new Map(files);
    partial.delete('manifest.json');
    expect(() => bundleArchive('x', partial)).toThrow(/the bundle of x has no manifest.json/);
  });
});
