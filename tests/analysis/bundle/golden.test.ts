/**
 * Golden bundles: both sample crises are analysed and their bundles compared
 * with the ones checked in under tests/golden/, so any change of a figure or
 * of the schema is a visible diff in review. `report.json` is compared whole;
 * the tables and downloads by the checksums in the manifest. The report must
 * also validate against the shipped JSON Schema, and both engines (DuckDB-WASM
 * and native DuckDB) must give the same bytes.
 *
 * After an intended change: `UPDATE_GOLDEN=1 npx vitest run tests/analysis/bundle/golden.test.ts`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import type { BundleManifest } from '../../../src/analysis/bundle/layout.ts';
import { analyzeDirectory } from '../../../src/cli/analyze.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SAMPLES = ['cfpb-credit-bureaus-2019', 'smartlock-firmware-2024'];
const update = !!process.env.UPDATE_GOLDEN;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'debrief-golden-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(path.join(ROOT, 'schema/report.schema.json'), 'utf8')));

/** The manifest without what depends on the code version (the input key). */
function comparable(manifest: BundleManifest): string {
  return `${JSON.stringify({ ...manifest, inputKey: '(input key: inputs and code)' }, null, 2)}\n`;
}

describe.each(SAMPLES)('golden bundle of %s', (slug) => {
  it('matches the checked-in report and table checksums, and validates against the schema', async () => {
    const out = path.join(tmp, slug);
    const result = await analyzeDirectory(path.join(ROOT, 'data', slug), { out, quiet: true, cacheDir: null, workers: 0 });
    await result.engine.close();
    const report = readFileSync(path.join(out, 'report.json'), 'utf8');
    const manifest = comparable(result.manifest);
    const golden = path.join(ROOT, 'tests/golden', slug);
    if (update) {
      mkdirSync(golden, { recursive: true });
      writeFileSync(path.join(golden, 'report.json'), report);
      writeFileSync(path.join(golden, 'manifest.json'), manifest);
    }
    expect(validate(JSON.parse(report)), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    expect(report).toBe(readFileSync(path.join(golden, 'report.json'), 'utf8'));
    expect(manifest).toBe(readFileSync(path.join(golden, 'manifest.json'), 'utf8'));
  });

  it('is the same bytes when analysed with the native engine', async () => {
    const native = await analyzeDirectory(path.join(ROOT, 'data', slug), { out: path.join(tmp, `${slug}-native`), quiet: true, cacheDir: null, workers: 0, engine: 'native' });
    await native.engine.close();
    expect(comparable(native.manifest)).toBe(readFileSync(path.join(ROOT, 'tests/golden', slug, 'manifest.json'), 'utf8'));
  });
});
