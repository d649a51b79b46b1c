/**
 * The explorer's SQL. The bundle's table being explored — `messages` or
 * `cases` (tables.ts describes each) — is read through {@link EXPLORE_TABLE}
 * with what every filter change would otherwise recompute on each row: the
 * time in epoch ms, the theme and fault lists, a message's engagement and
 * each row's segment. First as a view, so the first results need no copy of
 * the table ({@link exploreViewSql}); then, once they are on screen, copied
 * into a table of its own ({@link materializeSql}), and the lower-cased text
 * added to it at the first search ({@link lowerTextSql}). Then each
 * change runs two queries: one for the counts, the facets, the charts and the
 * timeline, one for a page of rows. Values are quoted here, never spliced
 * raw: the state comes from a URL.
 */
import type { ExplorerState } from './state.ts';
import { CELL_SOURCES, MESSAGES_TABLE, type ExploreTable, type SelectKey } from './tables.ts';

/** Rows per page of the message table. */
export const PAGE_SIZE = 50;

/** What the explorer queries: a view of the bundle's table with the derived columns ({@link exploreViewSql}), later of {@link EXPLORE_ROWS}. */
export const EXPLORE_TABLE = 'explore';

/** The table the explore view's rows are copied into once the first results are shown ({@link materializeSql}). */
export const EXPLORE_ROWS = 'explore_rows';

/** What the explorer knows of its table: which table, the bundle's columns, the segment fields (column `segment_<i>` holds field i's value) and the timeline's bucket. */
export interface ExploreSchema {
  /** The table explored; absent: the messages. */
  table?: ExploreTable;
  columns: ReadonlySet<string>;
  segmentFields: readonly string[];
  /** Width of the timeline's buckets (column `bucket`: a message's bucket number, epoch-aligned). */
  bucketMs: number;
  /** True once {@link lowerTextSql} has added the lower-cased text (column `text_lower`): searches read it instead of lower-casing every text again. */
  textLowered?: boolean;
  /** The table's varied-only selects (tables.ts `variedSelects`) with fewer than two values in this crisis: not offered ({@link tableFacts}). */
  constantSelects?: ReadonlySet<SelectKey>;
  /** The bundle columns the table's cells read in which some row has a value ({@link tableFactsSql}); a column missing has none. */
  withValues?: ReadonlySet<string>;
  /** True when the rows carry dates without times (crisis/buckets.ts `dateOnly`, over {@link timeCountsSql}): times are shown as dates. */
  dateOnly?: boolean;
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
 * SQL creating {@link EXPLORE_TABLE} as a view of the bundle's table
 * `table.name` (its columns `columns`) with the derived columns, and the
 * row's position as `rowid` (kept as a column when the rows are copied:
 * {@link materializeSql}). `segmentSql[i]` is the segments section's own
 * query for breakdown i (segments/fields.ts `segmentValuesSql`: id → value
 * for customer messages, or for every case), so a row's segment here is the
 * report's. A view, not a table: copying 100,000 texts costs a fifth of a
 * second before the first results, and a view's first queries cost less.
 */
export function exploreViewSql(columns: ReadonlySet<string>, segmentSql: readonly string[], bucketMs: number, table: ExploreTable = MESSAGES_TABLE): string {
  const time = `m."${table.time}"`;
  const list = (c: string) => (columns.has(c) ? `list_filter(string_split(coalesce(m."${c}", ''), ';'), x -> x <> '')` : `[]::VARCHAR[]`);
  const num = (c: string) => (columns.has(c) ? `coalesce(m."${c}", 0)` : '0');
  const derived = [
    `epoch_ms(${time})::BIGINT AS ms`,
    `(epoch_ms(${time}) // ${Math.round(bucketMs)})::BIGINT AS bucket`,
    `${list('themes')} AS theme_list`,
    `${list('fault')} AS fault_list`,
    ...(table.engagement ? [`(${num('likes')} + ${num('shares')} + ${num('replies')})::DOUBLE AS engagement`] : []),
    ...segmentSql.map((_, i) => `s${i}.value AS segment_${i}`),
  ];
  const joins = segmentSql.map((sql, i) => `LEFT JOIN (${sql}) s${i} ON s${i}.id = m.id`).join(' ');
  // No ORDER BY: the bundle's rows are in time order already, and sorting 100,000 texts costs seconds in the browser.
  return `CREATE OR REPLACE VIEW ${EXPLORE_TABLE} AS SELECT m.rowid AS rowid, m.*, ${derived.join(', ')} FROM ${table.name} m ${joins}`;
}

