import { describe, expect, it } from 'vitest';
import { buildAnalyzeWorkers, prebuiltWorkers } from '../../src/site/prebuilt-workers.ts';

describe('prebuilt workers', () => {
  it('builds the analysis worker and its helper, named by content, the analysis worker starting the helper beside it', async () => {
    const first = await buildAnalyzeWorkers();
    const again = await buildAnalyzeWorkers();
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
  }, 60_000);

  it('rewrites only the page that starts the analysis worker, and fails loudly when it no longer does so as expected', async () => {
    const plugin = prebuiltWorkers();
    const transform = plugin.transform as (this: unknown, code: string, id: string, options?: { ssr?: boolean }) => Promise<unknown>;
    const context = { emitFile: () => 'ref1' };
    expect(await transform.call(context, 'x', '/work/other.ts')).toBeNull();
    const page = new URL('../../src/analyzer/analyze-page.ts', import.meta.url).pathname;
    await expect(transform.call(context, "new Worker(new URL('./renamed.ts', import.meta.url))", page)).rejects.toThrow(/analyze-page\.ts: expected new URL\('\.\/analyze-worker\.ts'/);
    const out = (await transform.call(context, "const w = new Worker(new URL('./analyze-worker.ts', import.meta.url), { type: 'module' });", page)) as { code: string };
    expect(out.code).toBe("const w = new Worker(import.meta.ROLLUP_FILE_URL_ref1, { type: 'module' });");
    // The page of the project being built (its Vite root), not of the project this file belongs to.
    const other = prebuiltWorkers();
    (other.configResolved as (c: unknown) => void)({ root: '/elsewhere', build: { assetsDir: '_astro' } });
    expect(await (other.transform as typeof transform).call(context, "new Worker(new URL('./analyze-worker.ts', import.meta.url))", page)).toBeNull();
  }, 60_000);
});
