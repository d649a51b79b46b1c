/**
 * The explorer in the browser: DuckDB-WASM (served by the site, in parts)
 * loads the crisis's messages table; each filter change runs the queries of
 * queries.ts and redraws the counts, the timeline, the facets and one page of
 * the message table. The view state lives in the URL (state.ts). Texts are
 * set as text, never as HTML: they are untrusted.
 */
import * as Plot from '@observablehq/plot';
import { openBrowserEngine } from '../browser/duckdb-browser.ts';
import type { Engine } from '../analysis/engine/engine.ts';
import { csvChunks } from '../analysis/report/messages-csv.ts';
import { formatDateTime } from '../site/format.ts';
import { columnValueText, type ValueLabels } from '../site/labels.ts';
import { joinParts } from './parts.ts';
import { countQuery, facetQuery, PAGE_SIZE, peakQuery, rowsQuery, timelineQuery, whereClause } from './queries.ts';
import { parseState, stateQuery, withFilter, type ExplorerState } from './state.ts';

interface Config {
  arrow: string[];
  wasm: string[];
  worker: string;
  zone: string;
  bucketMs: number;
  /** Theme and fault ids → labels (the report's), for {@link columnValueText}. */
  labels: { themes: Record<string, string>; faults: Record<string, string> };
}

const $ = <T extends HTMLElement>(root: ParentNode, selector: string) => root.querySelector(selector) as T;

async function fetchParts(urls: readonly string[]): Promise<Uint8Array<ArrayBuffer>> {
  const parts = await Promise.all(urls.map(async (u) => {
    const r = await fetch(u);
    if (!r.ok) throw new Error(`${u}: HTTP ${r.status}`);
    return new Uint8Array(await r.arrayBuffer());
  }));
  return joinParts(parts);
}

