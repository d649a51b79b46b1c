/**
 * The explorer in the browser: DuckDB-WASM (served by the site, in parts)
 * loads the crisis's messages table, or its cases table (the "Messages |
 * Cases" switch; tables.ts describes each, and only the chosen one is
 * fetched); each filter change runs the two queries of queries.ts and redraws
 * the counts, the filters' options, the charts, the timeline and one page of
 * the table. The view state lives in the URL (state.ts).
 *
 * Start-up overlaps what it can (explorer-database.ts): the page preloads
 * DuckDB's module (index.astro), the page compiles it as it downloads
 * (duckdb-module.ts), the table downloads while DuckDB starts, and the table
 * is loaded once, with every derived column the filters need. Marks (`explorer:…`) time each step for bench/explorer.ts.
 */
import type { Engine } from '../analysis/engine/engine.ts';
import { csvChunks } from '../analysis/report/messages-csv.ts';
import { formatDate, formatDateTime } from '../site/format.ts';
import { columnValueText, type ValueLabels } from '../site/labels.ts';
import { drawBars, drawHead, drawTable, drawTimeline, fillSegments, fillSelect, type MessageRow } from './explorer-view.ts';
import { fetchTable, materializeTable, openDatabase, prepareTable, type Config } from './explorer-database.ts';
import { canSort, downloadQuery, facets, lowerTextSql, PAGE_SIZE, peakQuery, rowsQuery, summaryQuery, type ExploreSchema, type SummaryRow } from './queries.ts';
import { instantFromWallInput, wallInputValue } from './range.ts';
import { DEFAULT_STATE, parseState, stateQuery, withFilter, type ExplorerState } from './state.ts';
import { shownColumns, type ChartKey, type TableColumn, type TableName } from './tables.ts';

/** Every filter select of the form: a table shows those it has values for. */
const SELECTS = ['channel', 'status', 'category', 'product', 'company', 'sentiment', 'theme', 'fault'] as const;

/** The charts of the page, in its order; a table draws those it lists (tables.ts). */
const CHARTS: { key: ChartKey; title: string; column: string; none: string }[] = [
  { key: 'sentiment', title: 'Sentiment', column: 'sentiment', none: 'this crisis has no sentiment labels' },
  { key: 'category', title: 'Top categories', column: 'category', none: 'these cases have no category' },
  { key: 'theme', title: 'Top themes', column: 'themes', none: 'this crisis has no themes' },
  { key: 'fault', title: 'Top faults', column: 'fault', none: 'this crisis has no fault taxonomy' },
];

const $ = <T extends HTMLElement>(root: ParentNode, selector: string) => root.querySelector(selector) as T;
const mark = (name: string) => performance.mark(`explorer:${name}`);


