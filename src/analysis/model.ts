/**
 * The canonical model: the two tables every analysis reads.
 *
 * Ingest turns any export into rows of these shapes; the DuckDB engine holds
 * them as the `messages` and `cases` tables (DDL below). Timestamps are epoch
 * milliseconds in UTC in TypeScript and plain `TIMESTAMP` (UTC) in DuckDB:
 * DuckDB-WASM offline cannot load the ICU extension that `TIMESTAMPTZ` needs.
 */

/** One post, reply, comment or ticket comment. */
export interface Message {
  /** Source id as a string: tweet ids overflow JavaScript numbers. */
  id: string;
  /** Id of the root of the reply tree this message belongs to (its own id for a root). */
  conversationId: string;
  /** Id of the message this one replies to, as given by the export (may be absent from the data). */
  parentId: string | null;
  /** Where it was said: `twitter`, `facebook`, `email`, `web`, … (lower case). */
  channel: string;
  /** Author id or screen name as exported. */
  author: string | null;
  /** True when the author is one of the brand's handles (or the export marks it outbound). */
  isBrand: boolean;
  /** True for customer → brand traffic. */
  inbound: boolean;
  /** Epoch milliseconds, UTC. */
  createdAt: number;
  /** Text with HTML entities decoded. */
  text: string;
  likes: number | null;
  shares: number | null;
  replies: number | null;
  /** Export file name (relative to the crisis directory) and 1-based physical line (CSV) or record number (JSON). */
  sourceFile: string;
  sourceRow: number;
  /** Other columns the export carries that analyses may score against (e.g. human labels). */
  attributes: Record<string, string>;
}

/** Rows read by position: a plain array, or a table that makes each row only when it is read. */
export interface RowsByPosition<R> {
  readonly length: number;
  at(index: number): R | undefined;
}

/** Rows read by position or in order: a plain array, or a table that makes each row only when it is read. */
export interface RowList<R> extends RowsByPosition<R>, Iterable<R> {
  map<U>(f: (row: R, index: number) => U): U[];
  filter(f: (row: R, index: number) => boolean): R[];
  some(f: (row: R, index: number) => boolean): boolean;
  every(f: (row: R, index: number) => boolean): boolean;
  find(f: (row: R, index: number) => boolean): R | undefined;
  forEach(f: (row: R, index: number) => void): void;
}

/**
 * The crisis's messages as analyses read them: a plain array (tests, a small
 * upload) or a `MessageTable` (core/message-table.ts), which keeps them by
 * column and makes a message object only when one is read. Such an object is
 * fresh on every read: keep it no longer than needed, and never compare
 * messages by identity (compare ids).
 */
export type MessageRows = RowList<Message>;

/** One ticket, complaint or incident. */
export interface Case {
  id: string;
  openedAt: number;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  status: string | null;
  category: string | null;
  subcategory: string | null;
  product: string | null;
  company: string | null;
  channel: string | null;
  text: string | null;
  /** Priority or severity as the export writes it (`P1`, `urgent`, `3`). */
  priority: string | null;
  /** Assignment group, queue or team the case sits with. */
  team: string | null;
  /** The agent (assignee) the case sits with, as exported. */
  agent: string | null;
  /** Service-level due time, epoch milliseconds UTC. */
  dueAt: number | null;
  /** The export's own service-level flag: true met / on time, false breached / overdue. */
  slaMet: boolean | null;
  /** Times the case was reopened, as the export counts them. */
  reopenCount: number | null;
  /** Times the case was reassigned (to another group or agent), as the export counts them. */
  reassignmentCount: number | null;
  sourceFile: string;
  sourceRow: number;
  attributes: Record<string, string>;
}

/**
 * How a case's id is written where messages and case narratives share one
 * list (language analyses, fault examples, the bundle's quotes): `case:<id>`.
 */
export const CASE_PREFIX = 'case:';