/**
 * Statements copying the explore view's rows into {@link EXPLORE_ROWS} and
 * pointing {@link EXPLORE_TABLE} at it, run once the first results are on
 * screen: then no filter change recomputes the lists (a theme or fault
 * filter costs about half again on the view) nor the segments. The bundle's
 * tables the view read may be dropped after.
 */
export function materializeSql(): string[] {
  return [`CREATE OR REPLACE TABLE ${EXPLORE_ROWS} AS SELECT * FROM ${EXPLORE_TABLE}`, `CREATE OR REPLACE VIEW ${EXPLORE_TABLE} AS SELECT * FROM ${EXPLORE_ROWS}`];
}

/** SQL building the explore table at once: the view of {@link exploreViewSql}, its rows copied ({@link materializeSql}). Tests and scripts; the page runs the two apart. */
export function exploreTableSql(columns: ReadonlySet<string>, segmentSql: readonly string[], bucketMs: number, table: ExploreTable = MESSAGES_TABLE): string {
  return [exploreViewSql(columns, segmentSql, bucketMs, table), ...materializeSql()].join(';\n');
}

/**
 * Statements adding the lower-cased text to {@link EXPLORE_ROWS} (column
 * `text_lower`; the view shows it), run when the first search is typed
 * rather than when the table is built: most views never search, and
 * lower-casing every text is a large part of building the table. Run only
 * once the rows are copied ({@link materializeSql}); then set `textLowered`
 * on the schema.
 */
export function lowerTextSql(): string[] {
  // A view keeps the columns it was made with: it is made again to show the new one.
  return [`ALTER TABLE ${EXPLORE_ROWS} ADD COLUMN IF NOT EXISTS text_lower VARCHAR`, `UPDATE ${EXPLORE_ROWS} SET text_lower = lower(coalesce(text, ''))`, `CREATE OR REPLACE VIEW ${EXPLORE_TABLE} AS SELECT * FROM ${EXPLORE_ROWS}`];
}

/** Which filters a WHERE clause leaves out: a facet ignores its own, the timeline the time range. */
type Except = 'time' | SelectKey | 'sentiment' | 'theme' | 'fault' | 'segment';

/** The table a schema describes (the messages when it names none). */
export function tableOf(schema: ExploreSchema): ExploreTable {
  return schema.table ?? MESSAGES_TABLE;
}