/** Starts the explorer in `root` (the page's `[data-explorer]` element). */
export async function startExplorer(root: HTMLElement): Promise<void> {
  mark('module');
  const config = JSON.parse(root.dataset.explorer!) as Config;
  const status = $<HTMLElement>(root, '.explorer-status');
  // Opened from disk, this module never runs: the page's inline script says why.
  let state = parseState(location.search);
  // A table the crisis has no rows in is not offered: the default is shown instead.
  if (state.table && !config.tables[state.table]) delete state.table;
  status.textContent = `Loading the database and the ${state.table ?? config.defaultTable}…`;
  let engine: Engine;
  let schema: ExploreSchema;
  try {
    ({ engine, schema } = await openDatabase(config, state.table ?? config.defaultTable));
  } catch (error) {
    status.textContent = `The explorer could not start: ${error instanceof Error ? error.message : String(error)}. The other pages of this report work without it.`;
    return;
  }
  const form = $<HTMLFormElement>(root, 'form');
  const field = <T extends Element>(name: string) => form.elements.namedItem(name) as unknown as T;
  const labelOfField = (name: string) => (form.elements.namedItem(name) as HTMLElement | null)?.closest('label') ?? null;
  // Ids read as the static pages write them (labels.ts): the report's labels, else the id in words.
  const labels: ValueLabels = { themes: new Map(Object.entries(config.labels.themes)), faults: new Map(Object.entries(config.labels.faults)), steps: new Map() };
  const label = (column: string, value: string) => (column === 'themes' || column === 'fault' ? columnValueText(column, value, labels) : value);
  const same = (v: string) => v;
  // A service failure (waiting for support) is not a product fault: its name says so, in the chart and the select.
  const service = new Set(config.serviceFaults ?? []);
  const faultLabel = (v: string) => (service.has(v) ? `${label('fault', v)} (service failure)` : label('fault', v));
  const labelOf: Record<string, (v: string) => string> = { channel: same, status: same, category: same, product: same, company: same, sentiment: same, theme: (v) => label('themes', v), fault: faultLabel };
  // As the static pages write times: 24-hour, in the crisis's zone, with its abbreviation; a date alone where the export gives no times.
  const when = (t: string | number) => (schema.dateOnly ? formatDate : formatDateTime)(typeof t === 'string' ? Date.parse(t) : t, config.zone);

  const timelineBox = $<HTMLElement>(root, '.explorer-timeline');
  const chartBox = (key: ChartKey) => $<HTMLElement>(root, `[data-chart="${key}"]`);
  /** The charts the table draws: its own, but a sentiment chart only where there are sentiments (the messages' says it is not measurable). */
  const charts = () => {
    const t = schema.table!;
    return CHARTS.filter((c) => t.charts.includes(c.key) && (t.name === 'messages' || c.key !== 'sentiment' || schema.columns.has('sentiment')) && (c.key !== 'category' || categories())).map((c) => ({
      ...c,
      empty: schema.columns.has(c.column) ? `No ${c.title.replace(/^Top /, '').toLowerCase()} in this view.` : `Not measurable: ${c.none}.`,
    }));
  };
  /** True when some row of the table explored has a value in bundle column `column` (found when it was loaded: explorer-database.ts). */
  const hasValues = (column: string) => schema.withValues?.has(column) ?? false;
  // Cases whose categories are all empty (NHTSA's complaints) draw no category chart.
  const categories = () => hasValues('category');
  /** The table's columns some row has a value in: a column of dashes only (NHTSA's complaints have no narrative) is not drawn. */
  const columns = () => shownColumns(schema.table!, schema.withValues ?? new Set());
  const switchBox = root.querySelector<HTMLElement>('.explorer-switch');
  /** Shows the parts of the form, the charts and the table that the table explored has: called once per table loaded. */
  const showTable = () => {
    const t = schema.table!;
    for (const c of CHARTS) chartBox(c.key).closest('section')!.hidden = !charts().some((x) => x.key === c.key);
    for (const name of ['who', 'author']) labelOfField(name)!.hidden = !t.authors;
    // A table without any text (NHTSA's complaints) offers no word search, unless the URL holds one.
    labelOfField('q')!.hidden = !hasValues('text') && !state.q;
    labelOfField('segment')?.toggleAttribute('hidden', schema.segmentFields.length === 0);
    for (const o of field<HTMLSelectElement>('sort').options) o.hidden = o.disabled = !canSort(o.value as ExplorerState['sort'], schema);
    drawHead($<HTMLTableRowElement>(root, 'thead tr'), columns());
    $<HTMLElement>(root, '.table-scroll').setAttribute('aria-label', `Filtered ${t.noun}`);
    for (const input of switchBox?.querySelectorAll('input') ?? []) (input as HTMLInputElement).checked = input.value === t.name;
  };
  showTable();
  const noun = () => schema.table!.noun;
  const Noun = () => noun()[0]!.toUpperCase() + noun().slice(1);
  const topics = (r: MessageRow) => [label('themes', String(r.themes ?? '')), label('fault', String(r.fault ?? ''))].filter(Boolean).join(' · ');
  const cellText = (r: MessageRow, cell: TableColumn['cell']): string => {
    // No value: an empty cell (drawn "–" on a wide screen, left out of a phone's card).
    const text = (v: unknown) => (v === null || v === undefined || String(v).trim() === '' ? '' : String(v));
    if (cell === 'time') return when(Number(r.ms));
    if (cell === 'author') return text(r.author) && `${r.author}${r.is_brand ? ' (brand)' : ''}`;
    if (cell === 'topics') return topics(r);
    if (cell === 'category') return text([r.category, r.product].filter(Boolean).join(' / '));
    return text(r[cell]);
  };

  /** Redraws what depends on the filters only: the count, the filters' options, the charts and the timeline. */
  const drawSummary = (summary: SummaryRow[]) => {
    // Measured before anything is redrawn: one layout, not one per chart.
    const shownCharts = charts();
    const widths = { timeline: timelineBox.clientWidth, chart: chartBox(shownCharts[0]?.key ?? 'fault').clientWidth };
    const of = (kind: string) => summary.filter((r) => r.kind === kind).map((r) => ({ value: String(r.value), n: r.n }));
    const total = summary.find((r) => r.kind === 'count')!.n;
    const brand = summary.find((r) => r.kind === 'brand')!.n;
    const segments: { field: string; options: { value: string; n: number }[] }[] = [];
    const filled = new Set<string>();
    for (const f of facets(schema, state)) {
      if (f.key.startsWith('segment:')) segments.push({ field: f.key.slice(8), options: of(`facet:${f.key}`) });
      else {
        const options = of(`facet:${f.key}`);
        const current = state[f.key as (typeof SELECTS)[number]];
        fillSelect(field<HTMLSelectElement>(f.key), options, current, labelOf[f.key]!);
        // A select with nothing to choose (a column the crisis leaves empty) is not shown, unless the URL chose a value in it.
        if (options.length || current) filled.add(f.key);
      }
    }
    for (const key of SELECTS) labelOfField(key)!.hidden = !filled.has(key);
    if (segments.length) fillSegments(field<HTMLSelectElement>('segment'), segments, { field: state.segmentField, value: state.segment });
    for (const key of ['q', 'author'] as const) field<HTMLInputElement>(key).value = state[key] ?? '';
    for (const key of ['from', 'to'] as const) field<HTMLInputElement>(key).value = state[key] ? wallInputValue(state[key], config.zone) : '';
    field<HTMLSelectElement>('who').value = state.who ?? '';
    const range = state.from || state.to ? ` from ${state.from ? when(state.from) : 'the start'} to ${state.to ? when(state.to) : 'the end'}` : '';
    const fromBrand = schema.table!.authors ? ` (${brand.toLocaleString('en-US')} from the brand)` : '';
    $<HTMLElement>(root, '.explorer-count').textContent = `${total.toLocaleString('en-US')} ${noun()}${fromBrand}${range}.`;
    // A chart whose own filter is off counts like its select: the facet's rows serve both.
    const bars = (key: ChartKey) => (summary.some((r) => r.kind === `chart:${key}`) ? of(`chart:${key}`) : of(`facet:${key}`)).map((b) => ({ ...b, label: labelOf[key]!(b.value) }));
    for (const c of shownCharts) drawBars(chartBox(c.key), widths.chart, c.key, bars(c.key), total, c.title, c.empty, (value) => update({ [c.key]: value }));
    const time = summary.filter((r) => r.kind === 'time').map((r) => ({ t: r.t!, sentiment: String(r.value), n: r.n }));
    const over = schema.columns.has('sentiment') ? `${Noun()} over time by sentiment` : `${Noun()} over time`;
    drawTimeline(timelineBox, widths.timeline, time, config.bucketMs, state, config.zone, `${over}${range || ', the whole crisis'}`, (r) => update(r), Noun());
    return total;
  };

  // The explore view's rows are copied into a table once a table's first results are shown (explorer-database.ts materializeTable): once per table.
  let copied: { schema: ExploreSchema; done: Promise<boolean> } | null = null;
  /** Copies the rows of the table explored, once; true when they are in a table of their own. */
  const copyRows = (): Promise<boolean> => {
    if (copied?.schema !== schema) {
      const of = schema;
      // On failure the view stays: every query still answers, only slower (and searches lower-case each text every time).
      const done = materializeTable(engine, of).then(
        () => true,
        (error: unknown) => (console.error('explorer: the rows could not be copied into a table', error), false),
      );
      copied = { schema: of, done };
    }
    return copied.done;
  };

  // Each render has a number: a slower, older one never paints over a newer one.
  let generation = 0;
  let shownOnce = false;
  // The summary of the filters last drawn: paging and sorting change the rows only.
  let drawn: { key: string; total: number } | null = null;
  const render = async () => {
    const mine = ++generation;
    delete document.documentElement.dataset.explorerReady;
    history.replaceState(null, '', stateQuery(state) || location.pathname);
    // The first search lower-cases the texts once, into the table (queries.ts lowerTextSql).
    if (state.q && !schema.textLowered) {
      const lowering = schema;
      if (await copyRows()) {
        for (const sql of lowerTextSql()) await engine.exec(sql);
        lowering.textLowered = true;
      }
      if (mine !== generation) return;
    }
    const key = stateQuery({ ...state, sort: 'time', page: 1 });
    const same = drawn?.key === key;
    // Each answer marked as it comes (bench/explorer.ts: which query a change waits on).
    const timed = <T>(name: string, answer: Promise<T>) => answer.then((r) => (mark(name), r));
    const [summary, rows] = await Promise.all([same ? null : timed('summary-queried', engine.query<SummaryRow>(summaryQuery(state, schema))), timed('rows-queried', engine.query<MessageRow>(rowsQuery(state, schema)))]);
    if (mine !== generation) return;
    mark('queried');
    const total = summary ? drawSummary(summary) : drawn!.total;
    drawn = { key, total };
    field<HTMLSelectElement>('sort').value = state.sort;
    drawTable($(root, 'tbody'), rows, columns(), cellText);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    $<HTMLElement>(root, '.explorer-page').textContent = `Page ${state.page.toLocaleString('en-US')} of ${pages.toLocaleString('en-US')}`;
    $<HTMLButtonElement>(root, '[data-page="prev"]').disabled = state.page <= 1;
    $<HTMLButtonElement>(root, '[data-page="next"]').disabled = state.page >= pages;
    status.textContent = '';
    // The first results: drawn here, painted just after the next frame (rAF runs before the paint; the task after it, once painted).
    if (!shownOnce) requestAnimationFrame(() => setTimeout(() => mark('first-paint')));
    mark(shownOnce ? 'drawn' : 'first-results');
    shownOnce = true;
    document.documentElement.dataset.explorerReady = String(rows.length);
    void copyRows();
  };

  const update = (change: Partial<Omit<ExplorerState, 'page'>>) => {
    state = withFilter(state, change);
    void render();
  };

  /** Explores the other table: its files fetched (only now), its explore table built in the same database, the filters cleared (they are the other table's). */
  const switchTable = async (name: TableName) => {
    if (!config.tables[name] || name === schema.table!.name) return;
    generation++;
    delete document.documentElement.dataset.explorerReady;
    const inputs = [...(switchBox?.querySelectorAll('input') ?? [])] as HTMLInputElement[];
    for (const input of inputs) input.disabled = true;
    status.textContent = `Loading the ${name}…`;
    try {
      // The copy of the current table's rows ends first: its last statement points the explore view at them.
      await copied?.done;
      schema = await prepareTable(engine, config, name, fetchTable(config, name));
    } catch (error) {
      status.textContent = `The ${name} could not be loaded: ${error instanceof Error ? error.message : String(error)}.`;
      for (const input of inputs) input.disabled = false;
      showTable();
      return;
    }
    for (const input of inputs) input.disabled = false;
    state = { ...DEFAULT_STATE, table: name };
    drawn = null;
    showTable();
    await render();
  };

  form.addEventListener('change', (event) => {
    const el = event.target as HTMLInputElement | HTMLSelectElement;
    if (el.name === 'q' || el.name === 'author') return;
    if (el.name === 'table') return void switchTable(el.value as TableName);
    if (el.name === 'from' || el.name === 'to') return update({ [el.name]: el.value ? instantFromWallInput(el.value, config.zone) : undefined });
    if (el.name === 'segment') {
      const [segmentField, segment] = el.value ? (JSON.parse(el.value) as [string, string]) : [undefined, undefined];
      return update({ segmentField, segment });
    }
    update({ [el.name]: el.value || undefined });
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    update({ q: field<HTMLInputElement>('q').value.trim() || undefined, author: field<HTMLInputElement>('author').value.trim() || undefined });
  });
  root.addEventListener('click', async (event) => {
    const button = (event.target as Element).closest('button');
    if (!button) return;
    if (button.dataset.page) {
      state = { ...state, page: state.page + (button.dataset.page === 'next' ? 1 : -1) };
      void render();
    } else if (button.dataset.action === 'reset') {
      state = { ...DEFAULT_STATE, ...(state.table ? { table: state.table } : {}) };
      void render();
    } else if (button.dataset.action === 'whole-time') {
      update({ from: undefined, to: undefined });
    } else if (button.dataset.action === 'peak') {
      delete document.documentElement.dataset.explorerReady;
      const [peak] = await engine.query<{ t: number }>(peakQuery(state, schema));
      if (peak) update({ from: new Date(peak.t).toISOString(), to: new Date(peak.t + config.bucketMs).toISOString() });
      else document.documentElement.dataset.explorerReady = '0';
    } else if (button.dataset.action === 'download') {
      const rows = await engine.query<MessageRow>(downloadQuery(state, schema));
      const header = rows.length ? Object.keys(rows[0]!) : ['id'];
      const csv = [...csvChunks(header, rows.length, (i) => header.map((h) => rows[i]![h] ?? null))].join('');
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      a.download = `${noun()}-filtered.csv`;
      a.click();
    }
  });
  await render();
}
