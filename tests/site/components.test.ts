import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import type { LoadedCrisis } from '../../src/site/crises.ts';
import type { CrisisView } from '../../src/site/crisis-view.ts';
import { prepareBundles } from '../../src/cli/bundles.ts';
import { caseRow } from '../helpers/cases.ts';
import { astroTestEnv, type AstroTestEnv } from './astro-env.ts';
import { FIXTURE_SLUG, HOSTILE, writeFixtureCrisis } from './fixture-crisis.ts';

type Component = { default: unknown };
let env: AstroTestEnv;
let crisis: LoadedCrisis;
let view: CrisisView;

async function render(path: string, props: Record<string, unknown> = {}, locals: Record<string, unknown> = {}): Promise<string> {
  const mod = await env.load<Component>(path);
  return env.container.renderToString(mod.default as never, { props, locals: locals as never });
}

beforeAll(async () => {
  // The site reads bundles: write the fixture crisis's, as `debrief build` does.
  const data = writeFixtureCrisis();
  process.env.DEBRIEF_DATA_DIR = data;
  process.env.DEBRIEF_BUNDLES_DIR = path.join(data, '.bundles');
  await prepareBundles(data, process.env.DEBRIEF_BUNDLES_DIR, { quiet: true, cacheDir: null, workers: 0 });
  env = await astroTestEnv();
  const crises = await env.load<typeof import('../../src/site/crises.ts')>('/src/site/crises.ts');
  crisis = await crises.getCrisis(FIXTURE_SLUG);
  const views = await env.load<typeof import('../../src/site/crisis-view.ts')>('/src/site/crisis-view.ts');
  view = views.crisisView(crisis);
}, 120_000);

afterAll(async () => {
  await env?.close();
  if (process.env.DEBRIEF_DATA_DIR) rmSync(process.env.DEBRIEF_DATA_DIR, { recursive: true, force: true });
  delete process.env.DEBRIEF_BUNDLES_DIR;
});

describe('KpiTiles', () => {
  it('renders value, label and a definition tooltip tied by aria-describedby, escaping text', async () => {
    const html = await render('/src/components/KpiTiles.astro', {
      kpis: [{ name: 'x.y', label: 'Label <b>', value: 3, unit: 'count', text: '3', definition: 'Means <script>' }],
    });
    const { document } = parseHTML(html);
    const tile = document.querySelector('.kpi')!;
    expect(tile.getAttribute('tabindex')).toBe('0');
    const tip = document.getElementById(tile.getAttribute('aria-describedby')!)!;
    expect(tip.textContent).toBe('Means <script>');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
  });
});

describe('ChartFigure', () => {
  it('embeds the SVG with title, desc and role, escapes data labels, and links the CSV', async () => {
    const { renderChart } = await env.load<typeof import('../../src/site/charts/render.ts')>('/src/site/charts/render.ts');
    const Plot = await env.load<typeof import('@observablehq/plot')>('@observablehq/plot');
    const rows = [{ label: '<img src=x onerror=alert(1)>', n: 3 }, { label: 'b & c', n: 5 }];
    const chart = renderChart({ id: 'test', title: 'Test chart', caption: 'Caption', summary: 'Two bars: 3 and 5.', columns: ['label', 'n'], rows, plot: { marks: [Plot.barY(rows, { x: 'label', y: 'n' })] } });
    const html = await render('/src/components/ChartFigure.astro', { chart, slug: FIXTURE_SLUG, path: `${FIXTURE_SLUG}/` });
    const { document } = parseHTML(html);
    const svg = document.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('Test chart');
    expect(svg.querySelector('title')!.textContent).toBe('Test chart');
    expect(svg.querySelector('desc')!.textContent).toBe('Two bars: 3 and 5.');
    expect(document.querySelector('img')).toBeNull();
    expect(html).toContain('&lt;img');
    // The phone rendering sits next to the desktop one, drawn 320 px wide with the same title and description.
    const narrow = document.querySelector('.chart-narrow svg')!;
    expect(document.querySelector('.chart-full svg')).toBe(svg);
    expect(narrow.getAttribute('width')).toBe('320');
    expect(narrow.getAttribute('aria-label')).toBe('Test chart');
    expect(narrow.querySelector('desc')!.textContent).toBe('Two bars: 3 and 5.');
    expect(document.querySelector('a.download')!.getAttribute('href')).toBe('data/test.csv');
    expect(chart.csv).toBe('label,n\n<img src=x onerror=alert(1)>,3\nb & c,5\n');
  });
});

