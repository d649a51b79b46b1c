/**
 * The explorer in the browser: DuckDB-WASM (served by the site, in parts)
 * loads the crisis's messages table; each filter change runs the two queries
 * of queries.ts and redraws the counts, the filters' options, the charts, the
 * timeline and one page of the message table. The view state lives in the
 * URL (state.ts).
 *
 * Start-up overlaps what it can: the page preloads DuckDB's module
 * (index.astro), DuckDB compiles it while the table downloads, and the table
 * is loaded once, with every derived column the filters need. Marks
 * (`explorer:…`) time each step for bench/explorer.ts.
 */
import { openBrowserEngine } from '../browser/duckdb-browser.ts';
import type { Engine } from '../analysis/engine/engine.ts';
import { csvChunks } from '../analysis/report/messages-csv.ts';
import { formatDateTime } from '../site/format.ts';
import { columnValueText, type ValueLabels } from '../site/labels.ts';
import { drawBars, drawTable, drawTimeline, fillSegments, fillSelect, type MessageRow } from './explorer-view.ts';
import { joinParts } from './parts.ts';
import { downloadQuery, exploreTableSql, facets, PAGE_SIZE, peakQuery, rowsQuery, summaryQuery, type ExploreSchema, type SummaryRow } from './queries.ts';
import { instantFromWallInput, wallInputValue } from './range.ts';
import { parseState, stateQuery, withFilter, type ExplorerState } from './state.ts';

interface Config {
  arrow: string[];
  /** Parts of message_attributes.arrow: only when a segment is an attribute of the messages. */
  attributes: string[];
  wasm: string[];
  worker: string;
  zone: string;
  bucketMs: number;
  /** Theme and fault ids → labels (the report's), for {@link columnValueText}. */
  labels: { themes: Record<string, string>; faults: Record<string, string> };
  /** The report's message breakdowns: field, and the segments section's SQL of each message's segment. */
  segments: { field: string; sql: string }[];
}

const $ = <T extends HTMLElement>(root: ParentNode, selector: string) => root.querySelector(selector) as T;
const mark = (name: string) => performance.mark(`explorer:${name}`);

/** A file of the site; a failure names the file. */
async function fetchOk(url: string): Promise<Response> {
  const r = await fetch(url).catch((error: unknown) => {
    throw new Error(`${url}: ${error instanceof Error ? error.message : String(error)}`);
  });
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r;
}

