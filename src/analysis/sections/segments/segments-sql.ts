/**
 * SQL of the segments figures. Every figure is grouped by
 * `GROUPING SETS ((segment), ())`, so one query gives each segment's figure
 * and the overall one by the same expression: the segments add up to the
 * whole by construction. The definitions are the crisis-wide ones —
 * customer message and conversation from notions.ts, conversation first
 * response from the response analysis's CTE, SLA from the tickets section.
 */
import type { Engine, Row } from '../../engine/engine.ts';
import type { Case, ColumnSpec, Message } from '../../model.ts';
import type { RowColumns } from '../../runner/row-columns.ts';
import { CONVERSATION_RESPONSE_CTE, durationSelect, num, secondsBetween } from '../../crisis/sql.ts';
import { slaCountSelect, ticketsCte } from '../tickets/cases-sql.ts';
import type { SlaBasis } from '../tickets/schema.ts';
import { segmentValuesSql, type SegmentField } from './fields.ts';

/** Temporary tables of the analysis (dropped when it ends). */
export const TEMP_TABLES = {
  /** id, sentiment, themes, fault: the analysis columns of each table's records, copied into SQL. */
  labels: (table: 'messages' | 'cases') => `segments_labels_${table}`,
  /** id, segment, rank, and the labels: the records of the breakdown being computed. */
  records: 'segments_records',
  /** The response analysis's conversations (first customer message, first brand reply after it). */
  conversations: 'segments_conversations',
} as const;

/** Analysis columns of one record. */
interface LabelRow {
  id: string;
  sentiment: string | null;
  themes: string | null;
  fault: string | null;
}

const LABEL_COLUMNS: ColumnSpec<LabelRow>[] = [
  { sql: 'id', type: 'VARCHAR', key: 'id' },
  { sql: 'sentiment', type: 'VARCHAR', key: 'sentiment' },
  { sql: 'themes', type: 'VARCHAR', key: 'themes' },
  { sql: 'fault', type: 'VARCHAR', key: 'fault' },
];

/**
 * Copies the `sentiment`, `themes` and `fault` columns of a table's rows
 * into a temporary table: the analyses keep them in memory, and every figure
 * after this is SQL. Rows without any of them are left out.
 */
export async function loadLabels(engine: Engine, table: 'messages' | 'cases', rows: Iterable<Pick<Message | Case, 'id'>>, columns: RowColumns): Promise<void> {
  const name = TEMP_TABLES.labels(table);
  const text = (id: string, column: string) => {
    const v = columns.value(id, column);
    return typeof v === 'string' && v !== '' ? v : null;
  };
  const labels: LabelRow[] = [];
  for (const r of rows) {
    const row = { id: r.id, sentiment: text(r.id, 'sentiment'), themes: text(r.id, 'themes'), fault: text(r.id, 'fault') };
    if (row.sentiment !== null || row.themes !== null || row.fault !== null) labels.push(row);
  }
  await engine.exec(`CREATE OR REPLACE TEMP TABLE ${name} (id VARCHAR, sentiment VARCHAR, themes VARCHAR, fault VARCHAR)`);
  await engine.insert(name, LABEL_COLUMNS, labels);
}

/**
 * Fills {@link TEMP_TABLES.records} with the breakdown's records: `segment`
 * is the record's value when its segment is among the `max` largest (by
 * volume, then value), else NULL; `rank` is the segment's place (every
 * segment has one, so the largest rank counts the segments).
 */
export async function loadRecords(engine: Engine, f: SegmentField, max: number): Promise<void> {
  await engine.exec(`CREATE OR REPLACE TEMP TABLE ${TEMP_TABLES.records} AS
    WITH r AS (${segmentValuesSql(f)}),
    v AS (SELECT value, count(*) AS volume FROM r GROUP BY value),
    k AS (SELECT value, row_number() OVER (ORDER BY volume DESC, value) AS rank FROM v)
    SELECT r.id, CASE WHEN k.rank <= ${max} THEN r.value END AS segment, k.rank, l.sentiment, l.themes, l.fault
    FROM r JOIN k USING (value) LEFT JOIN ${TEMP_TABLES.labels(f.table)} l USING (id)`);
}

/** Copies the response analysis's conversations (CONVERSATION_RESPONSE_CTE) into a temporary table, read by every messages breakdown. */
export async function loadConversations(engine: Engine): Promise<void> {
  await engine.exec(`CREATE OR REPLACE TEMP TABLE ${TEMP_TABLES.conversations} AS WITH ${CONVERSATION_RESPONSE_CTE} SELECT * FROM conv_response`);
}

