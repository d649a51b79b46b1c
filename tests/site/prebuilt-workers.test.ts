import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAnalyzeWorkers, replaceIn } from '../../src/site/prebuilt-workers.ts';
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('prebuilt workers', () => {
  it('builds the analysis worker and its helper, named by content, the analysis worker starting the helper beside it', async () => {
    const first = await buildAnalyzeWorkers(ROOT);
    const again = await buildAnalyzeWorkers(ROOT);
    expect(first.text.fileName).toMatch(/^text-worker-[\w-]{10}\.js$/);
    expect(first.analyze.fileName).toMatch(/^analyze-worker-[\w-]{10}\.js$/);
    // Same sources, same bytes and names (same input, same site).
    expect(again.analyze.fileName).toBe(first.analyze.fileName);
    expect(Buffer.from(again.analyze.code).equals(Buffer.from(first.analyze.code))).toBe(true);
    const analyze = new TextDecoder().decode(first.analyze.code);
    expect(analyze).toContain(`new URL("./${first.text.fileName}",import.meta.url)`);
    expect(analyze).not.toContain('text-worker.ts');
    // Browser code: nothing of Node's left to resolve.
    expect(analyze).not.toMatch(/from\s*"node:/);
    // What they were built from, relative to the project: the cache checks these files.
    expect(first.inputs).toContain('src/analyzer/analyze-worker.ts');
    expect(first.inputs).toContain('src/analyzer/text-worker.ts');
  }, 60_000);

  it('rewrites only the module named, and fails loudly, naming it, when it no longer starts its worker as expected', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'debrief-replace-in-'));
    try {
      const page = path.join(dir, 'page.ts');
      const other = path.join(dir, 'other.ts');
      writeFileSync(other, "export const where = new URL('./analyze-worker.ts', import.meta.url);\n");
      writeFileSync(page, "import { where } from './other.ts';\nexport const w = [where, new URL('./analyze-worker.ts', import.meta.url)];\n");
      const bundle = async () => new TextDecoder().decode((await build({ entryPoints: [page], bundle: true, format: 'esm', write: false, logLevel: 'silent', plugins: [replaceIn(page, "new URL('./analyze-worker.ts', import.meta.url)", 'new URL("./w-1.js", import.meta.url)')] })).outputFiles[0]!.contents);
      const out = await bundle();
      expect(out).toContain('new URL("./w-1.js", import.meta.url)');
      // The other module keeps its own.
      expect(out).toContain('new URL("./analyze-worker.ts", import.meta.url)');
      writeFileSync(page, "export const w = new URL('./renamed.ts', import.meta.url);\n");
      await expect(bundle()).rejects.toThrow(/page\.ts: expected new URL\('\.\/analyze-worker\.ts'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