/** Column of a canonical table: name in SQL and CSV, DuckDB type, key in the TS row. */
export interface ColumnSpec<Row> {
  sql: string;
  type: 'VARCHAR' | 'BOOLEAN' | 'TIMESTAMP' | 'BIGINT' | 'INTEGER';
  key: keyof Row;
}

export const MESSAGE_COLUMNS: ColumnSpec<Message>[] = [
  { sql: 'id', type: 'VARCHAR', key: 'id' },
  { sql: 'conversation_id', type: 'VARCHAR', key: 'conversationId' },
  { sql: 'parent_id', type: 'VARCHAR', key: 'parentId' },
  { sql: 'channel', type: 'VARCHAR', key: 'channel' },
  { sql: 'author', type: 'VARCHAR', key: 'author' },
  { sql: 'is_brand', type: 'BOOLEAN', key: 'isBrand' },
  { sql: 'inbound', type: 'BOOLEAN', key: 'inbound' },
  { sql: 'created_at', type: 'TIMESTAMP', key: 'createdAt' },
  { sql: 'text', type: 'VARCHAR', key: 'text' },
  { sql: 'likes', type: 'BIGINT', key: 'likes' },
  { sql: 'shares', type: 'BIGINT', key: 'shares' },
  { sql: 'replies', type: 'BIGINT', key: 'replies' },
  { sql: 'source_file', type: 'VARCHAR', key: 'sourceFile' },
  { sql: 'source_row', type: 'BIGINT', key: 'sourceRow' },
];

export const CASE_COLUMNS: ColumnSpec<Case>[] = [
  { sql: 'id', type: 'VARCHAR', key: 'id' },
  { sql: 'opened_at', type: 'TIMESTAMP', key: 'openedAt' },
  { sql: 'first_response_at', type: 'TIMESTAMP', key: 'firstResponseAt' },
  { sql: 'resolved_at', type: 'TIMESTAMP', key: 'resolvedAt' },
  { sql: 'closed_at', type: 'TIMESTAMP', key: 'closedAt' },
  { sql: 'status', type: 'VARCHAR', key: 'status' },
  { sql: 'category', type: 'VARCHAR', key: 'category' },
  { sql: 'subcategory', type: 'VARCHAR', key: 'subcategory' },
  { sql: 'product', type: 'VARCHAR', key: 'product' },
  { sql: 'company', type: 'VARCHAR', key: 'company' },
  { sql: 'channel', type: 'VARCHAR', key: 'channel' },
  { sql: 'text', type: 'VARCHAR', key: 'text' },
  { sql: 'priority', type: 'VARCHAR', key: 'priority' },
  { sql: 'team', type: 'VARCHAR', key: 'team' },
  { sql: 'agent', type: 'VARCHAR', key: 'agent' },
  { sql: 'due_at', type: 'TIMESTAMP', key: 'dueAt' },
  { sql: 'sla_met', type: 'BOOLEAN', key: 'slaMet' },
  { sql: 'reopen_count', type: 'BIGINT', key: 'reopenCount' },
  { sql: 'reassignment_count', type: 'BIGINT', key: 'reassignmentCount' },
  { sql: 'source_file', type: 'VARCHAR', key: 'sourceFile' },
  { sql: 'source_row', type: 'BIGINT', key: 'sourceRow' },
];

/**
 * Attributes live in long tables (`message_attributes`, `case_attributes`:
 * `id, key, value`) because their keys differ per export; a JSON column would
 * need DuckDB's json extension, which DuckDB-WASM cannot download offline.
 */
export const ATTRIBUTE_TABLE_COLUMNS = ['id', 'key', 'value'] as const;

/** `CREATE TABLE` for a canonical table. */
export function createTableSql<Row>(table: string, columns: ColumnSpec<Row>[]): string {
  return `CREATE TABLE ${table} (${columns.map((c) => `${c.sql} ${c.type}`).join(', ')})`;
}
