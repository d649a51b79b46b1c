/**
 * The site's client scripts built by esbuild (site/client-scripts.ts): one
 * file per script, the chunks they share and the analysis workers, named by
 * their content, nothing of Node's left in them, the same bytes every time.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildClientScripts, CLIENT_SCRIPTS } from '../../src/site/client-scripts.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('client scripts', () => {
  it('builds each script, its chunks and the workers, named by content, and the same bytes again', async () => {
    const first = await buildClientScripts(ROOT);
    const names = first.files.map((f) => f.fileName);
    expect(first.scripts.explore).toMatch(/^explore-[A-Z0-9]{8}\.js$/);
    expect(first.scripts.analyze).toMatch(/^analyze-[A-Z0-9]{8}\.js$/);
    expect(names).toContain(first.scripts.explore);
    expect(names).toContain(first.scripts.analyze);
    const worker = names.find((n) => /^analyze-worker-[\w-]{10}\.js$/.test(n));
    expect(worker).toBeDefined();
    expect(names.find((n) => /^text-worker-[\w-]{10}\.js$/.test(n))).toBeDefined();
    expect(names).toEqual([...names].sort());
    const text = (name: string) => new TextDecoder().decode(first.files.find((f) => f.fileName === name)!.code);
    const all = names.map(text).join('\n');
    // The page starts the worker built beside it; no source path is left for the browser to fetch.
    expect(all).toContain(`new URL("./${worker}",import.meta.url)`);
    expect(/new URL\(["']\.\/[\w-]+\.ts["']/.test(all)).toBe(false);
    expect(/from\s*"node:/.test(all)).toBe(false);
    // The explorer's own code is a chunk of its own, loaded by the small entry once DuckDB's module is on its way.
    expect(text(first.scripts.explore).length).toBeLessThan(20_000);
    expect(/import\("\.\/chunk-[A-Z0-9]{8}\.js"\)/.test(text(first.scripts.explore))).toBe(true);
    for (const entry of Object.values(CLIENT_SCRIPTS)) expect(first.inputs).toContain(entry);
    expect(first.inputs.some((i) => i.includes('node_modules/@duckdb/duckdb-wasm/'))).toBe(true);
    const again = await buildClientScripts(ROOT);
    expect(again.scripts).toEqual(first.scripts);
    expect(again.files.map((f) => [f.fileName, Buffer.from(f.code).toString('base64')])).toEqual(first.files.map((f) => [f.fileName, Buffer.from(f.code).toString('base64')]));
  }, 120_000);
});
