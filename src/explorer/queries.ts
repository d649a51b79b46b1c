/**
 * The explorer's SQL. The bundle's `messages` table (one row per message,
 * every analysis column) is copied once into {@link EXPLORE_TABLE} with what
 * every filter change would otherwise recompute on each row: the time in
 * epoch ms, the theme and fault lists, the lower-cased text, the engagement
 * and each message's segment. Then each change runs two queries: one for the
 * counts, the facets, the charts and the timeline, one for a page of rows.
 * Values are quoted here, never spliced raw: the state comes from a URL.
 */
import type { ExplorerState } from './state.ts';

/** Rows per page of the message table. */
export const PAGE_SIZE = 50;

/** The table the explorer queries (built by {@link exploreTableSql}). */
export const EXPLORE_TABLE = 'explore';

/** What the explorer knows of its table: the bundle's columns, the segment fields (column `segment_<i>` holds field i's value) and the timeline's bucket. */
export interface ExploreSchema {
  columns: ReadonlySet<string>;
  segmentFields: readonly string[];
  /** Width of the timeline's buckets (column `bucket`: a message's bucket number, epoch-aligned). */
  bucketMs: number;
}

/** A SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The column of a segment field, or null when the crisis has no such breakdown. */
export function segmentColumn(schema: ExploreSchema, field: string): string | null {
  const i = schema.segmentFields.indexOf(field);
  return i < 0 ? null : `segment_${i}`;
}

/**
 * SQL creating {@link EXPLORE_TABLE} from `messages` (the bundle's columns
 * `columns`). `segmentSql[i]` is the segments section's own
 * query for breakdown i (segments/fields.ts `segmentValuesSql`: id → value
 * for customer messages), so a message's segment here is the report's.
 */
export function exploreTableSql(columns: ReadonlySet<string>, segmentSql: readonly string[], bucketMs: number): string {
  const list = (c: string) => (columns.has(c) ? `list_filter(string_split(coalesce(m."${c}", ''), ';'), x -> x <> '')` : `[]::VARCHAR[]`);
  const num = (c: string) => (columns.has(c) ? `coalesce(m."${c}", 0)` : '0');
  const derived = [
    'epoch_ms(m.created_at)::BIGINT AS ms',
    `(epoch_ms(m.created_at) // ${Math.round(bucketMs)})::BIGINT AS bucket`,
    `${list('themes')} AS theme_list`,
    `${list('fault')} AS fault_list`,
    'lower(coalesce(m.text, \'\')) AS text_lower',
    `(${num('likes')} + ${num('shares')} + ${num('replies')})::DOUBLE AS engagement`,
    ...segmentSql.map((_, i) => `s${i}.value AS segment_${i}`),
  ];
  const joins = segmentSql.map((sql, i) => `LEFT JOIN (${sql}) s${i} ON s${i}.id = m.id`).join(' ');
  // No ORDER BY: the bundle's rows are in time order already, and sorting 100,000 texts costs seconds in the browser.
  return `CREATE OR REPLACE TABLE ${EXPLORE_TABLE} AS SELECT m.*, ${derived.join(', ')} FROM messages m ${joins}`;
}

/** Which filters a WHERE clause leaves out: a facet ignores its own, the timeline the time range. */
type Except = 'time' | 'channel' | 'sentiment' | 'theme' | 'fault' | 'segment';

