/** Bundles saved from /analyze/ and unpacked into bundles/: checked, then copied beside the analysed ones. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLE_VERSION, type BundleManifest } from '../../src/analysis/bundle/layout.ts';
import { sha256Hex } from '../../src/analysis/core/sha256.ts';
import { addPrebuiltBundles } from '../../src/node/prebuilt-bundles.ts';

let tmp: string;
let prebuilt: string;
let bundles: string;

/** Writes a small bundle into `prebuilt/<dir>`; its manifest says `slug`. */
function bundle(dir: string, slug = dir, version = BUNDLE_VERSION): string {
  const at = path.join(prebuilt, dir);
  mkdirSync(at, { recursive: true });
  const files = { 'report.json': `{"crisis":{"slug":"${slug}"}}\n`, 'messages.csv': 'id,text\n1,hello\n' };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(at, name), text);
  const manifest: BundleManifest = {
    bundleVersion: version,
    slug,
    inputKey: 'x'.repeat(64),
    rows: { messages: 1, cases: 0, messageAttributes: 0, caseAttributes: 0 },
    files: Object.entries(files).map(([name, text]) => ({ name, bytes: Buffer.byteLength(text), sha256: sha256Hex(text) })).sort((a, b) => (a.name < b.name ? -1 : 1)),
  };
  writeFileSync(path.join(at, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return at;
}

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'debrief-prebuilt-'));
  prebuilt = path.join(tmp, 'bundles');
  bundles = path.join(tmp, '.debrief/bundles');
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('addPrebuiltBundles', () => {
  it('copies every bundle, file for file, and names them', async () => {
    bundle('my-export');
    bundle('other');
    expect(await addPrebuiltBundles(prebuilt, bundles, ['smartlock-firmware-2024'])).toEqual(['my-export', 'other']);
    for (const f of ['manifest.json', 'report.json', 'messages.csv']) expect(readFileSync(path.join(bundles, 'my-export', f), 'utf8')).toBe(readFileSync(path.join(prebuilt, 'my-export', f), 'utf8'));
  });

  it('does nothing without a bundles/ directory', async () => {
    expect(await addPrebuiltBundles(path.join(tmp, 'none'), bundles, [])).toEqual([]);
  });

  it('refuses what is not a bundle of its own name and version, or clashes with data/', async () => {
    mkdirSync(path.join(prebuilt, 'loose'), { recursive: true });
    await expect(addPrebuiltBundles(prebuilt, bundles, [])).rejects.toThrow(/bundles\/loose: no readable manifest.json: not a bundle/);
    rmSync(prebuilt, { recursive: true });
    bundle('renamed', 'original');
    await expect(addPrebuiltBundles(prebuilt, bundles, [])).rejects.toThrow(/bundles\/renamed: its manifest is for crisis "original"/);
    rmSync(prebuilt, { recursive: true });
    bundle('old', 'old', BUNDLE_VERSION + 1);
    await expect(addPrebuiltBundles(prebuilt, bundles, [])).rejects.toThrow(/bundles\/old: a bundle of version 2; this Debrief reads version 1/);
    rmSync(prebuilt, { recursive: true });
    bundle('acme');
    await expect(addPrebuiltBundles(prebuilt, bundles, ['acme'])).rejects.toThrow(/bundles\/acme: crisis "acme" is also in the data directory/);
  });

  it('refuses a bundle whose files are not those its manifest lists, and leaves the copy there was', async () => {
    const at = bundle('acme');
    await addPrebuiltBundles(prebuilt, bundles, []);
    writeFileSync(path.join(at, 'messages.csv'), 'id,text\n1,changed\n');
    await expect(addPrebuiltBundles(prebuilt, bundles, [])).rejects.toThrow(/bundles\/acme: messages.csv is not the file its manifest lists/);
    expect(readFileSync(path.join(bundles, 'acme/messages.csv'), 'utf8')).toBe('id,text\n1,hello\n');
    writeFileSync(path.join(at, 'messages.csv'), 'id,text\n1,hello\n');
    rmSync(path.join(at, 'report.json'));
    await expect(addPrebuiltBundles(prebuilt, bundles, [])).rejects.toThrow(/bundles\/acme: report.json is listed in its manifest but missing/);
  });

  it('refuses a manifest naming a file outside the bundle directory, and writes nothing there', async () => {
    const at = bundle('acme');
    writeFileSync(path.join(tmp, 'secret.txt'), 'x');
    const manifest = JSON.parse(readFileSync(path.join(at, 'manifest.json'), 'utf8')) as BundleManifest;
    manifest.files.push({ name: '../../secret.txt', bytes: 1, sha256: sha256Hex('x') });
    writeFileSync(path.join(at, 'manifest.json'), JSON.stringify(manifest));
    await expect(addPrebuiltBundles(prebuilt, bundles, [])).rejects.toThrow(/bundles\/acme: its manifest lists "..\/..\/secret.txt", which is not a bundle file name/);
    expect(existsSync(path.join(bundles, 'acme'))).toBe(false);
  });
});
