/**
 * The explorer's SQL, run on a real bundle's tables (the site fixture with
 * two message segment fields — a canonical field and a kept attribute — and
 * tickets with a case attribute segment, analysed) and checked against the
 * same filters applied to the rows in JavaScript, and a message's or a
 * case's segment against the report's own segments section.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine, Row } from '../../src/analysis/engine/engine.ts';
import type { ReportModel } from '../../src/analysis/report/report-model.ts';
import { analyzeDirectory } from '../../src/cli/analyze.ts';
import { dateOnly } from '../../src/analysis/crisis/buckets.ts';
import { downloadQuery, exploreTableSql, exploreViewSql, lowerTextSql, materializeSql, tableFacts, tableFactsSql, timeCountsSql, PAGE_SIZE, peakQuery, rowsQuery, summaryQuery, whereClause, type ExploreSchema, type SummaryRow } from '../../src/explorer/queries.ts';
import { messageSegments, tableSegments } from '../../src/explorer/segments.ts';
import { DEFAULT_STATE, type ExplorerState } from '../../src/explorer/state.ts';
import { CASES_TABLE, MESSAGES_TABLE, shownColumns } from '../../src/explorer/tables.ts';
import { openNodeEngine } from '../../src/node/duckdb-node.ts';
import { FIXTURE_SLUG, HOSTILE, writeFixtureCrisis } from '../site/fixture-crisis.ts';

type Msg = { id: string; created_at: number; author: string; is_brand: boolean; inbound: boolean; channel: string; text: string; sentiment: string | null; themes: string | null; fault: string | null };

type Case = { id: string; opened_at: number; channel: string | null; status: string | null; category: string | null; product: string | null; company: string | null; text: string | null; themes: string | null; fault: string | null };

let engine: Engine;
let casesEngine: Engine;
let cases: Case[];
let casesSchema: ExploreSchema;
let casesIpc: Buffer;
let messagesIpc: Buffer;
let messageAttributesIpc: Buffer;
let casesAttributesIpc: Buffer;
let caseSegments: ReturnType<typeof tableSegments>;
let rows: Msg[];
let schema: ExploreSchema;
let report: ReportModel;
const HOUR = 3_600_000;
const REGIONS = ['north', 'south', '', 'west'];
const TIERS = ['gold', 'silver', '', 'silver', 'bronze'];
const STATUSES = ['open', 'closed', 'pending', 'closed'];
const CATEGORIES = ['Billing', 'Hardware', '', 'App'];
const CASE_TEXTS = ['my widget is dead since Monday', 'I was charged twice for one widget', 'widget broken after the update', 'how do I reset the app?', ''];
/** Intake channels of the tickets, by i % 7: several, so the cases offer a channel filter. */
const CASE_CHANNELS = ['web', 'web', 'phone', 'web', 'email', 'phone', 'web'];