/** The filter as a WHERE clause (`TRUE` for no filter). A filter on a column the crisis lacks matches nothing. */
export function whereClause(state: ExplorerState, schema: ExploreSchema, except?: Except): string {
  const has = (c: string) => schema.columns.has(c);
  const parts: string[] = [];
  // parseState lets only ISO instants through; a number that is not finite still matches nothing rather than everything.
  const instant = (iso: string) => (Number.isFinite(Date.parse(iso)) ? String(Date.parse(iso)) : 'NULL');
  if (except !== 'time' && state.from) parts.push(`ms >= ${instant(state.from)}`);
  if (except !== 'time' && state.to) parts.push(`ms < ${instant(state.to)}`);
  if (except !== 'channel' && state.channel) parts.push(`channel = ${sqlString(state.channel)}`);
  if (except !== 'sentiment' && state.sentiment) parts.push(has('sentiment') ? `sentiment = ${sqlString(state.sentiment)}` : 'FALSE');
  if (except !== 'theme' && state.theme) parts.push(`list_contains(theme_list, ${sqlString(state.theme)})`);
  if (except !== 'fault' && state.fault) parts.push(`list_contains(fault_list, ${sqlString(state.fault)})`);
  if (except !== 'segment' && state.segment !== undefined && state.segmentField !== undefined) {
    const column = segmentColumn(schema, state.segmentField);
    parts.push(column ? `${column} = ${sqlString(state.segment)}` : 'FALSE');
  }
  if (state.author) parts.push(`author = ${sqlString(state.author)}`);
  if (state.who) parts.push(state.who === 'brand' ? 'is_brand' : 'NOT is_brand');
  // Lower-cased once in the table; the words here. contains() is a literal match: no pattern characters to escape.
  for (const word of (state.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 10)) parts.push(`contains(text_lower, ${sqlString(word)})`);
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

const ORDER: Record<ExplorerState['sort'], string> = {
  time: 'ms, id',
  '-time': 'ms DESC, id',
  sentiment: 'sentiment_score NULLS LAST, ms, id',
  '-sentiment': 'sentiment_score DESC NULLS LAST, ms, id',
  engagement: 'engagement DESC, ms, id',
};

/** Columns of the message table's rows (those the crisis has). */
const ROW_COLUMNS = ['id', 'ms', 'author', 'is_brand', 'channel', 'text', 'sentiment', 'themes', 'fault'];

/** One page of the filtered messages, in the state's order. */
export function rowsQuery(state: ExplorerState, schema: ExploreSchema): string {
  const pick = ROW_COLUMNS.filter((c) => c === 'ms' || schema.columns.has(c));
  const order = !schema.columns.has('sentiment_score') && state.sort.includes('sentiment') ? ORDER.time : ORDER[state.sort];
  return `SELECT ${pick.map((c) => `"${c}"`).join(', ')} FROM ${EXPLORE_TABLE} WHERE ${whereClause(state, schema)} ORDER BY ${order} LIMIT ${PAGE_SIZE} OFFSET ${(state.page - 1) * PAGE_SIZE}`;
}

/** A filter's select: its state key, the column it reads (a list column is unnested) and which filter its counts leave out. */
export interface Facet {
  /** `channel`, `sentiment`, `theme`, `fault`, or `segment:<field>`. */
  key: string;
  expr: string;
  list: boolean;
  except: Except;
}

/** The facets of a table: one select per filter the crisis has data for. */
export function facets(schema: ExploreSchema): Facet[] {
  const out: Facet[] = [{ key: 'channel', expr: 'channel', list: false, except: 'channel' }];
  if (schema.columns.has('sentiment')) out.push({ key: 'sentiment', expr: 'sentiment', list: false, except: 'sentiment' });
  if (schema.columns.has('themes')) out.push({ key: 'theme', expr: 'theme_list', list: true, except: 'theme' });
  if (schema.columns.has('fault')) out.push({ key: 'fault', expr: 'fault_list', list: true, except: 'fault' });
  schema.segmentFields.forEach((f, i) => out.push({ key: `segment:${f}`, expr: `segment_${i}`, list: false, except: 'segment' }));
  return out;
}

/** A row of {@link summaryQuery}: `kind` says which part of the view it feeds. */
export type SummaryRow = {
  /** `count`, `brand`, `facet:<key>` (a select's options), `chart:<key>` (a chart's bars) or `time` (the timeline). */
  kind: string;
  value: string | null;
  /** Bucket start (epoch ms) of a `time` row. */
  t: number | null;
  n: number;
};

/**
 * Everything but the rows, in one query: the filtered count and the brand's
 * part, each facet's values counted under the other filters (choosing reddit
 * still lists the other channels), the charts' values under every filter
 * (top `limit`), and messages per bucket and sentiment under every filter
 * but the time range (the timeline shows the whole crisis, the brushed range
 * marked on it). Parts whose own filter is off read one filtered set,
 * computed once when words filter it: a search scans the texts once, not once
 * per part.
 */
export function summaryQuery(state: ExplorerState, schema: ExploreSchema, limit = 50): string {
  const all = facets(schema);
  const keep = ['is_brand', 'bucket', schema.columns.has('sentiment') ? 'sentiment' : null, ...all.map((f) => f.expr)].filter((c): c is string => c !== null);
  // Kept once when a word search filters (scanning texts costs more than keeping the rows); otherwise each part re-filters, cheaper than copying them.
  const filtered = `filtered AS ${state.q ? 'MATERIALIZED' : 'NOT MATERIALIZED'} (SELECT ${[...new Set(keep)].join(', ')} FROM ${EXPLORE_TABLE} WHERE ${whereClause(state, schema)})`;
  // The rows a part counts: the filtered set, or the table under the other filters when its own is on.
  const source = (own: boolean, except: Except) => (own ? `${EXPLORE_TABLE} WHERE ${whereClause(state, schema, except)}` : 'filtered');
  const parts = [`SELECT 'count' AS kind, NULL AS value, NULL::DOUBLE AS t, count(*)::DOUBLE AS n FROM filtered`, `SELECT 'brand', NULL, NULL, count(*) FILTER (WHERE is_brand)::DOUBLE FROM filtered`];
  const counted = (kind: string, f: Facet, from: string) => {
    const value = f.list ? `unnest(${f.expr})` : f.expr;
    return `SELECT ${sqlString(kind)}, v, NULL, n FROM (SELECT v, count(*)::DOUBLE AS n FROM (SELECT ${value} AS v FROM ${from}) WHERE v IS NOT NULL AND v <> '' GROUP BY v ORDER BY n DESC, v LIMIT ${limit})`;
  };
  for (const f of all) {
    const own = ownFilterSet(state, f.key);
    parts.push(counted(`facet:${f.key}`, f, source(own, f.except)));
    // A chart counts under every filter: with its own filter off, that is the facet's count, not run twice.
    if (own && (f.key === 'sentiment' || f.key === 'theme' || f.key === 'fault')) parts.push(counted(`chart:${f.key}`, f, 'filtered'));
  }
  const sentiment = schema.columns.has('sentiment') ? `coalesce(sentiment, 'unlabelled')` : `'unlabelled'`;
  parts.push(`SELECT 'time', ${sentiment}, bucket::DOUBLE * ${schema.bucketMs}, count(*)::DOUBLE FROM ${source(!!(state.from || state.to), 'time')} GROUP BY ALL`);
  return `WITH ${filtered} ${parts.map((p) => `(${p})`).join(' UNION ALL ')}`;
}

/** True when the filter of facet `key` is set: the facet then counts without it, and its chart (with it) apart. */
export function ownFilterSet(state: ExplorerState, key: string): boolean {
  if (key.startsWith('segment:')) return state.segment !== undefined;
  return key === 'channel' || key === 'sentiment' || key === 'theme' || key === 'fault' ? !!state[key] : false;
}

/** The bucket with most filtered messages (the peak), as its start in epoch ms; no row when nothing matches. */
export function peakQuery(state: ExplorerState, schema: ExploreSchema): string {
  return `SELECT bucket::DOUBLE * ${schema.bucketMs} AS t, count(*)::DOUBLE AS n FROM ${EXPLORE_TABLE} WHERE ${whereClause(state, schema)} GROUP BY bucket ORDER BY n DESC, t LIMIT 1`;
}

/** Every filtered message with the bundle's own columns (none of the explorer's), oldest first: "Download these rows". */
export function downloadQuery(state: ExplorerState, schema: ExploreSchema): string {
  const own = [...schema.columns].filter((c) => c !== 'created_at').map((c) => `"${c}"`);
  return `SELECT ${[...own, `strftime(created_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS created_at`].join(', ')} FROM ${EXPLORE_TABLE} WHERE ${whereClause(state, schema)} ORDER BY ms, id`;
}
