/**
 * The tickets page, rendered from real bundles of two crises: the service-desk
 * fixture (tests/fixtures/tickets/service-desk, plus one hostile row) has a
 * tickets section, the widget-outage messages crisis has none — so it gets no
 * page and no navigation entry.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareBundles } from '../../src/cli/bundles.ts';
import { astroTestEnv, type AstroTestEnv } from './astro-env.ts';
import { FIXTURE_SLUG, writeFixtureCrisis } from './fixture-crisis.ts';

type Page = { default: unknown; getStaticPaths: () => Promise<{ params: { crisis: string } }[]> };
const SLUG = 'service-desk';
const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/tickets/service-desk');
const HOSTILE_TEAM = '<img src=x onerror=alert(1)>';

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
  mkdirSync(dir);
  copyFileSync(path.join(FIXTURE, 'crisis.yaml'), path.join(dir, 'crisis.yaml'));
  // One more open case whose team is markup: the page must show it as text.
  const csv = readFileSync(path.join(FIXTURE, 'incidents.csv'), 'utf8');
  writeFileSync(path.join(dir, 'incidents.csv'), `${csv}INC012,2024-03-27T08:00:00Z,,,,New,P2,"${HOSTILE_TEAM}",,,,,Markup in the team\n`);
  process.env.DEBRIEF_DATA_DIR = data;
  process.env.DEBRIEF_BUNDLES_DIR = path.join(data, '.bundles');
  await prepareBundles(data, process.env.DEBRIEF_BUNDLES_DIR, { quiet: true, cacheDir: null, workers: 0 });
  env = await astroTestEnv();
}, 180_000);

afterAll(async () => {
  await env?.close();
  rmSync(data, { recursive: true, force: true });
  delete process.env.DEBRIEF_BUNDLES_DIR;
  delete process.env.DEBRIEF_DATA_DIR;
});

describe('tickets page', () => {
  it('exists only for crises whose report has a tickets section', async () => {
    const mod = await env.load<Page>('/src/pages/[crisis]/tickets/index.astro');
    expect(await mod.getStaticPaths()).toEqual([{ params: { crisis: SLUG } }]);
  });

  it('shows the headline figures and the section\'s notes', async () => {
    const doc = await renderPage('/src/pages/[crisis]/tickets/index.astro', SLUG);
    expect(doc.querySelector('h1')!.textContent).toBe('Tickets');
    const tile = (name: string) => doc.querySelector(`[data-kpi="${name}"] [data-kpi-value]`)?.textContent;
    // 12 cases with the hostile one; its flag is empty, so the flag basis stays 5 met of 9 decided.
    expect(tile('tickets.cases')).toBe('12');
    expect(tile('tickets.sla.share')).toBe('56%');
    expect(tile('tickets.backlog.openAtEnd')).toBe('4');
    expect(doc.querySelector('a[download]')!.getAttribute('href')).toBe('../cases.csv');
    expect(doc.querySelector('ul.notes')!.textContent).toContain('1 resolved case(s) have a resolution time before their opening time');
  });

  it('lists each table with N of M and escapes the data', async () => {
    const doc = await renderPage('/src/pages/[crisis]/tickets/index.astro', SLUG);
    const caption = (id: string) => doc.querySelector(`#${id} caption`)!.textContent;
    expect(caption('by-priority')).toBe('5 priorities');
    expect(caption('by-team')).toBe('5 teams');
    expect(caption('sla-bases')).toBe('3 bases');
    expect(caption('oldest-open')).toBe('4 open cases');
    const oldest = [...doc.querySelectorAll('#oldest-open tbody tr')].map((tr) => tr.querySelector('th')!.textContent);
    expect(oldest).toEqual(['INC012', 'INC005', 'INC007', 'INC010']);
    const teams = [...doc.querySelectorAll('#by-team tbody th')].map((th) => th.textContent);
    expect(teams).toContain(HOSTILE_TEAM);
    // The agent's e-mail address went through the bundle's privacy filter.
    expect(doc.querySelector('#oldest-open tbody')!.textContent).toContain('[email]');
    expect(doc.documentElement.outerHTML).not.toContain('ops.lead@desk.example');
  });

  it('draws the open cases per day with the CSV of what it draws', async () => {
    const doc = await renderPage('/src/pages/[crisis]/tickets/index.astro', SLUG);
    const figure = doc.querySelector('figure.chart')!;
    expect(figure.querySelector('svg')!.getAttribute('aria-label')).toBe('Open cases per day');
    expect(figure.querySelector('a.download')!.getAttribute('href')).toBe('../data/open-cases.csv');
    const { registeredDownloads } = await env.load<typeof import('../../src/site/downloads.ts')>('/src/site/downloads.ts');
    const csv = registeredDownloads().get(`${SLUG}/data/open-cases.csv`)!;
    // INC012 opened on 27 March (Berlin), a day before the others; it stays open.
    expect(csv.split('\n').slice(0, 3)).toEqual(['day,opened,resolved,open', '2024-03-27,1,0,1', '2024-03-28,3,2,2']);
    expect(csv.trim().split('\n').at(-1)).toBe('2024-04-03,0,0,4');
  });

  it('appears in the crisis navigation only when the crisis has a tickets section', async () => {
    const nav = (doc: Document) => [...doc.querySelectorAll('.crisis-nav a')].map((a) => a.textContent);
    const withTickets = await renderPage('/src/pages/[crisis]/index.astro', SLUG);
    expect(nav(withTickets)).toEqual(['Summary', 'Themes', 'Response', 'Tickets', 'Faults', 'Messages', 'Explore']);
    const tickets = await renderPage('/src/pages/[crisis]/tickets/index.astro', SLUG);
    expect(tickets.querySelector('.crisis-nav [aria-current="page"]')!.textContent).toBe('Tickets');
    expect(nav(await renderPage('/src/pages/[crisis]/index.astro', FIXTURE_SLUG))).not.toContain('Tickets');
  });
});