/** Tickets over the fixture's crisis: 90 cases, some fields empty, a kept attribute `tier` (some without one). */
function ticketsCsv(): string {
  const start = Date.UTC(2024, 2, 4, 0, 0);
  const lines = ['id,opened_at,status,category,product,company,channel,text,tier'];
  for (let i = 0; i < 90; i++) {
    const t = start + Math.floor((i * 54 * HOUR) / 90) + (i % 7) * 60_000;
    lines.push([`T${1000 + i}`, new Date(t).toISOString(), STATUSES[i % 4], CATEGORIES[i % 4], i % 3 ? 'Widget' : 'Widget Pro', i % 5 ? 'WidgetCo' : '', CASE_CHANNELS[i % 7], `"${CASE_TEXTS[i % 5]}"`, TIERS[i % 5]].join(','));
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  const root = writeFixtureCrisis();
  const dir = path.join(root, FIXTURE_SLUG);
  // Segments by a canonical field and by a kept attribute (some messages without one: "(none)").
  const yaml = readFileSync(path.join(dir, 'crisis.yaml'), 'utf8').replace('    format: generic\n', '    format: generic\n    attributes: [region]\n  - file: tickets.csv\n    format: generic\n    table: cases\n    attributes: [tier]\n');
  writeFileSync(path.join(dir, 'crisis.yaml'), `${yaml}segments: [channel, region, tier]\n`);
  writeFileSync(path.join(dir, 'tickets.csv'), ticketsCsv());
  const csv = readFileSync(path.join(dir, 'messages.csv'), 'utf8').trimEnd().split('\n');
  writeFileSync(path.join(dir, 'messages.csv'), `${csv.map((line, i) => `${line},${i === 0 ? 'region' : REGIONS[i % 4]}`).join('\n')}\n`);
  const out = mkdtempSync(path.join(os.tmpdir(), 'debrief-explorer-'));
  const analysed = await analyzeDirectory(dir, { out, quiet: true, cacheDir: null });
  await analysed.engine.close();
  report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as ReportModel;
  const ipc = readFileSync(path.join(out, 'messages.arrow'));
  const table = tableFromIPC(ipc);
  rows = [...table].map((r) => {
    const o = r!.toJSON() as Record<string, unknown>;
    return { ...o, created_at: Number(o.created_at) } as Msg;
  });
  engine = await openNodeEngine();
  messagesIpc = ipc;
  messageAttributesIpc = readFileSync(path.join(out, 'message_attributes.arrow'));
  await engine.loadArrow('messages', new Uint8Array(ipc));
  await engine.loadArrow('message_attributes', new Uint8Array(messageAttributesIpc));
  const columns = new Set(table.schema.fields.map((f) => f.name));
  const segments = messageSegments(report);
  await engine.exec(exploreTableSql(columns, segments.map((s) => s.sql), HOUR));
  schema = { columns, segmentFields: segments.map((s) => s.field), bucketMs: HOUR };
  // The cases, in a database of their own: the explorer explores one table at a time.
  casesIpc = readFileSync(path.join(out, 'cases.arrow'));
  const casesTable = tableFromIPC(casesIpc);
  cases = [...casesTable].map((r) => {
    const o = r!.toJSON() as Record<string, unknown>;
    return { ...o, opened_at: Number(o.opened_at) } as Case;
  });
  casesEngine = await openNodeEngine();
  await casesEngine.loadArrow('cases', new Uint8Array(casesIpc));
  casesAttributesIpc = readFileSync(path.join(out, 'case_attributes.arrow'));
  await casesEngine.loadArrow('case_attributes', new Uint8Array(casesAttributesIpc));
  const caseColumns = new Set(casesTable.schema.fields.map((f) => f.name));
  caseSegments = tableSegments(report, 'cases');
  await casesEngine.exec(exploreTableSql(caseColumns, caseSegments.map((s) => s.sql), HOUR, CASES_TABLE));
  casesSchema = { table: CASES_TABLE, columns: caseColumns, segmentFields: caseSegments.map((s) => s.field), bucketMs: HOUR };
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await casesEngine?.close();
});

const matches = (s: ExplorerState) => (m: Msg) =>
  (!s.from || m.created_at >= Date.parse(s.from)) &&
  (!s.to || m.created_at < Date.parse(s.to)) &&
  (!s.channel || m.channel === s.channel) &&
  (!s.sentiment || m.sentiment === s.sentiment) &&
  (!s.theme || (m.themes ?? '').split(';').includes(s.theme)) &&
  (!s.fault || (m.fault ?? '').split(';').includes(s.fault)) &&
  (!s.who || m.is_brand === (s.who === 'brand')) &&
  (s.q ?? '').split(/\s+/).filter(Boolean).every((w) => m.text.toLowerCase().includes(w.toLowerCase()));

const summary = (s: ExplorerState) => engine.query<SummaryRow>(summaryQuery(s, schema));
/** The explore table's facts as the page reads them (explorer-database.ts). */
const facts = async (e: Engine, sch: ExploreSchema) => tableFacts((await e.query(tableFactsSql(sch)))[0]);
const count = async (s: ExplorerState) => (await summary(s)).find((r) => r.kind === 'count')!.n;
const kind = (rs: SummaryRow[], k: string) => rs.filter((r) => r.kind === k).map((r) => [r.value, r.n] as const);