/** Starts the explorer in `root` (the page's `[data-explorer]` element). */
export async function startExplorer(root: HTMLElement): Promise<void> {
  const config = JSON.parse(root.dataset.explorer!) as Config;
  const status = $<HTMLElement>(root, '.explorer-status');
  // Opened from disk, this module never runs: the page's inline script says why.
  status.textContent = 'Loading the database and the messages…';
  let engine: Engine;
  try {
    const [wasm, arrow] = await Promise.all([fetchParts(config.wasm), fetchParts(config.arrow)]);
    const wasmUrl = URL.createObjectURL(new Blob([wasm], { type: 'application/wasm' }));
    engine = await openBrowserEngine({ wasmUrl, workerUrl: new URL(config.worker, location.href).href });
    await engine.loadArrow('messages', arrow);
  } catch (error) {
    status.textContent = `The explorer could not start: ${error instanceof Error ? error.message : String(error)}. The other pages of this report work without it.`;
    return;
  }
  const columns = new Set((await engine.query<{ column_name: string }>('DESCRIBE messages')).map((c) => c.column_name));
  const form = $<HTMLFormElement>(root, 'form');
  let state = parseState(location.search);
  // Ids read as the static pages write them (labels.ts): the report's labels, else the id in words.
  const labels: ValueLabels = { themes: new Map(Object.entries(config.labels.themes)), faults: new Map(Object.entries(config.labels.faults)), steps: new Map() };
  const label = (column: string, value: string) => (column === 'themes' || column === 'fault' ? columnValueText(column, value, labels) : value);
  // As the static pages write times: 24-hour, in the crisis's zone, with its abbreviation.
  const when = (t: string | number) => formatDateTime(typeof t === 'string' ? Date.parse(t) : t, config.zone);

  const fillSelect = (name: string, column: string, options: { value: string; n: number }[], current: string | undefined) => {
    const select = form.elements.namedItem(name) as HTMLSelectElement;
    select.replaceChildren(new Option('All', ''));
    for (const o of options) select.add(new Option(`${label(column, o.value)} (${o.n.toLocaleString('en-US')})`, o.value));
    if (current && !options.some((o) => o.value === current)) select.add(new Option(`${label(column, current)} (0)`, current));
    select.value = current ?? '';
  };

  // Each render has a number: a slower, older one never paints over a newer one.
  let generation = 0;
  const render = async () => {
    const mine = ++generation;
    const stale = () => mine !== generation;
    delete document.documentElement.dataset.explorerReady;
    history.replaceState(null, '', stateQuery(state) || location.pathname);
    const [counts] = await engine.query<{ messages: number; brand: number }>(countQuery(state, columns));
    if (stale()) return;
    const total = counts!.messages;
    for (const [name, column] of [['channel', 'channel'], ['sentiment', 'sentiment'], ['theme', 'themes'], ['fault', 'fault']] as const) {
      if (!columns.has(column)) continue;
      const options = await engine.query<{ value: string; n: number }>(facetQuery(column, state, columns));
      if (stale()) return;
      fillSelect(name, column, options, state[name]);
    }
    for (const key of ['q', 'author'] as const) (form.elements.namedItem(key) as HTMLInputElement).value = state[key] ?? '';
    (form.elements.namedItem('who') as HTMLSelectElement).value = state.who ?? '';
    (form.elements.namedItem('sort') as HTMLSelectElement).value = state.sort;
    const range = state.from || state.to ? ` from ${state.from ? when(state.from) : 'the start'} to ${state.to ? when(state.to) : 'the end'}` : '';
    $<HTMLElement>(root, '.explorer-count').textContent = `${total.toLocaleString('en-US')} messages (${counts!.brand.toLocaleString('en-US')} from the brand)${range}.`;
    const buckets = await engine.query<{ t: number; sentiment: string; n: number }>(timelineQuery(state, columns, config.bucketMs));
    const rows = await engine.query<Record<string, string | number | boolean | null>>(rowsQuery(state, columns));
    if (stale()) return;
    drawTimeline(buckets);
    drawTable(rows);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    $<HTMLElement>(root, '.explorer-page').textContent = `Page ${state.page.toLocaleString('en-US')} of ${pages.toLocaleString('en-US')}`;
    $<HTMLButtonElement>(root, '[data-page="prev"]').disabled = state.page <= 1;
    $<HTMLButtonElement>(root, '[data-page="next"]').disabled = state.page >= pages;
    status.textContent = '';
    document.documentElement.dataset.explorerReady = String(rows.length);
  };

  const drawTimeline = (buckets: { t: number; sentiment: string; n: number }[]) => {
    const box = $<HTMLElement>(root, '.explorer-timeline');
    const width = Math.max(320, Math.min(box.clientWidth || 900, 1200));
    const chart = Plot.plot({
      width,
      height: 180,
      marginLeft: 44,
      style: { fontSize: '12px', background: 'transparent' },
      x: { type: 'utc', label: null, ticks: Math.max(2, Math.floor(width / 130)), tickFormat: (d: Date) => formatDateTime(d.getTime(), config.zone).replace(/ \S+$/, '') },
      y: { label: 'Messages', grid: true },
      color: { domain: ['negative', 'neutral', 'positive', 'unlabelled'], range: ['var(--c-neg)', 'var(--c-neu)', 'var(--c-pos)', 'var(--line)'], legend: true },
      marks: [Plot.rectY(buckets, { x1: (d) => new Date(d.t), x2: (d) => new Date(d.t + config.bucketMs), y: 'n', fill: 'sentiment', title: (d) => `${when(d.t)}: ${d.n} ${d.sentiment}` })],
    });
    // A click on a bar narrows the view to its bucket.
    chart.addEventListener('click', (event) => {
      const rect = (event.target as Element).closest('rect');
      const i = rect ? [...chart.querySelectorAll('g[aria-label="rect"] rect')].indexOf(rect) : -1;
      const bucket = i >= 0 ? buckets[i] : undefined;
      if (bucket) update({ from: new Date(bucket.t).toISOString(), to: new Date(bucket.t + config.bucketMs).toISOString() });
    });
    box.replaceChildren(chart);
  };

  const drawTable = (rows: Record<string, string | number | boolean | null>[]) => {
    const body = $<HTMLTableSectionElement>(root, 'tbody');
    body.replaceChildren(...rows.map((r) => {
      const tr = document.createElement('tr');
      const cell = (text: string, cls?: string) => {
        const td = document.createElement('td');
        td.textContent = text;
        if (cls) td.className = cls;
        tr.append(td);
      };
      cell(String(r.text ?? ''), 'msg-text');
      cell(when(Number(r.created_at)), 'due');
      cell(`${r.author ?? ''}${r.is_brand ? ' (brand)' : ''}`);
      cell(String(r.channel ?? ''));
      cell(r.sentiment ? String(r.sentiment) : '–');
      cell([label('themes', String(r.themes ?? '')), label('fault', String(r.fault ?? ''))].filter(Boolean).join(' · ') || '–');
      return tr;
    }));
  };

  const update = (change: Partial<Omit<ExplorerState, 'page'>>) => {
    state = withFilter(state, change);
    void render();
  };

  form.addEventListener('change', (event) => {
    const el = event.target as HTMLInputElement | HTMLSelectElement;
    if (el.name === 'q' || el.name === 'author') return;
    update({ [el.name]: el.value || undefined });
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    update({ q: (form.elements.namedItem('q') as HTMLInputElement).value.trim() || undefined, author: (form.elements.namedItem('author') as HTMLInputElement).value.trim() || undefined });
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
    } else if (button.dataset.action === 'peak') {
      delete document.documentElement.dataset.explorerReady;
      const [peak] = await engine.query<{ t: number }>(peakQuery(state, columns, config.bucketMs));
      if (peak) update({ from: new Date(peak.t).toISOString(), to: new Date(peak.t + config.bucketMs).toISOString() });
    } else if (button.dataset.action === 'download') {
      const rows = await engine.query<Record<string, string | number | boolean | null>>(`SELECT * EXCLUDE (created_at), strftime(created_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS created_at FROM messages WHERE ${whereClause(state, columns)} ORDER BY created_at, id`);
      const header = rows.length ? Object.keys(rows[0]!) : ['id'];
      const csv = [...csvChunks(header, rows.length, (i) => header.map((h) => rows[i]![h] ?? null))].join('');
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      a.download = `messages-filtered.csv`;
      a.click();
    }
  });
  await render();
}