/** The filter as a WHERE clause (`TRUE` for no filter). A filter on a column the crisis lacks matches nothing. */
export function whereClause(state: ExplorerState, schema: ExploreSchema, except?: Except): string {
  const has = (c: string) => schema.columns.has(c);
  const parts: string[] = [];
  // parseState lets only ISO instants through; a number that is not finite still matches nothing rather than everything.
  const instant = (iso: string) => (Number.isFinite(Date.parse(iso)) ? String(Date.parse(iso)) : 'NULL');
  if (except !== 'time' && state.from) parts.push(`ms >= ${instant(state.from)}`);
  if (except !== 'time' && state.to) parts.push(`ms < ${instant(state.to)}`);
  // A select of the table: a filter on a column the crisis lacks matches nothing; a select of the other table is not this view's.
  for (const key of tableOf(schema).selects) {
    const v = state[key];
    if (except !== key && v) parts.push(has(key) ? `${key} = ${sqlString(v)}` : 'FALSE');
  }
  if (except !== 'sentiment' && state.sentiment) parts.push(has('sentiment') ? `sentiment = ${sqlString(state.sentiment)}` : 'FALSE');
  if (except !== 'theme' && state.theme) parts.push(`list_contains(theme_list, ${sqlString(state.theme)})`);
  if (except !== 'fault' && state.fault) parts.push(`list_contains(fault_list, ${sqlString(state.fault)})`);
  if (except !== 'segment' && state.segment !== undefined && state.segmentField !== undefined) {
    const column = segmentColumn(schema, state.segmentField);
    parts.push(column ? `${column} = ${sqlString(state.segment)}` : 'FALSE');
  }
  if (state.author) parts.push(has('author') ? `author = ${sqlString(state.author)}` : 'FALSE');
  if (state.who) parts.push(!has('is_brand') ? 'FALSE' : state.who === 'brand' ? 'is_brand' : 'NOT is_brand');
  // Lower-cased once in the table after the first search (lowerTextSql); until then, here. contains() is a literal match: no pattern characters to escape.
  const text = schema.textLowered ? 'text_lower' : `lower(coalesce(text, ''))`;
  for (const word of (state.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 10)) parts.push(`contains(${text}, ${sqlString(word)})`);
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

const ORDER: Record<ExplorerState['sort'], string> = {
  time: 'ms, id',
  '-time': 'ms DESC, id',
  sentiment: 'sentiment_score NULLS LAST, ms, id',
  '-sentiment': 'sentiment_score DESC NULLS LAST, ms, id',
  engagement: 'engagement DESC, ms, id',
};

/** True when the table can sort as `sort` asks: its sorts, and a sentiment score for the sentiment orders. */
export function canSort(sort: ExplorerState['sort'], schema: ExploreSchema): boolean {
  return tableOf(schema).sorts.includes(sort) && (!sort.includes('sentiment') || schema.columns.has('sentiment_score'));
}

/** One page of the filtered rows, in the state's order (oldest first when the table cannot sort so). */
export function rowsQuery(state: ExplorerState, schema: ExploreSchema): string {
  const pick = tableOf(schema).rowColumns.filter((c) => c === 'ms' || schema.columns.has(c));
  const order = canSort(state.sort, schema) ? ORDER[state.sort] : ORDER.time;
  // The page's rows are found first by their sort keys alone, then only those 50 rows' texts read: sorting never carries the texts.
  const page = `SELECT rowid AS r FROM ${EXPLORE_TABLE} WHERE ${whereClause(state, schema)} ORDER BY ${order} LIMIT ${PAGE_SIZE} OFFSET ${(state.page - 1) * PAGE_SIZE}`;
  return `SELECT ${pick.map((c) => `"${c}"`).join(', ')} FROM ${EXPLORE_TABLE} SEMI JOIN (${page}) page ON ${EXPLORE_TABLE}.rowid = page.r ORDER BY ${order}`;
}

/** The facts of a freshly built explore table that the page needs before its first query (one row of {@link tableFactsSql}). */
export interface TableFacts {
  /** The table's varied-only selects with fewer than two distinct non-empty values: not offered. */
  constantSelects: Set<SelectKey>;
  /** The bundle columns the table's cells read (tables.ts `CELL_SOURCES`) in which some row has a value (not null, not blank). */
  withValues: Set<string>;
  /** True when at least 90% of the rows sit on a quarter-hour: the times may be dates alone ({@link timeCountsSql} tells). */
  onQuarterHours: boolean;
}

/**
 * SQL of the {@link TableFacts} of the table explored, in one scan: the
 * distinct values of each varied-only select (`varied:<key>`), whether some
 * row has a value in each column a cell reads (`value:<column>`, for
 * tables.ts `shownColumns`) and whether the times sit on quarter-hours
 * (`quarter_hours`). One query, not three: on a page's first visit each
 * query of DuckDB-WASM costs more than its scan. A column's value is looked
 * for, not counted: the search stops at the first (trimming every text of a
 * crisis costs a fifth of a second). It reads the bundle's table itself, not
 * the explore view (half the time: no derived column is worked out), so it
 * runs before the view's rows are copied and the bundle's table dropped.
 * Read with {@link tableFacts}.
 */
export function tableFactsSql(schema: ExploreSchema): string {
  const t = tableOf(schema);
  const varied = t.variedSelects.filter((k) => schema.columns.has(k));
  const cells = [...new Set(t.columns.flatMap((c) => CELL_SOURCES[c.cell].map((s) => s.column)))].filter((c) => schema.columns.has(c));
  const items = [
    ...varied.map((k) => `count(DISTINCT nullif("${k}", ''))::DOUBLE AS "varied:${k}"`),
    ...cells.map((c) => `EXISTS (SELECT 1 FROM ${t.name} WHERE trim("${c}"::VARCHAR) <> '') AS "value:${c}"`),
    `count(*) FILTER (WHERE epoch_ms("${t.time}") % 900000 = 0) * 10 >= count(*) * 9 AS quarter_hours`,
  ];
  return `SELECT ${items.join(', ')} FROM ${t.name}`;
}

/** The row of {@link tableFactsSql} as {@link TableFacts}. */
export function tableFacts(row: Readonly<Record<string, unknown>> | undefined): TableFacts {
  const facts: TableFacts = { constantSelects: new Set(), withValues: new Set(), onQuarterHours: row?.quarter_hours === true };
  for (const [key, n] of Object.entries(row ?? {})) {
    if (key.startsWith('varied:') && Number(n) < 2) facts.constantSelects.add(key.slice(7) as SelectKey);
    else if (key.startsWith('value:') && n === true) facts.withValues.add(key.slice(6));
  }
  return facts;
}

/**
 * SQL of each distinct time of {@link EXPLORE_TABLE} with its row count
 * (`ms`, `n`), for crisis/buckets.ts `dateOnly` — or no rows when fewer than
 * 90% of the rows sit on a quarter-hour, where no local midnight can fall:
 * timed data (most rows, and most distinct times) never leaves DuckDB. The
 * page asks only when {@link TableFacts} `onQuarterHours` says it may.
 */
export function timeCountsSql(): string {
  return `WITH q AS (SELECT count(*) FILTER (WHERE ms % 900000 = 0) * 10 >= count(*) * 9 AS maybe FROM ${EXPLORE_TABLE}) SELECT ms::DOUBLE AS ms, count(*)::DOUBLE AS n FROM ${EXPLORE_TABLE}, q WHERE q.maybe GROUP BY ms`;
}

/** A filter's select: its state key, the column it reads (a list column is unnested) and which filter its counts leave out. */
export interface Facet {
  /** A select's key (`channel`, `status`, …), `sentiment`, `theme`, `fault`, or `segment:<field>`. */
  key: string;
  expr: string;
  list: boolean;
  except: Except;
}

/**
 * The facets of a table: one select per filter the crisis has data for (a
 * varied-only select with one value is left out, unless `state` filters on
 * it: a filter in force is always shown, so it can be cleared).
 */
export function facets(schema: ExploreSchema, state?: ExplorerState): Facet[] {
  const offered = (k: SelectKey) => schema.columns.has(k) && (!schema.constantSelects?.has(k) || !!state?.[k]);
  const out: Facet[] = tableOf(schema).selects.filter(offered).map((k) => ({ key: k, expr: k, list: false, except: k }));
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
  const all = facets(schema, state);
  const brand = schema.columns.has('is_brand');
  const keep = [brand ? 'is_brand' : null, 'bucket', schema.columns.has('sentiment') ? 'sentiment' : null, ...all.map((f) => f.expr)].filter((c): c is string => c !== null);
  // Kept once when a word search filters (scanning texts costs more than keeping the rows); otherwise each part re-filters, cheaper than copying them.
  const filtered = `filtered AS ${state.q ? 'MATERIALIZED' : 'NOT MATERIALIZED'} (SELECT ${[...new Set(keep)].join(', ')} FROM ${EXPLORE_TABLE} WHERE ${whereClause(state, schema)})`;
  // The rows a part counts: the filtered set, or the table under the other filters when its own is on.
  const source = (own: boolean, except: Except) => (own ? `${EXPLORE_TABLE} WHERE ${whereClause(state, schema, except)}` : 'filtered');
  // The count and the brand's part in one scan.
  const totals = `totals AS MATERIALIZED (SELECT count(*)::DOUBLE AS n, ${brand ? 'count(*) FILTER (WHERE is_brand)::DOUBLE' : 'NULL::DOUBLE'} AS b FROM filtered)`;
  const parts = [`SELECT 'count' AS kind, NULL AS value, NULL::DOUBLE AS t, n FROM totals`, `SELECT 'brand', NULL, NULL, b FROM totals`];
  const counted = (kind: string, f: Facet, from: string) => {
    const value = f.list ? `unnest(${f.expr})` : f.expr;
    return `SELECT ${sqlString(kind)}, v, NULL, n FROM (SELECT v, count(*)::DOUBLE AS n FROM (SELECT ${value} AS v FROM ${from}) WHERE v IS NOT NULL AND v <> '' GROUP BY v ORDER BY n DESC, v LIMIT ${limit})`;
  };
  for (const f of all) {
    const own = ownFilterSet(state, f.key);
    parts.push(counted(`facet:${f.key}`, f, source(own, f.except)));
    // A chart counts under every filter: with its own filter off, that is the facet's count, not run twice.
    if (own && (tableOf(schema).charts as readonly string[]).includes(f.key)) parts.push(counted(`chart:${f.key}`, f, 'filtered'));
  }
  const sentiment = schema.columns.has('sentiment') ? `coalesce(sentiment, 'unlabelled')` : `'unlabelled'`;
  parts.push(`SELECT 'time', ${sentiment}, bucket::DOUBLE * ${schema.bucketMs}, count(*)::DOUBLE FROM ${source(!!(state.from || state.to), 'time')} GROUP BY ALL`);
  return `WITH ${filtered}, ${totals} ${parts.map((p) => `(${p})`).join(' UNION ALL ')}`;
}

/** True when the filter of facet `key` is set: the facet then counts without it, and its chart (with it) apart. */
export function ownFilterSet(state: ExplorerState, key: string): boolean {
  if (key.startsWith('segment:')) return state.segment !== undefined;
  return key === 'channel' || key === 'status' || key === 'category' || key === 'product' || key === 'company' || key === 'sentiment' || key === 'theme' || key === 'fault' ? !!state[key] : false;
}

/** The bucket with most filtered messages (the peak), as its start in epoch ms; no row when nothing matches. */
export function peakQuery(state: ExplorerState, schema: ExploreSchema): string {
  return `SELECT bucket::DOUBLE * ${schema.bucketMs} AS t, count(*)::DOUBLE AS n FROM ${EXPLORE_TABLE} WHERE ${whereClause(state, schema)} GROUP BY bucket ORDER BY n DESC, t LIMIT 1`;
}

/** Every filtered row with the bundle's own columns (none of the explorer's; its times as ISO instants), oldest first: "Download these rows". */
export function downloadQuery(state: ExplorerState, schema: ExploreSchema): string {
  const time = tableOf(schema).time;
  const own = [...schema.columns].filter((c) => c !== time).map((c) => `"${c}"`);
  return `SELECT ${[...own, `strftime("${time}", '%Y-%m-%dT%H:%M:%S.%gZ') AS "${time}"`].join(', ')} FROM ${EXPLORE_TABLE} WHERE ${whereClause(state, schema)} ORDER BY ms, id`;
}