describe('Summary', () => {
  it('renders KPIs, every chart the report supports and the ledger; no hostile text unescaped or unmasked', async () => {
    const html = await render('/src/components/Summary.astro', { view, path: `${FIXTURE_SLUG}/` });
    const { document } = parseHTML(html);
    expect(document.querySelector('h1')!.textContent).toBe('Widget outage');
    expect(document.querySelectorAll('.kpi').length).toBe(view.kpis.length);
    const charts = Object.keys(view.charts).filter((k) => k !== 'backlog').length;
    expect(document.querySelectorAll('figure.chart .chart-full svg').length).toBe(charts);
    expect(document.querySelectorAll('figure.chart .chart-narrow svg').length).toBe(charts);
    // The story: a headline sentence, the five incident durations (each a figure or "not measurable" with its reason), the action items block.
    expect(document.querySelector('[data-headline]')!.textContent).toMatch(/ surged from .* and peaked at /);
    const durations = [...document.querySelectorAll('.incident-durations tr[data-duration]')];
    expect(durations.map((tr) => tr.getAttribute('data-duration'))).toEqual(['detect', 'firstResponse', 'statement', 'mitigate', 'resolve']);
    expect(durations.find((tr) => tr.getAttribute('data-duration') === 'detect')!.textContent).toContain('not measurable — crisis.yaml lists no detected or declared event');
    expect(document.querySelector('.ledger')).not.toBeNull();
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('jane.doe@example.com');
    expect(html).not.toContain('555-123-4567');
    expect(html).not.toContain(HOSTILE.email);
  });
});

describe('ActionItems', () => {
  it('shows owner, due date in words and status; "past due" only on an open item due before the build date', async () => {
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = String(Date.UTC(2019, 5, 10, 12) / 1000);
    try {
      const items = [
        { action: 'Open <late>', owner: 'Ops', due: '2019-06-03', status: 'open', done: '' },
        { action: 'Done late', owner: 'Research', due: '2019-06-03', status: 'done', done: '2019-06-01' },
        { action: 'Open later', owner: 'Ops', due: '2019-07-01', status: 'open', done: '' },
      ];
      const { document } = parseHTML(await render('/src/components/ActionItems.astro', { items, zone: 'America/New_York' }));
      const rows = [...document.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()));
      expect(rows).toEqual([
        ['Open <late>', 'Ops', '3 Jun 2019 (past due)', 'Open'],
        ['Done late', 'Research', '3 Jun 2019', 'Done 1 Jun 2019'],
        ['Open later', 'Ops', '1 Jul 2019', 'Open'],
      ]);
      expect(document.querySelector('tbody time')!.getAttribute('datetime')).toBe('2019-06-03');
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
  });
});

describe('Ledger', () => {
  it('shows totals and escapes example texts (masking happened when the bundle was written)', async () => {
    const report = structuredClone(crisis.report);
    report.ledger.sources[0]!.rejectedByReason['bad date'] = { count: 1, examples: [{ at: 'messages.csv:9', text: 'mail <b>[email]</b>', detail: 'x' }] };
    report.ledger.totals.rejectedByReason['bad date'] = 1;
    const html = await render('/src/components/Ledger.astro', { report });
    expect(html).toContain('bad date');
    expect(html).toContain('mail &lt;b&gt;[email]&lt;/b&gt;');
  });
});

