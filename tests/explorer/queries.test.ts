/**
 * The explorer's SQL, run on a real bundle's messages table (the site
 * fixture, analysed) and checked against the same filters applied to the
 * rows in JavaScript.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeDirectory } from '../../src/cli/analyze.ts';
import type { Engine } from '../../src/analysis/engine/engine.ts';
import { openNodeEngine } from '../../src/node/duckdb-node.ts';
import { countQuery, facetQuery, PAGE_SIZE, peakQuery, rowsQuery, timelineQuery, whereClause } from '../../src/explorer/queries.ts';
import { DEFAULT_STATE, type ExplorerState } from '../../src/explorer/state.ts';
import { FIXTURE_SLUG, HOSTILE, writeFixtureCrisis } from '../site/fixture-crisis.ts';

type Msg = { id: string; created_at: number; author: string; is_brand: boolean; channel: string; text: string; sentiment: string | null; themes: string | null; fault: string | null };

let engine: Engine;
let rows: Msg[];
let columns: Set<string>;

beforeAll(async () => {
  const root = writeFixtureCrisis();
  const out = mkdtempSync(path.join(os.tmpdir(), 'debrief-explorer-'));
  const analysed = await analyzeDirectory(path.join(root, FIXTURE_SLUG), { out, quiet: true, cacheDir: null });
  await analysed.engine.close();
  const ipc = readFileSync(path.join(out, 'messages.arrow'));
  const table = tableFromIPC(ipc);
  columns = new Set(table.schema.fields.map((f) => f.name));
  rows = [...table].map((r) => {
    const o = r!.toJSON() as Record<string, unknown>;
    return { ...o, created_at: Number(o.created_at) } as Msg;
  });
  engine = await openNodeEngine();
  await engine.loadArrow('messages', new Uint8Array(ipc));
}, 120_000);

afterAll(async () => engine?.close());

const matches = (s: ExplorerState) => (m: Msg) =>
  (!s.from || m.created_at >= Date.parse(s.from)) &&
  (!s.to || m.created_at < Date.parse(s.to)) &&
  (!s.channel || m.channel === s.channel) &&
  (!s.sentiment || m.sentiment === s.sentiment) &&
  (!s.theme || (m.themes ?? '').split(';').includes(s.theme)) &&
  (!s.fault || (m.fault ?? '').split(';').includes(s.fault)) &&
  (!s.who || m.is_brand === (s.who === 'brand')) &&
  (s.q ?? '').split(/\s+/).filter(Boolean).every((w) => m.text.toLowerCase().includes(w.toLowerCase()));

const count = async (s: ExplorerState) => (await engine.query<{ messages: number }>(countQuery(s, columns)))[0]!.messages;

describe('explorer queries', () => {
  it('the fixture exercises every filter', () => {
    expect(rows.length).toBeGreaterThan(150);
    expect(rows.some((m) => m.fault)).toBe(true);
    expect(rows.some((m) => m.themes)).toBe(true);
    expect(new Set(rows.map((m) => m.channel)).size).toBe(2);
  });

  it('counts what the same filters select in JavaScript, alone and combined', async () => {
    const fault = rows.find((m) => m.fault)!.fault!.split(';')[0]!;
    const theme = rows.find((m) => m.themes)!.themes!.split(';')[0]!;
    const mid = new Date(rows[Math.floor(rows.length / 2)]!.created_at).toISOString();
    const states: ExplorerState[] = [
      DEFAULT_STATE,
      { ...DEFAULT_STATE, channel: 'facebook' },
      { ...DEFAULT_STATE, who: 'brand' },
      { ...DEFAULT_STATE, who: 'customer', sentiment: 'negative' },
      { ...DEFAULT_STATE, fault },
      { ...DEFAULT_STATE, theme },
      { ...DEFAULT_STATE, from: mid },
      { ...DEFAULT_STATE, to: mid, channel: 'twitter' },
      { ...DEFAULT_STATE, q: 'WIDGET dead' },
      { ...DEFAULT_STATE, q: '100%_' },
      { ...DEFAULT_STATE, fault, from: mid, who: 'customer', q: 'widget' },
    ];
    for (const s of states) expect(await count(s), JSON.stringify(s)).toBe(rows.filter(matches(s)).length);
  });

  it('quotes hostile values: a filter is data, never SQL', async () => {
    const s = { ...DEFAULT_STATE, channel: "x' OR '1'='1", q: "'; DROP TABLE messages; --" };
    expect(await count(s)).toBe(0);
    expect(whereClause(s, columns)).toContain("channel = 'x'' OR ''1''=''1'");
    expect(await count(DEFAULT_STATE)).toBe(rows.length);
    expect(await count({ ...DEFAULT_STATE, q: HOSTILE.script.slice(0, 20) })).toBe(rows.filter((m) => m.text.includes(HOSTILE.script.slice(0, 20))).length);
  });

  it('pages and sorts over the whole filtered set', async () => {
    const s = { ...DEFAULT_STATE, who: 'customer' as const };
    const all = rows.filter(matches(s)).sort((a, b) => a.created_at - b.created_at || a.id.localeCompare(b.id));
    const page2 = await engine.query<{ id: string }>(rowsQuery({ ...s, page: 2 }, columns));
    expect(page2.map((r) => r.id)).toEqual(all.slice(PAGE_SIZE, 2 * PAGE_SIZE).map((m) => m.id));
    const newest = await engine.query<{ id: string }>(rowsQuery({ ...s, sort: '-time' }, columns));
    expect(newest[0]!.id).toBe(all.at(-1)!.id);
  });

  it('timeline buckets and facets add up to the filtered count; the peak is the fullest bucket', async () => {
    const hour = 3_600_000;
    const s = { ...DEFAULT_STATE, who: 'customer' as const };
    const buckets = await engine.query<{ t: number; sentiment: string; n: number }>(timelineQuery(s, columns, hour));
    expect(buckets.reduce((a, b) => a + b.n, 0)).toBe(await count(s));
    const perHour = new Map<number, number>();
    for (const m of rows.filter(matches(s))) perHour.set(Math.floor(m.created_at / hour) * hour, (perHour.get(Math.floor(m.created_at / hour) * hour) ?? 0) + 1);
    const [peak] = await engine.query<{ t: number; n: number }>(peakQuery(s, columns, hour));
    expect(peak!.n).toBe(Math.max(...perHour.values()));
    const channels = await engine.query<{ value: string; n: number }>(facetQuery('channel', { ...s, channel: 'twitter' }, columns));
    // A facet ignores its own filter: both channels stay listed.
    expect(channels.map((c) => c.value).sort()).toEqual(['facebook', 'twitter']);
    expect(channels.reduce((a, c) => a + c.n, 0)).toBe(await count(s));
  });
});
