/**
 * The Astro config as one ES module Node imports without Vite (src/cli/site-config.ts): made once per
 * project and sources, the same config as the project's file, and the project's file when it cannot be made.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { siteConfigFile } from '../../src/cli/site-config.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'debrief-site-config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A project whose config imports a TypeScript module of its own, as the real one does. */
function project(name: string, config: string): string {
  const root = path.join(tmp, name);
  mkdirSync(path.join(root, 'src'), { recursive: true });
  writeFileSync(path.join(root, 'src', 'names.ts'), "export const integrationName = (s: string): string => `debrief-${s}`;\n");
  writeFileSync(path.join(root, 'astro.config.mjs'), config);
  return root;
}

describe('siteConfigFile', () => {
  it("bundles the config with its TypeScript into the project's cache, named by the project and the sources' key", async () => {
    const root = project('ok', "import { integrationName } from './src/names.ts';\nexport default { integrations: [{ name: integrationName('downloads') }] };\n");
    const file = await siteConfigFile(root, 'key-1');
    expect(path.relative(root, file)).toMatch(/^node_modules\/\.cache\/debrief\/astro\.config-[0-9a-f]{16}\/astro\.config\.mjs$/);
    expect((await import(pathToFileURL(file).href)).default).toEqual({ integrations: [{ name: 'debrief-downloads' }] });
    expect(await siteConfigFile(root, 'key-1')).toBe(file);
    expect(await siteConfigFile(root, 'key-2')).not.toBe(file);
  });

  it("falls back to the project's own file, saying why, when the config cannot be bundled", async () => {
    const root = project('broken', "import { nothing } from './src/missing.ts';\nexport default { nothing };\n");
    const said = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await siteConfigFile(root, 'key-1')).toBe(path.join(root, 'astro.config.mjs'));
      const text = said.mock.calls.map((c) => String(c[0])).join('');
      expect(text).toContain('Astro reads astro.config.mjs through Vite');
      expect(text).toContain('missing.ts');
    } finally {
      said.mockRestore();
    }
  });

  it("gives this project's config: the same integrations and settings as its file read through Vite", async () => {
    const file = await siteConfigFile(ROOT, `test ${process.pid}`);
    try {
      const bundled = (await import(pathToFileURL(file).href)).default;
      const own = (await import(pathToFileURL(path.join(ROOT, 'astro.config.mjs')).href)).default;
      const shape = (c: { integrations: { name: string }[]; vite: { plugins: { name: string }[] } }) => ({ ...c, integrations: c.integrations.map((i) => i.name), vite: { ...c.vite, plugins: c.vite.plugins.map((p) => p.name) } });
      expect(shape(bundled)).toEqual(shape(own));
      expect(shape(bundled).integrations).toEqual(['debrief-downloads', 'debrief-bundle-copies', 'debrief-client-scripts', '@astrojs/mdx']);
    } finally {
      rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});