describe('notebook cells', () => {
  const locals = () => ({ debrief: { crisis, path: `${FIXTURE_SLUG}/` } });

  it('<Kpi> resolves named and dotted KPIs with their definition', async () => {
    const html = await render('/src/components/notebook/Kpi.astro', { name: 'messages', __source: 'reports/x.mdx:3' }, locals());
    expect(html).toContain(`>${crisis.report.counts.messages.toLocaleString('en-US')}<`);
    const path = await render('/src/components/notebook/Kpi.astro', { name: 'counts.inboundMessages' }, locals());
    expect(path).toContain(`>${crisis.report.counts.inboundMessages.toLocaleString('en-US')}<`);
  });

  it('<Kpi> with a typo fails with the file:line', async () => {
    await expect(render('/src/components/notebook/Kpi.astro', { name: 'counts.nope', __source: 'reports/x.mdx:7' }, locals())).rejects.toThrow(/reports\/x\.mdx:7/);
  });

  it('<Query> renders a table with a CSV link; SQL sees only the masked bundle tables', async () => {
    const raw = await render('/src/components/notebook/Query.astro', { sql: "select count(*) as n from messages where text like '%@example.com%' or text like '%555-%' or author like 'customer%'", __source: 'reports/x.mdx:8' }, locals());
    expect(parseHTML(raw).document.querySelector('tbody td')!.textContent).toBe('0');
    const html = await render('/src/components/notebook/Query.astro', { sql: "select author, text, fault, sentiment from messages where text like '%[email]%' or text like '%[phone]%'", __source: 'reports/x.mdx:9' }, locals());
    const { document } = parseHTML(html);
    expect(document.querySelectorAll('tbody tr').length).toBe(2);
    expect(html).toContain('[email]');
    expect(html).toContain('[phone]');
    expect(html).not.toMatch(/customer\d+/);
    expect(document.querySelector('a.download')!.getAttribute('href')).toMatch(/^data\/sql-[0-9a-f]{10}\.csv$/);
  });

  it('<Query> with broken SQL fails with the SQL, the DuckDB error and the file:line', async () => {
    const error = await render('/src/components/notebook/Query.astro', { sql: 'select nope from messages', __source: 'reports/x.mdx:12' }, locals()).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('reports/x.mdx:12');
    expect(message).toContain('select nope from messages');
    expect(message).toMatch(/DuckDB: .*nope/i);
  });

  it('<Chart sql> draws a query result in the crisis time zone', async () => {
    const html = await render('/src/components/notebook/Chart.astro', { sql: "select date_trunc('hour', created_at) as hour, count(*) as n from messages group by 1 order by 1", mark: 'lineY', x: 'hour', y: 'n', __source: 'reports/x.mdx:20' }, locals());
    const { document } = parseHTML(html);
    expect(document.querySelector('svg[role="img"]')).not.toBeNull();
    expect(document.querySelector('path')).not.toBeNull();
  });

  it('<Chart name> fails on an unknown built-in chart', async () => {
    await expect(render('/src/components/notebook/Chart.astro', { name: 'pie', __source: 'reports/x.mdx:30' }, locals())).rejects.toThrow(/reports\/x\.mdx:30/);
  });

  it('<Impact> shows customer messages, authors and conversations as the other pages count them, with their shared definitions', async () => {
    const { NOTION_DEFINITIONS } = await env.load<typeof import('../../src/analysis/crisis/notions.ts')>('/src/analysis/crisis/notions.ts');
    const { document } = parseHTML(await render('/src/components/notebook/Impact.astro', {}, locals()));
    const row = (label: string) => {
      const tr = [...document.querySelectorAll('tbody tr')].find((r) => r.querySelector('th')!.textContent === label)!;
      return { value: tr.querySelector('td.num')!.textContent, definition: tr.querySelector('td.muted')!.textContent };
    };
    const s = crisis.report.sections as { response: { conversations: { conversations: number } }; playbook: { conversations: number }; amplifiers: { uniqueAuthors: number } };
    const n = (x: number) => x.toLocaleString('en-US');
    expect(row('Conversations')).toEqual({ value: n(s.response.conversations.conversations), definition: NOTION_DEFINITIONS.conversation });
    expect(s.playbook.conversations).toBe(s.response.conversations.conversations);
    expect(row('Authors')).toEqual({ value: n(s.amplifiers.uniqueAuthors), definition: NOTION_DEFINITIONS.author });
    expect(row('Customer messages').definition).toBe(NOTION_DEFINITIONS.customerMessage);
  });
});