/** Drops every temporary table of the analysis. */
export async function dropTemporaryTables(engine: Engine): Promise<void> {
  for (const t of [TEMP_TABLES.labels('messages'), TEMP_TABLES.labels('cases'), TEMP_TABLES.records, TEMP_TABLES.conversations]) await engine.exec(`DROP TABLE IF EXISTS ${t}`);
}

/** Rows of one grouped query: the overall row (`null` key) and one per listed segment; the omitted segments' row is dropped. */
export type Grouped = Map<string | null, Row>;

async function grouped(engine: Engine, sql: string): Promise<Grouped> {
  const out: Grouped = new Map();
  for (const r of await engine.query(sql)) {
    if (num(r.g)) out.set(null, r);
    else if (r.segment !== null) out.set(String(r.segment), r);
  }
  return out;
}

const BY_SEGMENT = 'GROUP BY GROUPING SETS ((s.segment), ())';
const KEY = 's.segment AS segment, GROUPING(s.segment) AS g';

/** Volume, sentiment counts, and the segment's place, per segment and overall. */
export function volumes(engine: Engine): Promise<Grouped> {
  return grouped(engine, `SELECT ${KEY}, min(s.rank) AS rank, max(s.rank) AS segments, count(*) AS volume, count(s.sentiment) AS labelled,
    count(*) FILTER (WHERE s.sentiment = 'negative') AS negative FROM ${TEMP_TABLES.records} s ${BY_SEGMENT}`);
}

/**
 * Conversation figures of a messages breakdown: a conversation belongs to the
 * segment of its first customer message (as it belongs to that message's
 * channel in the response section). Within SLA: answered within `slaSeconds`,
 * unanswered conversations counting as missed.
 */
export function conversationFigures(engine: Engine, slaSeconds: number): Promise<Grouped> {
  return grouped(engine, `SELECT ${KEY}, count(*) AS conversations, count(c.answered_at) AS answered,
    count(*) FILTER (WHERE c.seconds <= ${slaSeconds}) AS within, ${durationSelect('c.seconds')}
    FROM ${TEMP_TABLES.conversations} c JOIN ${TEMP_TABLES.records} s ON s.id = c.first_id ${BY_SEGMENT}`);
}

/**
 * Case figures of a cases breakdown: first response from opening (as the
 * response section's case times) and SLA attainment on `basis` (the tickets
 * section's predicates over its `t` CTE).
 */
export function caseFigures(engine: Engine, basis: SlaBasis | null, resolutionHours: Record<string, number> | undefined): Promise<Grouped> {
  return grouped(engine, `WITH ${ticketsCte(resolutionHours)} SELECT ${KEY},
    ${durationSelect(secondsBetween('opened_at', 'first_response_at'))}, ${slaCountSelect(basis)}
    FROM t JOIN ${TEMP_TABLES.records} s USING (id) ${BY_SEGMENT}`);
}

/** Most themes and faults listed per segment. */
export const TOP_TOPICS = 3;

/** One of a segment's top themes or faults, with how many the segment has in all (`total`). */
export interface TopicCount {
  id: string;
  records: number;
  total: number;
}

/**
 * The most frequent themes or faults of each segment and overall, most
 * records first (ties by id). Both columns hold `;`-separated ids: a record
 * whose fault column names several faults counts once for each.
 */
export async function topTopics(engine: Engine, column: 'themes' | 'fault'): Promise<Map<string | null, TopicCount[]>> {
  const topics = `unnest(string_split(s.${column}, ';'))`;
  const rows = await engine.query(`WITH x AS (SELECT s.segment, ${topics} AS topic FROM ${TEMP_TABLES.records} s WHERE s.${column} IS NOT NULL),
    c AS (SELECT segment, GROUPING(segment) AS g, topic, count(*) AS n FROM x WHERE topic <> '' GROUP BY GROUPING SETS ((segment, topic), (topic)))
    SELECT segment, g, topic, n, count(*) OVER (PARTITION BY g, segment) AS total FROM c
    QUALIFY row_number() OVER (PARTITION BY g, segment ORDER BY n DESC, topic) <= ${TOP_TOPICS}
    ORDER BY g, segment, n DESC, topic`);
  const out = new Map<string | null, TopicCount[]>();
  for (const r of rows) {
    const key = num(r.g) ? null : r.segment === null ? undefined : String(r.segment);
    if (key === undefined) continue;
    const list = out.get(key) ?? [];
    list.push({ id: String(r.topic), records: num(r.n), total: num(r.total) });
    out.set(key, list);
  }
  return out;
}
