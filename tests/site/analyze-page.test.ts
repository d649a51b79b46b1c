/**
 * The `/analyze/` page as built: the site's fault library embedded as data
 * (parsed and validated as the CLI does, its texts escaped), DuckDB-WASM
 * linked from the site in parts, and a plain message when there is no library.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFaultLibrary } from '../../src/analysis/config/fault-library.ts';
import type { AnalyzerConfig } from '../../src/analyzer/analyze-page.ts';
import { readEmbeddedFaultLibrary } from '../../src/analyzer/fault-library-embed.ts';
import { partCount } from '../../src/explorer/parts.ts';
import { astroTestEnv, type AstroTestEnv } from './astro-env.ts';

const PAGE = '/src/pages/analyze/index.astro';
const MARKUP = '<img src=x onerror=alert(1)>';
const LIBRARY = `faults:\n  support-delay:\n    label: "Waiting ${MARKUP}"\n    kind: service\n    keywords: [no reply]\n  lockout:\n    label: Locked out\n    keywords: [locked out]\n`;

let env: AstroTestEnv;
let data: string;

async function render(): Promise<{ html: string; doc: Document; config: AnalyzerConfig }> {
  const mod = await env.load<{ default: unknown }>(PAGE);
  const html = await env.container.renderToString(mod.default as never);
  const doc = parseHTML(html).document;
  const root = doc.querySelector('[data-analyzer]') as HTMLElement;
  return { html, doc, config: JSON.parse(root.getAttribute('data-analyzer')!) as AnalyzerConfig };
}

beforeAll(async () => {
  data = mkdtempSync(path.join(os.tmpdir(), 'debrief-analyze-page-'));
  process.env.DEBRIEF_DATA_DIR = data;
  env = await astroTestEnv();
}, 120_000);

afterAll(async () => {
  await env?.close();
  rmSync(data, { recursive: true, force: true });
  delete process.env.DEBRIEF_DATA_DIR;
});

describe('/analyze/ page', () => {
  it('embeds the site’s fault library as data, escaped, and links DuckDB-WASM from the site in parts', async () => {
    writeFileSync(path.join(data, 'faults.yaml'), LIBRARY);
    const { html, doc, config } = await render();
    // The label is in the page once, inside the attribute's JSON with its quotes escaped: never as markup.
    expect(html.split(MARKUP)).toHaveLength(2);
    expect(doc.querySelectorAll('img')).toHaveLength(0);
    expect(doc.querySelector('[data-analyzer]')!.getAttribute('data-analyzer')).toContain(MARKUP);
    expect(readEmbeddedFaultLibrary(config.faultLibrary)).toEqual(parseFaultLibrary(LIBRARY, 'faults.yaml'));
    expect(doc.querySelector('.analyzer > p.muted')!.textContent).toContain('The site\'s fault library (faults.yaml, 2 faults) is applied');
    const wasm = statSync(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm')).size;
    expect(config.wasm).toEqual(Array.from({ length: partCount(wasm) }, (_, i) => `../explorer/duckdb-eh.wasm.${i}`));
    expect(config.worker).toBe('../explorer/duckdb-browser-eh.worker.js');
    expect(doc.querySelector('input[type=file]')!.hasAttribute('multiple')).toBe(true);
    // One script, a plain module: under the dev server its source (a build links the built file, site/client-scripts.ts).
    expect([...doc.querySelectorAll('script[src]')].map((s) => [s.getAttribute('type'), s.getAttribute('src')])).toEqual([['module', '../src/analyzer/analyze-entry.ts']]);
  });

  it('says so when the site has no fault library', async () => {
    rmSync(path.join(data, 'faults.yaml'), { force: true });
    const { doc, config } = await render();
    expect(config.faultLibrary).toBe('null');
    expect(doc.querySelector('.analyzer > p.muted')!.textContent).toContain('This site has no fault library');
  });

  it('fails the build, naming the file, when the library is broken', async () => {
    writeFileSync(path.join(data, 'faults.yaml'), 'faults:\n  Bad Id:\n    label: x\n');
    await expect(render()).rejects.toThrow(/faults\.yaml has 2 problems/);
  });
});
