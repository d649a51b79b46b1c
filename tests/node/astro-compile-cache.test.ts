/**
 * Astro's compiler answered from a cache of its own output (src/node/astro-compile-cache.mjs): the same
 * answer as a compile, what the compiler asks of Astro asked again on every hit, a changed answer a miss,
 * failed compiles never kept, and the real compiler's global still the way in.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PRELOAD = pathToFileURL(path.join(ROOT, 'src/node/astro-compile-cache.mjs')).href;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'debrief-astro-compile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs `script` (an ES module's text) with the cache preloaded on `cache` (none: not preloaded); returns its JSON output. */
function run(script: string, cache: string | null): unknown {
  const file = path.join(tmp, `script-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, script);
  const env = { ...process.env, DEBRIEF_ASTRO_COMPILE_CACHE: cache ?? '' };
  const out = execFileSync(process.execPath, [...(cache ? ['--import', PRELOAD] : []), file], { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out);
}

/**
 * A stand-in for the compiler's WebAssembly: it sets the global as the real one does, asks Astro to
 * preprocess each `<style>` and resolve each import, and counts its compiles. `STYLE_ANSWER` is what the
 * preprocessor answers; the script compiles `SOURCES` in turn and prints the results and every question.
 */
const fakeCompiler = (sources: string[], styleAnswer: string) => `
globalThis['@astrojs/compiler'] = {};
globalThis['@astrojs/compiler'].transform = async (source, options) => {
  compiles++;
  const styles = [];
  for (const [i, css] of [...source.matchAll(/<style>(.*?)<\\/style>/g)].entries()) styles.push((await options.preprocessStyle(css[1], { index: i })).code);
  const paths = [];
  for (const m of source.matchAll(/import '(.*?)'/g)) paths.push(await options.resolvePath(m[1]));
  return { code: 'compiled ' + source.length, css: styles, paths, diagnostics: source.includes('broken') ? [{ severity: 1, text: 'broken' }] : [] };
};
let compiles = 0;
const asked = [];
const compiler = globalThis['@astrojs/compiler'];
const results = [];
for (const source of ${JSON.stringify(sources)}) {
  let n = 0;
  results.push(await compiler.transform(source, {
    filename: '/x/Component.astro',
    preprocessStyle: async (css, attrs) => { asked.push(['style', n++, css]); return { code: css + ${JSON.stringify(styleAnswer)} }; },
    resolvePath: async (s) => { asked.push(['path', s]); return '/x/' + s; },
  }));
}
console.log(JSON.stringify({ compiles, results, asked }));
`;

describe('astro-compile-cache', () => {
  const source = "<style>a{}</style><style>b{}</style>\nimport './y.ts'\n<p>hi</p>";

  it('answers a second compile of the same source from disk, asking Astro the same questions in the same order', () => {
    const cache = path.join(tmp, 'cache-hit');
    const first = run(fakeCompiler([source], ' /* v1 */'), cache) as { compiles: number; results: unknown[]; asked: unknown[] };
    expect(first.compiles).toBe(1);
    expect(readdirSync(cache)).toHaveLength(1);
    const again = run(fakeCompiler([source], ' /* v1 */'), cache) as typeof first;
    expect(again.compiles).toBe(0);
    expect(again.results).toEqual(first.results);
    // Astro numbers its styles by the order it is asked: the same questions, in the same order.
    expect(again.asked).toEqual(first.asked);
    // The same as without the cache at all.
    expect(run(fakeCompiler([source], ' /* v1 */'), null)).toEqual({ ...first, compiles: 1 });
  });

  it('compiles again when Astro answers differently (a stylesheet a style imports changed), asking nothing twice', () => {
    const cache = path.join(tmp, 'cache-changed');
    run(fakeCompiler([source], ' /* v1 */'), cache);
    const changed = run(fakeCompiler([source], ' /* v2 */'), cache) as { compiles: number; results: { css: string[] }[]; asked: unknown[] };
    expect(changed.compiles).toBe(1);
    expect(changed.results[0]!.css).toEqual(['a{} /* v2 */', 'b{} /* v2 */']);
    expect(changed.asked).toEqual([
      ['style', 0, 'a{}'],
      ['style', 1, 'b{}'],
      ['path', './y.ts'],
    ]);
    // The new answer is the one kept.
    expect((run(fakeCompiler([source], ' /* v2 */'), cache) as { compiles: number }).compiles).toBe(0);
  });

  it('never keeps a compile with an error, and tells sources apart', () => {
    const cache = path.join(tmp, 'cache-broken');
    const out = run(fakeCompiler(['<p>broken</p>', '<p>broken</p>', '<p>one</p>', '<p>two</p>'], ''), cache) as { compiles: number };
    expect(out.compiles).toBe(4);
    expect(readdirSync(cache)).toHaveLength(2);
  });

  it("caches the real compiler's output through its global, the same as a compile", () => {
    const cache = path.join(tmp, 'cache-real');
    const compilerUrl = pathToFileURL(path.join(ROOT, 'node_modules/@astrojs/compiler/dist/node/index.js')).href;
    const script = `
import { transform } from ${JSON.stringify(compilerUrl)};
const source = '---\\nconst name = "x";\\n---\\n<h1 class="t">{name}</h1>\\n<style>.t { color: red; }</style>\\n';
const asked = [];
const result = await transform(source, {
  filename: '/x/Title.astro',
  normalizedFilename: '/x/Title.astro',
  sourcemap: 'both',
  internalURL: 'astro/compiler-runtime',
  preprocessStyle: async (css) => { asked.push(css); return { code: css }; },
  resolvePath: async (s) => s,
});
console.log(JSON.stringify({ code: result.code, css: result.css, asked }));
`;
    const plain = run(script, null);
    const first = run(script, cache);
    expect(readdirSync(cache).filter((n) => n.endsWith('.json'))).toHaveLength(1);
    const cached = run(script, cache);
    expect(first).toEqual(plain);
    expect(cached).toEqual(plain);
    expect((plain as { css: string[] }).css[0]).toContain('color');
    // And it is the cache that answered: an entry changed by hand is what comes back.
    const entry = path.join(cache, readdirSync(cache)[0]!);
    const kept = JSON.parse(readFileSync(entry, 'utf8'));
    writeFileSync(entry, JSON.stringify({ ...kept, result: { ...kept.result, code: 'from the cache' } }));
    expect((run(script, cache) as { code: string }).code).toBe('from the cache');
  });
});