/** Each part of a file served in parts, as bytes. */
function fetchEachPart(urls: readonly string[]): Promise<Uint8Array<ArrayBuffer>[]> {
  return Promise.all(
    urls.map(async (u) => {
      const r = await fetchOk(u);
      try {
        return new Uint8Array(await r.arrayBuffer());
      } catch (error) {
        throw new Error(`${u}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
}

/** A file served in parts, as bytes. */
async function fetchParts(urls: readonly string[]): Promise<Uint8Array<ArrayBuffer>> {
  return joinParts(await fetchEachPart(urls));
}

/**
 * DuckDB's module from its parts, as a Blob URL: the Blob joins the parts'
 * bytes (no 33 MB copy here). Not the responses' own Blobs: a Blob made of
 * those failed to load in the worker now and then ("Failed to fetch").
 */
async function wasmUrl(urls: readonly string[]): Promise<string> {
  return URL.createObjectURL(new Blob(await fetchEachPart(urls), { type: 'application/wasm' }));
}

/**
 * Starts DuckDB and loads the explore table. DuckDB's module comes first
 * (the page preloads it), alone: compiling it is the longest step, and it
 * starts only once every byte is here; the table downloads while it compiles.
 */
async function openDatabase(config: Config): Promise<{ engine: Engine; schema: ExploreSchema }> {
  const wasm = await wasmUrl(config.wasm);
  mark('wasm-fetched');
  const arrow = fetchParts(config.arrow);
  const attributes = config.attributes.length ? fetchParts(config.attributes) : null;
  // A failed download is reported once the engine is up (or has failed): never an unhandled rejection.
  arrow.catch(() => undefined);
  attributes?.catch(() => undefined);
  const engine = await openBrowserEngine({ wasmUrl: wasm, workerUrl: new URL(config.worker, location.href).href });
  mark('engine-ready');
  await engine.loadArrow('messages', await arrow);
  if (attributes) await engine.loadArrow('message_attributes', await attributes);
  mark('table-loaded');
  const columns = new Set((await engine.query<{ column_name: string }>('DESCRIBE messages')).map((c) => c.column_name));
  await engine.exec(exploreTableSql(columns, config.segments.map((s) => s.sql), config.bucketMs));
  // The explore table has every column of messages: the bundle's tables are not needed any more.
  await engine.exec('DROP TABLE messages');
  if (attributes) await engine.exec('DROP TABLE message_attributes');
  mark('table-prepared');
  return { engine, schema: { columns, segmentFields: config.segments.map((s) => s.field), bucketMs: config.bucketMs } };
}

/** Starts the explorer in `root` (the page's `[data-explorer]` element). */
export async function startExplorer(root: HTMLElement): Promise<void> {
  mark('module');
  const config = JSON.parse(root.dataset.explorer!) as Config;
  const status = $<HTMLElement>(root, '.explorer-status');
  // Opened from disk, this module never runs: the page's inline script says why.
  status.textContent = 'Loading the database and the messages…';
  let engine: Engine;
  let schema: ExploreSchema;
  try {
    ({ engine, schema } = await openDatabase(config));
  } catch (error) {
    status.textContent = `The explorer could not start: ${error instanceof Error ? error.message : String(error)}. The other pages of this report work without it.`;
    return;
  }
  const form = $<HTMLFormElement>(root, 'form');
  const field = <T extends Element>(name: string) => form.elements.namedItem(name) as unknown as T;
  let state = parseState(location.search);
  // Ids read as the static pages write them (labels.ts): the report's labels, else the id in words.
  const labels: ValueLabels = { themes: new Map(Object.entries(config.labels.themes)), faults: new Map(Object.entries(config.labels.faults)), steps: new Map() };
  const label = (column: string, value: string) => (column === 'themes' || column === 'fault' ? columnValueText(column, value, labels) : value);
  const labelOf: Record<string, (v: string) => string> = { channel: (v) => v, sentiment: (v) => v, theme: (v) => label('themes', v), fault: (v) => label('fault', v) };
  // As the static pages write times: 24-hour, in the crisis's zone, with its abbreviation.
  const when = (t: string | number) => formatDateTime(typeof t === 'string' ? Date.parse(t) : t, config.zone);
  const tick = (d: Date) => when(d.getTime()).replace(/ \S+$/, '');

  const charts = [
    { key: 'sentiment', title: 'Sentiment', empty: schema.columns.has('sentiment') ? 'No labelled messages in this view.' : 'Not measurable: this crisis has no sentiment labels.' },
    { key: 'theme', title: 'Top themes', empty: schema.columns.has('themes') ? 'No themes in this view.' : 'Not measurable: this crisis has no themes.' },
    { key: 'fault', title: 'Top faults', empty: schema.columns.has('fault') ? 'No faults in this view.' : 'Not measurable: this crisis has no fault taxonomy.' },
  ] as const;
  const timelineBox = $<HTMLElement>(root, '.explorer-timeline');
  const chartBoxes = charts.map((c) => $<HTMLElement>(root, `[data-chart="${c.key}"]`));

  /** Redraws what depends on the filters only: the count, the filters' options, the charts and the timeline. */
  const drawSummary = (summary: SummaryRow[]) => {
    // Measured before anything is redrawn: one layout, not one per chart.
    const widths = { timeline: timelineBox.clientWidth, chart: chartBoxes[0]!.clientWidth };
    const of = (kind: string) => summary.filter((r) => r.kind === kind).map((r) => ({ value: String(r.value), n: r.n }));
    const total = summary.find((r) => r.kind === 'count')!.n;
    const brand = summary.find((r) => r.kind === 'brand')!.n;
    const segments: { field: string; options: { value: string; n: number }[] }[] = [];
    for (const f of facets(schema)) {
      if (f.key.startsWith('segment:')) segments.push({ field: f.key.slice(8), options: of(`facet:${f.key}`) });
      else fillSelect(field<HTMLSelectElement>(f.key), of(`facet:${f.key}`), state[f.key as 'channel'], labelOf[f.key]!);
    }
    if (segments.length) fillSegments(field<HTMLSelectElement>('segment'), segments, { field: state.segmentField, value: state.segment });
    for (const key of ['q', 'author'] as const) field<HTMLInputElement>(key).value = state[key] ?? '';
    for (const key of ['from', 'to'] as const) field<HTMLInputElement>(key).value = state[key] ? wallInputValue(state[key], config.zone) : '';
    field<HTMLSelectElement>('who').value = state.who ?? '';
    const range = state.from || state.to ? ` from ${state.from ? when(state.from) : 'the start'} to ${state.to ? when(state.to) : 'the end'}` : '';
    $<HTMLElement>(root, '.explorer-count').textContent = `${total.toLocaleString('en-US')} messages (${brand.toLocaleString('en-US')} from the brand)${range}.`;
    // A chart whose own filter is off counts like its select: the facet's rows serve both.
    const bars = (key: 'sentiment' | 'theme' | 'fault') => (summary.some((r) => r.kind === `chart:${key}`) ? of(`chart:${key}`) : of(`facet:${key}`)).map((b) => ({ ...b, label: labelOf[key]!(b.value) }));
    charts.forEach((c, i) => drawBars(chartBoxes[i]!, widths.chart, c.key, bars(c.key), total, c.title, c.empty, (value) => update({ [c.key]: value })));
    const time = summary.filter((r) => r.kind === 'time').map((r) => ({ t: r.t!, sentiment: String(r.value), n: r.n }));
    drawTimeline(timelineBox, widths.timeline, time, config.bucketMs, state, tick, `Messages over time by sentiment${range || ', the whole crisis'}`, (r) => update(r));
    return total;
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
    const key = stateQuery({ ...state, sort: 'time', page: 1 });
    const same = drawn?.key === key;
    const [summary, rows] = await Promise.all([same ? null : engine.query<SummaryRow>(summaryQuery(state, schema)), engine.query<MessageRow>(rowsQuery(state, schema))]);
    if (mine !== generation) return;
    mark('queried');
    const total = summary ? drawSummary(summary) : drawn!.total;
    drawn = { key, total };
    field<HTMLSelectElement>('sort').value = state.sort;
    drawTable($(root, 'tbody'), rows, when, (r) => [label('themes', String(r.themes ?? '')), label('fault', String(r.fault ?? ''))].filter(Boolean).join(' · '));
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    $<HTMLElement>(root, '.explorer-page').textContent = `Page ${state.page.toLocaleString('en-US')} of ${pages.toLocaleString('en-US')}`;
    $<HTMLButtonElement>(root, '[data-page="prev"]').disabled = state.page <= 1;
    $<HTMLButtonElement>(root, '[data-page="next"]').disabled = state.page >= pages;
    status.textContent = '';
    mark(shownOnce ? 'drawn' : 'first-results');
    shownOnce = true;
    document.documentElement.dataset.explorerReady = String(rows.length);
  };

  const update = (change: Partial<Omit<ExplorerState, 'page'>>) => {
    state = withFilter(state, change);
    void render();
  };

  form.addEventListener('change', (event) => {
    const el = event.target as HTMLInputElement | HTMLSelectElement;
    if (el.name === 'q' || el.name === 'author') return;
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
      state = parseState('');
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
      a.download = 'messages-filtered.csv';
      a.click();
    }
  });
  await render();
}
