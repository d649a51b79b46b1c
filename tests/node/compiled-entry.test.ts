/**
 * The analysis child and its text workers run as esbuild bundles, without tsx's loader thread
 * (compiled-entry.ts): the bundles run, are named by their content, and every module keeps
 * its own `import.meta.url`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledEntry } from '../../src/node/compiled-entry.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'debrief-compiled-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('compiledEntry', () => {
  it('bundles an entry into a directory that plain Node runs, named by its content', async () => {
    const src = path.join(tmp, 'src');
    mkdirSync(path.join(src, 'lib'), { recursive: true });
    writeFileSync(path.join(src, 'lib', 'shout.ts'), 'export const shout = (s: string): string => s.toUpperCase();\n');
    // import.meta beside the entry keeps the entry's directory.
    writeFileSync(path.join(src, 'main.ts'), "import { shout } from './lib/shout.ts';\nimport { fileURLToPath } from 'node:url';\nconsole.log(shout('ok'), fileURLToPath(new URL('.', import.meta.url)));\n");
    const out = path.join(tmp, 'out');
    const file = await compiledEntry(path.join(src, 'main.ts'), out);
    expect(path.relative(out, file)).toMatch(/^main-[0-9a-f]{16}\/main\.mjs$/);
    expect(execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim()).toBe(`OK ${src}/`);
    // The same code, the same file: nothing written twice, nothing half-written left.
    expect(await compiledEntry(path.join(src, 'main.ts'), out)).toBe(file);
    expect(readdirSync(out)).toEqual([path.basename(path.dirname(file))]);
  });

  it("removes the entry's older bundles beyond the three newest, and stopped runs' staging, once a day old", async () => {
    const src = path.join(tmp, 'prune');
    mkdirSync(src, { recursive: true });
    writeFileSync(path.join(src, 'main.ts'), "console.log('pruned');\n");
    const out = path.join(tmp, 'out-prune');
    const day = 24 * 60 * 60;
    const now = Date.now() / 1000;
    const dirs: [string, number][] = [
      ['main-00000000000000f1', now - 60],
      ...[2, 3, 4, 5, 6].map((days): [string, number] => [`main-00000000000000d${days}`, now - days * day]),
      ['.staging-123', now - 2 * day],
      ['.staging-456', now - 60],
      ['other-00000000000000d9', now - 9 * day],
      ['main-notahash', now - 9 * day],
    ];
    for (const [name, at] of dirs) {
      mkdirSync(path.join(out, name), { recursive: true });
      utimesSync(path.join(out, name), at, at);
    }
    const file = await compiledEntry(path.join(src, 'main.ts'), out);
    // Kept: the bundle in use, the three newest others (one of them fresh), a run's staging still in progress, what is not this entry's.
    expect(readdirSync(out).sort()).toEqual(['.staging-456', path.basename(path.dirname(file)), 'main-00000000000000d2', 'main-00000000000000d3', 'main-00000000000000f1', 'main-notahash', 'other-00000000000000d9'].sort());
  });

  it('keeps each module its own import.meta.url and dirname', async () => {
    const src = path.join(tmp, 'meta');
    mkdirSync(path.join(src, 'lib'), { recursive: true });
    writeFileSync(path.join(src, 'lib', 'where.ts'), "export const where = [import.meta.url, import.meta.dirname];\n");
    writeFileSync(path.join(src, 'main.ts'), "import { where } from './lib/where.ts';\nconsole.log(JSON.stringify([import.meta.url, ...where]));\n");
    const file = await compiledEntry(path.join(src, 'main.ts'), path.join(tmp, 'out-meta'));
    expect(JSON.parse(execFileSync(process.execPath, [file], { encoding: 'utf8' }))).toEqual([pathToFileURL(path.join(src, 'main.ts')).href, pathToFileURL(path.join(src, 'lib', 'where.ts')).href, path.join(src, 'lib')]);
  });

  it('replaces import.meta as an expression only: the same words inside a string stay as written', async () => {
    const src = path.join(tmp, 'meta-string');
    mkdirSync(src, { recursive: true });
    // src/site/prebuilt-workers.ts looks for this text in a page's source.
    writeFileSync(path.join(src, 'main.ts'), "const text: string = \"new URL('./w.ts', import.meta.url)\";\nconsole.log(JSON.stringify([text, import.meta.url]));\n");
    const file = await compiledEntry(path.join(src, 'main.ts'), path.join(tmp, 'out-meta-string'));
    expect(JSON.parse(execFileSync(process.execPath, [file], { encoding: 'utf8' }))).toEqual(["new URL('./w.ts', import.meta.url)", pathToFileURL(path.join(src, 'main.ts')).href]);
  });

  it('bundles a JavaScript entry (an .mjs config) under a given name, found again without esbuild', async () => {
    const src = path.join(tmp, 'named');
    mkdirSync(src, { recursive: true });
    writeFileSync(path.join(src, 'shout.ts'), 'export const shout = (s: string): string => s.toUpperCase();\n');
    writeFileSync(path.join(src, 'site.config.mjs'), "import { shout } from './shout.ts';\nexport default shout('config');\n");
    const out = path.join(tmp, 'out-named');
    const file = await compiledEntry(path.join(src, 'site.config.mjs'), out, 'site.config-0123456789abcdef');
    expect(path.relative(out, file)).toBe('site.config-0123456789abcdef/site.config.mjs');
    expect((await import(pathToFileURL(file).href)).default).toBe('CONFIG');
    // A bundle of that name is taken as it is: the name stands for the sources it was made from.
    writeFileSync(file, 'export default "kept";\n');
    expect(await compiledEntry(path.join(src, 'site.config.mjs'), out, 'site.config-0123456789abcdef')).toBe(file);
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', `import c from ${JSON.stringify(pathToFileURL(file).href)}; console.log(c)`], { encoding: 'utf8' }).trim()).toBe('kept');
  });

  it('bundles the analysis child and its text worker', async () => {
    const out = path.join(tmp, 'out-real');
    for (const entry of ['analysis-process-main.ts', 'text-worker.ts']) {
      const base = entry.replace('.ts', '');
      expect(path.relative(out, await compiledEntry(path.join(ROOT, 'src/node', entry), out))).toMatch(new RegExp(`^${base}-[0-9a-f]{16}/${base}\\.mjs$`));
    }
  });
});
