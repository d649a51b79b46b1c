import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Excerpts } from '../../src/analysis/bundle/excerpts.ts';
import type { BundleManifest } from '../../src/analysis/bundle/layout.ts';
import type { ReportModel } from '../../src/analysis/report/report-model.ts';
import { PART_BYTES, joinParts } from '../../src/explorer/parts.ts';
import { createRequire } from 'node:module';
import { bundleCopiesIntegration, crisisCopies, duckdbCopies, readRange, servedByEndpoints, writeCopies } from '../../src/site/bundle-copies.ts';
import type { LoadedCrisis } from '../../src/site/crises.ts';

const golden = (slug: string, file: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, '../golden', slug, file), 'utf8'));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'debrief-copies-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A crisis as pages load it, from a golden bundle's report and manifest, with some files' sizes replaced. */
function crisis(slug: string, sizes: Record<string, number> = {}, cases = 0): LoadedCrisis {
  const manifest = golden(slug, 'manifest.json') as BundleManifest;
  return {
    slug,
    report: golden(slug, 'report.json') as ReportModel,
    excerpts: { cases: { total: cases } } as unknown as Excerpts,
    manifest: { ...manifest, files: manifest.files.map((f) => ({ ...f, bytes: sizes[f.name] ?? f.bytes })) },
    dir: `/bundles/${slug}`,
  };
}

describe('crisisCopies', () => {
  it('lists the downloads, report, full lists and explorer parts of a crisis at their site paths', () => {
    const copies = crisisCopies(crisis('smartlock-firmware-2024'));
    const paths = copies.map((c) => c.sitePath);
    expect(paths).toContain('smartlock-firmware-2024/report.json');
    expect(paths).toContain('smartlock-firmware-2024/messages.csv');
    expect(paths).toContain('smartlock-firmware-2024/explore/messages.arrow.0');
    expect(paths.some((p) => /^smartlock-firmware-2024\/lists\/[\w-]+\.csv$/.test(p))).toBe(true);
    // No cases in this crisis: no cases.csv.
    expect(paths).not.toContain('smartlock-firmware-2024/cases.csv');
    expect(copies.find((c) => c.sitePath.endsWith('/messages.csv'))!.file).toBe('/bundles/smartlock-firmware-2024/messages.csv');
  });

  it('cuts a table larger than a part into parts that cover it exactly', () => {
    const bytes = 2 * PART_BYTES + 123;
    const parts = crisisCopies(crisis('smartlock-firmware-2024', { 'messages.arrow': bytes })).filter((c) => c.sitePath.includes('/explore/messages.arrow.'));
    expect(parts.map((p) => [p.sitePath.split('.').pop(), p.start, p.end])).toEqual([
      ['0', 0, PART_BYTES],
      ['1', PART_BYTES, 2 * PART_BYTES],
      ['2', 2 * PART_BYTES, bytes],
    ]);
  });

  it('adds cases.csv when the crisis has cases', () => {
    expect(crisisCopies(crisis('smartlock-firmware-2024', {}, 3)).map((c) => c.sitePath)).toContain('smartlock-firmware-2024/cases.csv');
  });
});

describe('duckdbCopies', () => {
  it("serves DuckDB-WASM's worker whole and its module in parts under explorer/, the parts joined giving the module's bytes", async () => {
    const copies = duckdbCopies();
    const wasm = readFileSync(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
    expect(copies[0]).toMatchObject({ sitePath: 'explorer/duckdb-browser-eh.worker.js', start: 0 });
    const parts = copies.slice(1);
    expect(parts.map((c) => c.sitePath)).toEqual(parts.map((_, i) => `explorer/duckdb-eh.wasm.${i}`));
    expect(parts.every((c) => c.end - c.start <= PART_BYTES)).toBe(true);
    const out = path.join(tmp, 'duckdb');
    await writeCopies(out, copies);
    expect(Buffer.from(joinParts(parts.map((c) => readFileSync(path.join(out, c.sitePath))))).equals(wasm)).toBe(true);
  });
});

describe('writeCopies', () => {
  it('copies whole files and byte ranges, making directories', async () => {
    const source = path.join(tmp, 'source.bin');
    const bytes = Buffer.alloc(9 * 1024 * 1024 + 7);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) % 251;
    writeFileSync(source, bytes);
    const out = path.join(tmp, 'out');
    const cut = 5 * 1024 * 1024 + 3;
    await writeCopies(out, [
      { sitePath: 'a/whole.bin', file: source, start: 0, end: bytes.length },
      { sitePath: 'a/b/part.0', file: source, start: 0, end: cut },
      { sitePath: 'a/b/part.1', file: source, start: cut, end: bytes.length },
    ]);
    expect(readFileSync(path.join(out, 'a/whole.bin')).equals(bytes)).toBe(true);
    expect(Buffer.concat([readFileSync(path.join(out, 'a/b/part.0')), readFileSync(path.join(out, 'a/b/part.1'))]).equals(bytes)).toBe(true);
    expect(readFileSync(path.join(out, 'a/b/part.0')).length).toBe(cut);
  });

  it('names the file and what to do when a bundle file is missing', async () => {
    await expect(writeCopies(path.join(tmp, 'out2'), [{ sitePath: 'x.csv', file: path.join(tmp, 'missing.csv'), start: 0, end: 10 }])).rejects.toThrow(/missing\.csv.*ENOENT.*bundle is complete/);
  });
});

describe('readRange', () => {
  it("gives a copy's bytes as the dev endpoints serve them, and names a file shorter than the range", async () => {
    const source = path.join(tmp, 'range.bin');
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) % 256));
    writeFileSync(source, bytes);
    expect(Buffer.from(await readRange(source, 100, 900)).equals(bytes.subarray(100, 900))).toBe(true);
    expect((await readRange(source, 0, 0)).length).toBe(0);
    await expect(readRange(source, 900, 1001)).rejects.toThrow(/range\.bin: shorter than 1001 bytes/);
  });
});

describe('servedByEndpoints', () => {
  it('is true in dev and false once a build has set up the config', () => {
    const hooks = bundleCopiesIntegration().hooks;
    hooks['astro:config:setup']({ command: 'dev' });
    expect(servedByEndpoints()).toBe(true);
    hooks['astro:config:setup']({ command: 'build' });
    expect(servedByEndpoints()).toBe(false);
    hooks['astro:config:setup']({ command: 'dev' });
  });
});