describe('pages', () => {
  it('home page lists the crisis as a card with a relative link to its front page', async () => {
    const html = await render('/src/pages/index.astro');
    const { document } = parseHTML(html);
    const card = document.querySelector(`[data-crisis="${FIXTURE_SLUG}"]`)!;
    expect(card.querySelector('a')!.getAttribute('href')).toBe(`${FIXTURE_SLUG}/index.html`);
    expect(card.textContent).toContain('Widget outage');
    expect(document.querySelector('link[rel="icon"]')!.getAttribute('href')).toBe('data:,');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('crisis front page renders the summary with relative navigation and no script', async () => {
    const mod = await env.load<Component>('/src/pages/[crisis]/index.astro');
    const html = await env.container.renderToString(mod.default as never, { params: { crisis: FIXTURE_SLUG } });
    const { document } = parseHTML(html);
    expect(document.querySelector('h1')!.textContent).toBe('Widget outage');
    const nav = [...document.querySelectorAll('.crisis-nav a')].map((a) => a.getAttribute('href'));
    expect(nav).toEqual(['index.html', 'themes/index.html', 'response/index.html', 'faults/index.html', 'messages/index.html', 'explore/index.html']);
    expect(document.querySelector('.crisis-nav [aria-current="page"]')!.textContent).toBe('Summary');
    expect(html).not.toMatch(/<script/i);
  });

  it('every date on the crisis pages and /faults/ is in the crisis zone (Europe/Berlin), labelled', async () => {
    const page = async (file: string, params?: Record<string, string>) => {
      const mod = await env.load<Component>(file);
      return parseHTML(await env.container.renderToString(mod.default as never, params ? { params } : {})).document;
    };
    const summary = await page('/src/pages/[crisis]/index.astro', { crisis: FIXTURE_SLUG });
    expect(summary.querySelector('.page-head p')!.textContent).toMatch(/^4–6 Mar 2024 CET · .* · times in Europe\/Berlin \(CET\)$/);
    const faults = await page('/src/pages/[crisis]/faults/index.astro', { crisis: FIXTURE_SLUG });
    const seen = [...faults.querySelectorAll('section.block > p.muted')].map((p) => p.textContent ?? '');
    expect(seen.length).toBeGreaterThan(0);
    for (const line of seen) expect(line).toMatch(/first seen \d+ Mar 2024 CET · last seen \d+ Mar 2024 CET/);
    const across = await page('/src/pages/faults/index.astro');
    const cells = [...across.querySelectorAll("tbody td.seen span")];
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) {
      expect(c.textContent).toMatch(/^\d+ Mar 2024 CET$/);
      expect(c.getAttribute('title')).toBe('Europe/Berlin');
    }
    // The sections with lists: they render, and each capped list says how much it shows.
    const response = await page('/src/pages/[crisis]/response/index.astro', { crisis: FIXTURE_SLUG });
    expect(response.querySelector('h1')!.textContent).toBe('Response');
    const themes = await page('/src/pages/[crisis]/themes/index.astro', { crisis: FIXTURE_SLUG });
    expect(themes.querySelector('h1')!.textContent).toBe('Themes');
    expect((await page('/src/pages/actions/index.astro')).querySelector('h1')!.textContent).toBe('Action items');
  });

  it('themes page: the emerging rule, and themes that grew on too few messages listed with the reason, never a growth figure', async () => {
    const t = view.sections.themes!;
    const tooFew = t.emergingTooFew ?? [];
    // The fixture must exercise the list, or this test says nothing.
    expect(t.emerging.length + tooFew.length).toBeGreaterThan(0);
    const mod = await env.load<Component>('/src/pages/[crisis]/themes/index.astro');
    const { document } = parseHTML(await env.container.renderToString(mod.default as never, { params: { crisis: FIXTURE_SLUG } }));
    const section = [...document.querySelectorAll('section')].find((s) => s.querySelector('h2')?.textContent === 'Emerging themes')!;
    expect(section.textContent).toContain(t.emergingRule!);
    const rows = [...section.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent ?? ''));
    for (const e of tooFew.slice(0, 12)) {
      const row = rows.find((r) => r[0] === e.label && r.length === 4)!;
      expect(row, e.label).toBeDefined();
      expect(row[3]).toBe(e.reason.replace(/^too few to tell: /, ''));
    }
    for (const e of t.emerging) expect(rows.some((r) => r[0] === e.label && r.length === 4 && /\d/.test(r[3]!))).toBe(true);
  });

  it('top-N lists on the summary say how many there were', async () => {
    const mod = await env.load<Component>('/src/pages/[crisis]/index.astro');
    const text = parseHTML(await env.container.renderToString(mod.default as never, { params: { crisis: FIXTURE_SLUG } })).document.body.textContent ?? '';
    const engaged = view.sections.amplifiers!.mostEngagedPostsTotal;
    expect(engaged).toBeGreaterThan(3);
    expect(text).toContain(`The 3 most engaged of ${engaged} customer posts with any engagement.`);
  });

  it('messages page masks personal data and pseudonymises customers but not the brand', async () => {
    const mod = await env.load<Component>('/src/pages/[crisis]/messages/[...page].astro');
    const html = await env.container.renderToString(mod.default as never, { params: { crisis: FIXTURE_SLUG, page: undefined } });
    const { document } = parseHTML(html);
    const authors = [...document.querySelectorAll('table.messages tbody tr td:nth-child(2)')].map((td) => td.textContent);
    expect(authors.length).toBeGreaterThan(50);
    expect(authors.every((a) => a === 'WidgetHelp' || /^user-[0-9a-f]{6}$/.test(a ?? ''))).toBe(true);
    expect(html).not.toMatch(/customer\d+/);
    expect(html).not.toContain('jane.doe@example.com');
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('CasesTable', () => {
  it('shows each narrative around its fault evidence, marked and escaped', async () => {
    const narrative = `${'Background words here. '.repeat(12)}Mail me at [email]: they reported a <script>late payment</script> that I never made. ${'More words. '.repeat(20)}`;
    const columns = { themes: 'dispute', fault: 'inaccurate-account', fault_evidence: 'late payment' };
    const { attributes: _attributes, ...fields } = caseRow({ id: '77', openedAt: Date.UTC(2019, 1, 19), status: 'Closed', category: 'Incorrect <b>information</b>', channel: 'web', text: narrative, sourceFile: 'c.csv', sourceRow: 2 });
    const kase = { ...fields, columns };
    const withCases: LoadedCrisis = { ...crisis, excerpts: { ...crisis.excerpts, cases: { total: 1, columnNames: ['themes', 'fault', 'fault_evidence'], head: [kase] } } };
    const { firstCases } = await env.load<typeof import('../../src/site/cases.ts')>('/src/site/cases.ts');
    const html = await render('/src/components/CasesTable.astro', { crisis: withCases, cases: firstCases(withCases) });
    const { document } = parseHTML(html);
    // Analysis columns are headed by their labels, never their keys (site/labels.ts).
    expect([...document.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Opened', 'Case', 'Category', 'Status', 'Narrative', 'Themes', 'Fault']);
    const cells = [...document.querySelectorAll('tbody td')].map((td) => td.textContent);
    expect(cells.slice(0, 4)).toEqual(['19 Feb 2019 CET', '77', 'Incorrect <b>information</b>', 'Closed']);
    expect(document.querySelector('mark')!.textContent).toBe('late payment');
    expect(cells[4]).toMatch(/^… .*they reported a <script>late payment<\/script> that I never made\. .* …$/);
    // Ids the report has no label for are humanised, never shown as slugs.
    expect(cells.slice(5)).toEqual(['Dispute', 'Inaccurate account']);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
  });
});