describe('explorer queries', () => {
  it('the fixture exercises every filter', () => {
    expect(rows.length).toBeGreaterThan(150);
    expect(rows.some((m) => m.fault)).toBe(true);
    expect(rows.some((m) => m.themes)).toBe(true);
    expect(new Set(rows.map((m) => m.channel)).size).toBe(2);
    expect(schema.segmentFields).toEqual(['channel', 'region']);
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

  it('searches the same before and after the texts are lower-cased into the table (at the first search)', async () => {
    const searches = ['WIDGET', 'widget dead', 'Ünïcode', 'zzz-nothing'].map((q) => ({ ...DEFAULT_STATE, q }));
    const before = await Promise.all(searches.map((s) => count(s)));
    // Built without it: most views never search.
    expect((await engine.query<{ column_name: string }>('DESCRIBE explore')).map((c) => c.column_name)).not.toContain('text_lower');
    for (const sql of lowerTextSql()) await engine.exec(sql);
    const lowered: ExploreSchema = { ...schema, textLowered: true };
    expect(whereClause(searches[0]!, lowered)).toContain('text_lower');
    for (const [i, s] of searches.entries()) {
      expect((await engine.query<SummaryRow>(summaryQuery(s, lowered))).find((r) => r.kind === 'count')!.n, s.q).toBe(before[i]);
      expect(before[i], s.q).toBe(rows.filter(matches(s)).length);
    }
    expect(before[0]).toBeGreaterThan(0);
  });

  it('answers the same on the view of the first results as on the rows copied after (the page queries both); the bundle tables may go once copied', async () => {
    const fresh = await openNodeEngine();
    try {
      await fresh.loadArrow('messages', new Uint8Array(messagesIpc));
      await fresh.loadArrow('message_attributes', new Uint8Array(messageAttributesIpc));
      const segments = messageSegments(report);
      await fresh.exec(exploreViewSql(schema.columns, segments.map((s) => s.sql), HOUR));
      const theme = rows.find((m) => m.themes)!.themes!.split(';')[0]!;
      const fault = rows.find((m) => m.fault)!.fault!.split(';')[0]!;
      const states: ExplorerState[] = [
        DEFAULT_STATE,
        { ...DEFAULT_STATE, theme, sort: '-time', page: 2 },
        { ...DEFAULT_STATE, fault, who: 'customer', sort: 'engagement' },
        { ...DEFAULT_STATE, segmentField: 'region', segment: 'north', q: 'widget' },
      ];
      const answers = async () => Promise.all(states.flatMap((s) => [fresh.query(summaryQuery(s, schema)), fresh.query(rowsQuery(s, schema)), fresh.query(downloadQuery(s, schema))]));
      // The facts read the bundle's table, before it goes: the same as on the table built at once.
      expect(await facts(fresh, schema)).toEqual(await facts(engine, schema));
      const onView = await answers();
      for (const sql of materializeSql()) await fresh.exec(sql);
      await fresh.exec('DROP TABLE messages');
      await fresh.exec('DROP TABLE message_attributes');
      expect(await answers()).toEqual(onView);
      // And as the table built at once (the other tests' table).
      expect(await Promise.all(states.map((s) => fresh.query(rowsQuery(s, schema))))).toEqual(await Promise.all(states.map((s) => engine.query(rowsQuery(s, schema)))));
      // The rows and a segment filter found something: not a comparison of empty answers.
      expect((onView[1] as unknown[]).length).toBeGreaterThan(0);
      expect(((onView[3 * 3] as SummaryRow[]).find((r) => r.kind === 'count')?.n ?? 0)).toBeGreaterThan(0);
      // The lower-cased text goes into the copied rows, and the view shows it.
      for (const sql of lowerTextSql()) await fresh.exec(sql);
      expect((await fresh.query<{ column_name: string }>('DESCRIBE explore')).map((c) => c.column_name)).toContain('text_lower');
    } finally {
      await fresh.close();
    }
  });

  it('quotes hostile values: a filter is data, never SQL', async () => {
    const s = { ...DEFAULT_STATE, channel: "x' OR '1'='1", q: "'; DROP TABLE explore; --", segmentField: "region' OR '1'='1", segment: "x' OR '1'='1" };
    expect(await count(s)).toBe(0);
    expect(whereClause(s, schema)).toContain("channel = 'x'' OR ''1''=''1'");
    expect(await count(DEFAULT_STATE)).toBe(rows.length);
    expect(await count({ ...DEFAULT_STATE, q: HOSTILE.script.slice(0, 20) })).toBe(rows.filter((m) => m.text.toLowerCase().includes(HOSTILE.script.slice(0, 20).toLowerCase())).length);
    // A time that is not an instant matches nothing, never everything.
    expect(await count({ ...DEFAULT_STATE, from: 'not a time' })).toBe(0);
  });

  it('pages and sorts over the whole filtered set', async () => {
    const s = { ...DEFAULT_STATE, who: 'customer' as const };
    const all = rows.filter(matches(s)).sort((a, b) => a.created_at - b.created_at || a.id.localeCompare(b.id));
    const page2 = await engine.query<{ id: string; ms: number }>(rowsQuery({ ...s, page: 2 }, schema));
    expect(page2.map((r) => r.id)).toEqual(all.slice(PAGE_SIZE, 2 * PAGE_SIZE).map((m) => m.id));
    expect(page2[0]!.ms).toBe(all[PAGE_SIZE]!.created_at);
    const newest = await engine.query<{ id: string }>(rowsQuery({ ...s, sort: '-time' }, schema));
    expect(newest[0]!.id).toBe(all.at(-1)!.id);
  });

  it('the timeline covers the whole crisis under the other filters; the peak is the fullest bucket of the filtered set', async () => {
    const hour = HOUR;
    const mid = rows[Math.floor(rows.length / 2)]!.created_at;
    const s = { ...DEFAULT_STATE, who: 'customer' as const, from: new Date(mid).toISOString() };
    const result = await summary(s);
    const time = result.filter((r) => r.kind === 'time');
    // Every bucket of the customers' messages, not only those after `from`: the brushed range is drawn on the whole.
    const customers = rows.filter(matches({ ...DEFAULT_STATE, who: 'customer' }));
    expect(time.reduce((a, b) => a + b.n, 0)).toBe(customers.length);
    const perHour = new Map<number, number>();
    for (const m of customers) perHour.set(Math.floor(m.created_at / hour) * hour, (perHour.get(Math.floor(m.created_at / hour) * hour) ?? 0) + 1);
    const drawn = new Map<number, number>();
    for (const r of time) drawn.set(r.t!, (drawn.get(r.t!) ?? 0) + r.n);
    expect(drawn).toEqual(perHour);
    const [peak] = await engine.query<{ t: number; n: number }>(peakQuery(s, schema));
    const after = rows.filter(matches(s));
    const afterPerHour = new Map<number, number>();
    for (const m of after) afterPerHour.set(Math.floor(m.created_at / hour) * hour, (afterPerHour.get(Math.floor(m.created_at / hour) * hour) ?? 0) + 1);
    expect(peak!.n).toBe(Math.max(...afterPerHour.values()));
    expect(peak!.t).toBeGreaterThanOrEqual(Math.floor(mid / hour) * hour);
  });

  it('a facet counts under the other filters; a chart counts under all of them', async () => {
    const fault = rows.find((m) => m.fault)!.fault!.split(';')[0]!;
    const s = { ...DEFAULT_STATE, who: 'customer' as const, channel: 'twitter', fault };
    const result = await summary(s);
    // Choosing twitter still lists facebook, with the count it would have.
    const channels = new Map(kind(result, 'facet:channel'));
    expect([...channels.keys()].sort()).toEqual(['facebook', 'twitter']);
    expect(channels.get('facebook')).toBe(rows.filter(matches({ ...s, channel: 'facebook' })).length);
    // The fault chart: the faults of the filtered set (the chosen one on every message); its select: the faults without that choice.
    const filtered = rows.filter(matches(s));
    expect(new Map(kind(result, 'chart:fault')).get(fault)).toBe(filtered.length);
    const faultsWithoutIt = rows.filter(matches({ ...s, fault: undefined }));
    expect(new Map(kind(result, 'facet:fault')).get(fault)).toBe(faultsWithoutIt.filter((m) => (m.fault ?? '').split(';').includes(fault)).length);
    // A chart whose filter is off has no rows of its own: its facet serves it.
    expect(kind(result, 'chart:theme')).toEqual([]);
    const themes = new Map(kind(result, 'facet:theme'));
    for (const [theme, n] of themes) expect(n, theme!).toBe(filtered.filter((m) => (m.themes ?? '').split(';').includes(theme!)).length);
  });

  it("a message's segment is the report's: each segment's count is its volume in the segments section, and filters on it", async () => {
    const breakdowns = report.sections.segments!.breakdowns.filter((b) => b.table === 'messages');
    expect(breakdowns.map((b) => b.field)).toEqual(['channel', 'region']);
    const result = await summary(DEFAULT_STATE);
    for (const b of breakdowns) {
      const facet = new Map(kind(result, `facet:segment:${b.field}`));
      expect(facet.size, b.field).toBe(b.segments.length);
      for (const seg of b.segments) expect(facet.get(seg.value), `${b.field}=${seg.value}`).toBe(seg.volume);
    }
    expect(new Map(kind(result, 'facet:segment:region')).get('(none)')).toBeGreaterThan(0);
    const north = breakdowns[1]!.segments.find((x) => x.value === 'north')!;
    expect(await count({ ...DEFAULT_STATE, segmentField: 'region', segment: 'north' })).toBe(north.volume);
    // A segment holds customer messages only, as in the report: the brand's are in none.
    expect(await count({ ...DEFAULT_STATE, segmentField: 'channel', segment: 'twitter', who: 'brand' })).toBe(0);
    expect(await count({ ...DEFAULT_STATE, segmentField: 'channel', segment: 'twitter' })).toBe(rows.filter((m) => m.channel === 'twitter' && m.inbound && !m.is_brand).length);
    // A field the report does not split by matches nothing.
    expect(await count({ ...DEFAULT_STATE, segmentField: 'colour', segment: 'red' })).toBe(0);
  });

  it('downloads the filtered rows with the bundle columns only, oldest first', async () => {
    const s = { ...DEFAULT_STATE, channel: 'facebook' };
    const got = await engine.query<Row>(downloadQuery(s, schema));
    expect(got.length).toBe(rows.filter(matches(s)).length);
    expect(Object.keys(got[0]!).sort()).toEqual([...schema.columns].sort());
    expect(got[0]!.created_at).toBe(new Date(Math.min(...rows.filter(matches(s)).map((m) => m.created_at))).toISOString());
  });
});

const matchesCase = (s: ExplorerState) => (c: Case) =>
  (!s.from || c.opened_at >= Date.parse(s.from)) &&
  (!s.to || c.opened_at < Date.parse(s.to)) &&
  (!s.channel || c.channel === s.channel) &&
  (!s.status || c.status === s.status) &&
  (!s.category || c.category === s.category) &&
  (!s.product || c.product === s.product) &&
  (!s.company || c.company === s.company) &&
  (!s.theme || (c.themes ?? '').split(';').includes(s.theme)) &&
  (!s.fault || (c.fault ?? '').split(';').includes(s.fault)) &&
  (s.q ?? '').split(/\s+/).filter(Boolean).every((w) => (c.text ?? '').toLowerCase().includes(w.toLowerCase()));

const caseSummary = (s: ExplorerState) => casesEngine.query<SummaryRow>(summaryQuery(s, casesSchema));
const caseCount = async (s: ExplorerState) => (await caseSummary(s)).find((r) => r.kind === 'count')!.n;

describe('explorer queries on cases', () => {
  it('the fixture exercises every case filter', () => {
    expect(cases.length).toBe(90);
    expect(cases.some((c) => c.fault)).toBe(true);
    expect(cases.some((c) => c.category === null)).toBe(true);
    expect(casesSchema.segmentFields).toEqual(['tier']);
  });

  it('counts what the same filters select in JavaScript, alone and combined', async () => {
    const fault = cases.find((c) => c.fault)!.fault!.split(';')[0]!;
    const mid = new Date(cases[45]!.opened_at).toISOString();
    const states: ExplorerState[] = [
      { ...DEFAULT_STATE, table: 'cases' },
      { ...DEFAULT_STATE, status: 'closed' },
      { ...DEFAULT_STATE, category: 'Hardware' },
      { ...DEFAULT_STATE, product: 'Widget Pro' },
      { ...DEFAULT_STATE, company: 'WidgetCo' },
      { ...DEFAULT_STATE, fault },
      { ...DEFAULT_STATE, from: mid },
      { ...DEFAULT_STATE, to: mid, status: 'open' },
      { ...DEFAULT_STATE, q: 'WIDGET dead' },
      { ...DEFAULT_STATE, fault, from: mid, product: 'Widget', q: 'widget' },
    ];
    for (const s of states) expect(await caseCount(s), JSON.stringify(s)).toBe(cases.filter(matchesCase(s)).length);
    // The messages' own filters match no case: a case has no author and no brand.
    expect(await caseCount({ ...DEFAULT_STATE, who: 'brand' })).toBe(0);
    expect(await caseCount({ ...DEFAULT_STATE, author: 'customer1' })).toBe(0);
    // A case select a messages view ignores: the messages table has no status.
    expect(await count({ ...DEFAULT_STATE, status: 'closed' })).toBe(rows.length);
  });

  it('pages and sorts by opening time over the whole filtered set; a messages-only sort falls back to oldest first', async () => {
    const s = { ...DEFAULT_STATE, company: 'WidgetCo' };
    const all = cases.filter(matchesCase(s)).sort((a, b) => a.opened_at - b.opened_at || a.id.localeCompare(b.id));
    expect(all.length).toBeGreaterThan(PAGE_SIZE);
    const page2 = await casesEngine.query<{ id: string; ms: number; status: string | null }>(rowsQuery({ ...s, page: 2 }, casesSchema));
    expect(page2.map((r) => r.id)).toEqual(all.slice(PAGE_SIZE, 2 * PAGE_SIZE).map((c) => c.id));
    expect(page2[0]!.ms).toBe(all[PAGE_SIZE]!.opened_at);
    expect(Object.keys(page2[0]!)).toContain('status');
    const newest = await casesEngine.query<{ id: string }>(rowsQuery({ ...s, sort: '-time' }, casesSchema));
    expect(newest[0]!.id).toBe(all.at(-1)!.id);
    const engaged = await casesEngine.query<{ id: string }>(rowsQuery({ ...s, sort: 'engagement' }, casesSchema));
    expect(engaged.map((r) => r.id)).toEqual(all.slice(0, PAGE_SIZE).map((c) => c.id));
  });

  it('facets are the case selects the crisis has; the category chart counts under every filter; the timeline counts opened cases', async () => {
    const s = { ...DEFAULT_STATE, category: 'Hardware', product: 'Widget' };
    const result = await caseSummary(s);
    const facetKeys = [...new Set(result.filter((r) => r.kind.startsWith('facet:')).map((r) => r.kind))].sort();
    expect(facetKeys).toEqual(['facet:category', 'facet:channel', 'facet:company', 'facet:fault', 'facet:product', 'facet:segment:tier', 'facet:status'].sort());
    // Choosing Hardware still lists the other categories, counted under the product filter.
    expect(new Map(kind(result, 'facet:category')).get('Billing')).toBe(cases.filter(matchesCase({ ...s, category: 'Billing' })).length);
    expect(kind(result, 'chart:category')).toEqual([['Hardware', cases.filter(matchesCase(s)).length]]);
    expect(result.find((r) => r.kind === 'brand')!.n).toBeNull();
    const time = result.filter((r) => r.kind === 'time');
    expect(time.reduce((a, b) => a + b.n, 0)).toBe(cases.filter(matchesCase(s)).length);
    const perHour = new Map<number, number>();
    for (const c of cases.filter(matchesCase(s))) perHour.set(Math.floor(c.opened_at / HOUR) * HOUR, (perHour.get(Math.floor(c.opened_at / HOUR) * HOUR) ?? 0) + 1);
    expect(new Map(time.map((r) => [r.t!, r.n]))).toEqual(perHour);
    const [peak] = await casesEngine.query<{ t: number; n: number }>(peakQuery(s, casesSchema));
    expect(peak!.n).toBe(Math.max(...perHour.values()));
  });

  it("a case's segment is the report's: each segment's count is its volume in the segments section, and filters on it", async () => {
    const tier = report.sections.segments!.breakdowns.find((b) => b.table === 'cases' && b.field === 'tier')!;
    const facet = new Map(kind(await caseSummary(DEFAULT_STATE), 'facet:segment:tier'));
    expect(facet.size).toBe(tier.segments.length);
    for (const seg of tier.segments) expect(facet.get(seg.value), seg.value).toBe(seg.volume);
    expect(await caseCount({ ...DEFAULT_STATE, segmentField: 'tier', segment: 'silver' })).toBe(36);
    expect(await caseCount({ ...DEFAULT_STATE, segmentField: 'tier', segment: 'silver', status: 'closed' })).toBe(cases.filter((c, i) => TIERS[i % 5] === 'silver' && c.status === 'closed').length);
  });

  it('downloads the filtered cases with the bundle columns only, opening times as ISO instants, oldest first', async () => {
    const s = { ...DEFAULT_STATE, status: 'pending' };
    const got = await casesEngine.query<Row>(downloadQuery(s, casesSchema));
    const want = cases.filter(matchesCase(s)).sort((a, b) => a.opened_at - b.opened_at);
    expect(got.length).toBe(want.length);
    expect(Object.keys(got[0]!).sort()).toEqual([...casesSchema.columns].sort());
    expect(got.map((r) => r.opened_at)).toEqual(want.map((c) => new Date(c.opened_at).toISOString()));
  });

  it('cases with several channels are filtered by channel: counts, facet and page as the same filter in JavaScript', async () => {
    expect(new Set(cases.map((c) => c.channel))).toEqual(new Set(['web', 'phone', 'email']));
    const fault = cases.find((c) => c.fault)!.fault!.split(';')[0]!;
    const states: ExplorerState[] = [
      { ...DEFAULT_STATE, channel: 'phone' },
      { ...DEFAULT_STATE, channel: 'email', status: 'closed' },
      { ...DEFAULT_STATE, channel: 'web', fault, q: 'widget' },
      { ...DEFAULT_STATE, channel: 'fax' },
    ];
    for (const s of states) expect(await caseCount(s), JSON.stringify(s)).toBe(cases.filter(matchesCase(s)).length);
    expect(await caseCount({ ...DEFAULT_STATE, channel: 'phone' })).toBeGreaterThan(0);
    // Choosing phone still lists every channel, each counted under the other filters (the status here).
    const s = { ...DEFAULT_STATE, channel: 'phone', status: 'open' };
    const facet = new Map(kind(await caseSummary(s), 'facet:channel'));
    for (const channel of ['web', 'phone', 'email']) expect(facet.get(channel), channel).toBe(cases.filter(matchesCase({ ...s, channel })).length);
    const page = await casesEngine.query<{ id: string }>(rowsQuery({ ...DEFAULT_STATE, channel: 'email' }, casesSchema));
    expect(page.map((r) => r.id)).toEqual(cases.filter((c) => c.channel === 'email').sort((a, b) => a.opened_at - b.opened_at || a.id.localeCompare(b.id)).slice(0, PAGE_SIZE).map((c) => c.id));
    // Three channels: the filter is offered.
    expect([...(await facts(casesEngine, casesSchema)).constantSelects]).toEqual([]);
  });

  it("finds the columns the table's cells read that some row has a value in; a column of no values (no narratives, blank statuses) is not drawn", async () => {
    const blank = (v: unknown) => v === null || v === undefined || String(v).trim() === '';
    const read = ['category', 'company', 'fault', 'product', 'status', 'text', 'themes'].filter((c) => casesSchema.columns.has(c));
    const found = (await facts(casesEngine, casesSchema)).withValues;
    expect([...found].sort()).toEqual(read.filter((column) => cases.some((c) => !blank(c[column as keyof Case]))).sort());
    // Some narratives are empty, not all: the text is drawn.
    expect(cases.some((c) => blank(c.text))).toBe(true);
    expect(found.has('text')).toBe(true);
    expect(shownColumns(CASES_TABLE, found).map((c) => c.head)).toContain('Case');
    // The messages read their own columns.
    const messageColumns = (await facts(engine, schema)).withValues;
    expect(messageColumns.has('author')).toBe(rows.some((m) => !blank(m.author)));
    expect(shownColumns(MESSAGES_TABLE, messageColumns)[0]!.head).toBe('Message');
    // Complaints as NHTSA's: no narrative, no status (blank), no category, no theme.
    const bare = await openNodeEngine();
    try {
      await bare.loadArrow('cases', new Uint8Array(casesIpc));
      await bare.loadArrow('case_attributes', new Uint8Array(casesAttributesIpc));
      await bare.exec(`UPDATE cases SET text = NULL, status = '  ', category = NULL${casesSchema.columns.has('themes') ? ', themes = NULL' : ''}`);
      await bare.exec(exploreTableSql(casesSchema.columns, caseSegments.map((x) => x.sql), HOUR, CASES_TABLE));
      const none = (await facts(bare, casesSchema)).withValues;
      expect([none.has('text'), none.has('status'), none.has('category')]).toEqual([false, false, false]);
      // The faults are kept (the fixture's cases have some): headed by what they are.
      expect(shownColumns(CASES_TABLE, none).map((c) => c.head)).toEqual(['Opened', 'Product', 'Company', 'Faults']);
    } finally {
      await bare.close();
    }
  });

  it('tells date-only times from timed ones: timed rows send nothing back; dates alone send each day with its count', async () => {
    // The fixture's messages are timed: fewer than 90% on a quarter-hour, so the page does not ask, and no time would leave DuckDB.
    expect((await facts(engine, schema)).onQuarterHours).toBe(false);
    expect(await engine.query(timeCountsSql())).toEqual([]);
    const days = await openNodeEngine();
    try {
      await days.loadArrow('cases', new Uint8Array(casesIpc));
      await days.loadArrow('case_attributes', new Uint8Array(casesAttributesIpc));
      await days.exec(`UPDATE cases SET opened_at = date_trunc('day', opened_at)`);
      await days.exec(exploreTableSql(casesSchema.columns, caseSegments.map((x) => x.sql), HOUR, CASES_TABLE));
      expect((await facts(days, casesSchema)).onQuarterHours).toBe(true);
      const times = await days.query<{ ms: number; n: number }>(timeCountsSql());
      expect(times.reduce((n, t) => n + t.n, 0)).toBe(cases.length);
      const midnights = cases.map((c) => Math.floor(c.opened_at / 86_400_000) * 86_400_000);
      expect(new Set(times.map((t) => t.ms))).toEqual(new Set(midnights));
      // The report's own test, on the same times: dates at UTC midnight, not at New York's.
      expect(dateOnly(times.map((t) => t.ms), 'UTC', times.map((t) => t.n))).toBe(dateOnly(midnights, 'UTC'));
      expect(dateOnly(times.map((t) => t.ms), 'UTC', times.map((t) => t.n))).toBe(true);
      expect(dateOnly(times.map((t) => t.ms), 'America/New_York', times.map((t) => t.n))).toBe(false);
    } finally {
      await days.close();
    }
  });

  it('cases of one channel offer no channel filter, unless the URL filters on it', async () => {
    const one = await openNodeEngine();
    try {
      await one.loadArrow('cases', new Uint8Array(casesIpc));
      await one.loadArrow('case_attributes', new Uint8Array(casesAttributesIpc));
      await one.exec(`UPDATE cases SET channel = 'web'`);
      await one.exec(exploreTableSql(casesSchema.columns, caseSegments.map((x) => x.sql), HOUR, CASES_TABLE));
      const base: ExploreSchema = { ...casesSchema };
      const single: ExploreSchema = { ...base, constantSelects: (await facts(one, base)).constantSelects };
      expect([...single.constantSelects!]).toEqual(['channel']);
      const keys = (rs: SummaryRow[]) => new Set(rs.map((r) => r.kind));
      expect(keys(await one.query<SummaryRow>(summaryQuery(DEFAULT_STATE, single))).has('facet:channel')).toBe(false);
      expect(keys(await one.query<SummaryRow>(summaryQuery(DEFAULT_STATE, single))).has('facet:status')).toBe(true);
      // A channel in the URL is still applied, and its select shown so it can be cleared.
      const chosen = await one.query<SummaryRow>(summaryQuery({ ...DEFAULT_STATE, channel: 'phone' }, single));
      expect(chosen.find((r) => r.kind === 'count')!.n).toBe(0);
      expect(keys(chosen).has('facet:channel')).toBe(true);
      // The messages have no varied-only select: nothing to count.
      expect(tableFactsSql(schema)).not.toContain('varied:');
    } finally {
      await one.close();
    }
  });
});
