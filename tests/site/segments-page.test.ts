/**
 * The segments page, rendered from real bundles of two crises: the
 * brand-lines fixture (tests/fixtures/segments/brand-lines, plus two hostile
 * segment values) names segments in crisis.yaml, the widget-outage crisis does
 * not — so it gets no page and no navigation entry.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareBundles } from '../../src/cli/bundles.ts';
import { astroTestEnv, type AstroTestEnv } from './astro-env.ts';
import { FIXTURE_SLUG, writeFixtureCrisis } from './fixture-crisis.ts';

type Page = { default: unknown; getStaticPaths: () => Promise<{ params: { crisis: string } }[]> };
const SLUG = 'brand-lines';
const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/segments/brand-lines');
const PAGE = '/src/pages/[crisis]/segments/index.astro';
const MARKUP = '<img src=x onerror=alert(1)>';
const FORMULA = '=HYPERLINK("http://evil.example","x")';

let env: AstroTestEnv;
let data: string;

async function renderPage(file: string, crisis: string): Promise<Document> {
  const mod = await env.load<Page>(file);
  const html = await env.container.renderToString(mod.default as never, { params: { crisis } });
  expect(html).not.toMatch(/<script|<img/i);
  return parseHTML(html).document;
}

beforeAll(async () => {
  data = writeFixtureCrisis();
  const dir = path.join(data, SLUG);
  cpSync(FIXTURE, dir, { recursive: true });
  // Two more customer messages whose product line is markup and a spreadsheet formula.
  const csv = readFileSync(path.join(FIXTURE, 'messages.csv'), 'utf8');
  writeFileSync(path.join(dir, 'messages.csv'), `${csv}h1,2024-03-01T13:10:00Z,is anyone there,u9,,true,twitter,"${MARKUP}",EU\nh2,2024-03-01T13:20:00Z,hello?,u10,,true,twitter,"${FORMULA.replace(/"/g, '""')}",EU\n`);
  process.env.DEBRIEF_DATA_DIR = data;
  process.env.DEBRIEF_BUNDLES_DIR = path.join(data, '.bundles');
  await prepareBundles(data, process.env.DEBRIEF_BUNDLES_DIR, { quiet: true, cacheDir: null, workers: 0 });
  env = await astroTestEnv();
}, 240_000);

afterAll(async () => {
  await env?.close();
  rmSync(data, { recursive: true, force: true });
  delete process.env.DEBRIEF_BUNDLES_DIR;
  delete process.env.DEBRIEF_DATA_DIR;
});

describe('segments page', () => {
  it('exists only for crises whose report has a segments section', async () => {
    const mod = await env.load<Page>(PAGE);
    expect(await mod.getStaticPaths()).toEqual([{ params: { crisis: SLUG } }]);
  });

  it('shows one table per field, segments as rows and figures as columns, with the All row', async () => {
    const doc = await renderPage(PAGE, SLUG);
    expect(doc.querySelector('h1')!.textContent).toBe('Segments');
    const table = doc.querySelector('#segments-1-line table')!;
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      'Line', 'Customer messages', 'Share', 'Negative', 'Median first response', 'p90 first response', 'Within SLA', 'Top faults',
    ]);
    // Ten short messages give theme discovery nothing: the column is left out, and the notes say why.
    expect(doc.querySelector('#segments-1-line ul.notes [data-not-measurable="Top themes"]')!.textContent).toBe('Top themes: not measurable — no themes were found in this crisis.');
    // Alpha c1 c2 c3, Beta c4 c5 c7, then the four single-message lines by value.
    const heads = [...table.querySelectorAll('tbody th')].map((th) => th.textContent);
    expect(heads.map((h) => h!.replace(' few records', ''))).toEqual(['Alpha', 'Beta', '(none)', MARKUP, FORMULA, 'Gamma']);
    expect(table.querySelector('caption')!.textContent).toContain('6 segments of customer messages, largest first');
    const alpha = [...table.querySelectorAll('tbody tr')[0]!.querySelectorAll('td')].map((td) => td.textContent);
    // 3 of 10 customer messages; median 4,500 s = 75 min, p90 6,660 s = 111 min → 1.9 h; 1 of 2 conversations within 60 min.
    expect(alpha.slice(0, 6)).toEqual(['3', '30%', expect.stringMatching(/%$/), '75 min', '1.9 h', '50%']);
    expect(table.querySelector('tfoot th')!.textContent).toBe('All');
    expect(table.querySelector('tfoot td')!.textContent).toBe('10');
  });

  it('says which figures are not measurable and for which segments, never 0', async () => {
    const doc = await renderPage(PAGE, SLUG);
    const notes = doc.querySelector('#segments-1-line ul.notes')!.textContent!;
    expect(notes).toContain('Median first response for Gamma: not measurable — no conversation starts with a customer message of this segment.');
    expect(notes).toMatch(/Median first response for \(none\), .*: not measurable — no conversation of this segment has a brand reply\./);
    const gamma = [...doc.querySelectorAll('#segments-1-line tbody tr')].find((tr) => tr.querySelector('th')!.textContent!.startsWith('Gamma'))!;
    expect(gamma.querySelectorAll('td')[3]!.textContent).toBe('–');
    expect(gamma.querySelectorAll('td')[3]!.getAttribute('title')).toBe('not measurable — no conversation starts with a customer message of this segment');
  });

  it('offers every segment as CSV, formulas neutralised, and draws volume and negative share', async () => {
    const doc = await renderPage(PAGE, SLUG);
    expect(doc.querySelector('#segments-1-line caption a[download]')!.getAttribute('href')).toBe('../data/segments-1-line.csv');
    const { registeredDownloads } = await env.load<typeof import('../../src/site/downloads.ts')>('/src/site/downloads.ts');
    const csv = registeredDownloads().get(`${SLUG}/data/segments-1-line.csv`)!;
    const lines = csv.trim().split('\n');
    expect(lines[0]!.startsWith('field,segment,volume,share,few_records,conversations')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(['Alpha', 'Beta', '(none)', MARKUP, expect.stringMatching(/^"'=HYPERLINK/), 'Gamma', 'all']);
    const figure = doc.querySelector('#segments-1-line figure.chart')!;
    expect(figure.querySelector('svg')!.getAttribute('aria-label')).toBe('Volume and negative share by line');
    expect(figure.querySelector('a.download')!.getAttribute('href')).toBe('../data/segments-1-line-chart.csv');
  });

  it('appears in the crisis navigation only when the crisis has segments', async () => {
    const nav = (doc: Document) => [...doc.querySelectorAll('.crisis-nav a')].map((a) => a.textContent);
    expect(nav(await renderPage('/src/pages/[crisis]/index.astro', SLUG))).toContain('Segments');
    const page = await renderPage(PAGE, SLUG);
    expect(page.querySelector('.crisis-nav [aria-current="page"]')!.textContent).toBe('Segments');
    expect(nav(await renderPage('/src/pages/[crisis]/index.astro', FIXTURE_SLUG))).not.toContain('Segments');
  });
});
