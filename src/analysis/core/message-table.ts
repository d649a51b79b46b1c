/**
 * A crisis's messages by column. Why: as one object each, a message cost
 * about 210 bytes besides its id and text (the object, its boxed time, its
 * own empty attributes record), two gigabytes of heap for ten million posts.
 * Here a message costs its columns' slots: a time in a `Float64Array`, two
 * flags in a byte, channel, source file and counts coded (cell-column.ts).
 * `at(i)` makes the message object when it is read; analyses read it, take
 * what they need and drop it, so those objects die young.
 */
import type { Message, MessageRows } from '../model.ts';
import { CellColumn } from './cell-column.ts';
import { IndexedRows } from './indexed-rows.ts';

/** The attributes of every message that has none: one frozen record, not one each. */
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;

const IS_BRAND = 1;
const INBOUND = 2;

/** Messages held by column; reads as a {@link MessageRows}. */
export class MessageTable extends IndexedRows<Message> implements MessageRows {
  readonly length: number;
  readonly ids: readonly string[];
  readonly texts: readonly string[];
  /** Epoch milliseconds, UTC. */
  readonly createdAt: Float64Array;
  readonly conversationIds: readonly string[];
  private readonly parentIds: (string | null)[];
  private readonly channels: CellColumn;
  private readonly authors: CellColumn;
  private readonly flags: Uint8Array;
  private readonly likes: CellColumn;
  private readonly shares: CellColumn;
  private readonly replies: CellColumn;
  private readonly sourceFiles: CellColumn;
  private readonly sourceRows: Float64Array;
  private readonly attributes: Record<string, string>[];

  /**
   * The messages of `rows`, by column. With `consume`, each slot of `rows` is
   * emptied once it is copied and the array is left empty: its objects can be
   * collected while the table fills, so both never stand whole at once.
   */
  constructor(rows: Message[], { consume = false }: { consume?: boolean } = {}) {
    super();
    const n = rows.length;
    this.length = n;
    const ids = new Array<string>(n);
    const texts = new Array<string>(n);
    const conversationIds = new Array<string>(n);
    this.parentIds = new Array<string | null>(n);
    this.attributes = new Array<Record<string, string>>(n);
    this.createdAt = new Float64Array(n);
    this.sourceRows = new Float64Array(n);
    this.flags = new Uint8Array(n);
    this.channels = new CellColumn(n);
    this.authors = new CellColumn(n);
    this.likes = new CellColumn(n);
    this.shares = new CellColumn(n);
    this.replies = new CellColumn(n);
    this.sourceFiles = new CellColumn(n);
    for (let i = 0; i < n; i++) {
      const m = rows[i]!;
      ids[i] = m.id;
      texts[i] = m.text;
      conversationIds[i] = m.conversationId;
      this.parentIds[i] = m.parentId;
      this.channels.set(i, m.channel);
      this.authors.set(i, m.author);
      this.flags[i] = (m.isBrand ? IS_BRAND : 0) | (m.inbound ? INBOUND : 0);
      this.createdAt[i] = m.createdAt;
      this.likes.set(i, m.likes);
      this.shares.set(i, m.shares);
      this.replies.set(i, m.replies);
      this.sourceFiles.set(i, m.sourceFile);
      this.sourceRows[i] = m.sourceRow;
      this.attributes[i] = hasKeys(m.attributes) ? m.attributes : NO_ATTRIBUTES;
      if (consume) (rows as (Message | undefined)[])[i] = undefined;
    }
    if (consume) rows.length = 0;
    this.ids = ids;
    this.texts = texts;
    this.conversationIds = conversationIds;
  }

  /** One field of every message, read by position without making the messages (a published table reads a dozen). */
  field<K extends keyof Message>(key: K): (index: number) => Message[K] {
    return this.readers()[key] as (index: number) => Message[K];
  }

  private readers(): { [K in keyof Message]: (i: number) => Message[K] } {
    const cell = <T>(column: CellColumn) => (i: number) => column.at(i) as T;
    return {
      id: (i) => this.ids[i]!,
      conversationId: (i) => this.conversationIds[i]!,
      parentId: (i) => this.parentIds[i]!,
      channel: cell<string>(this.channels),
      author: cell<string | null>(this.authors),
      isBrand: (i) => (this.flags[i]! & IS_BRAND) !== 0,
      inbound: (i) => (this.flags[i]! & INBOUND) !== 0,
      createdAt: (i) => this.createdAt[i]!,
      text: (i) => this.texts[i]!,
      likes: cell<number | null>(this.likes),
      shares: cell<number | null>(this.shares),
      replies: cell<number | null>(this.replies),
      sourceFile: cell<string>(this.sourceFiles),
      sourceRow: (i) => this.sourceRows[i]!,
      attributes: (i) => this.attributes[i]!,
    };
  }

  // Every message object is made here, its keys in one order (one hidden class for every read): the order ingest
  // writes them in (ingest/map-record.ts), which is the order excerpts.json prints them in.
  protected row(i: number): Message {
    const flags = this.flags[i]!;
    return {
      id: this.ids[i]!,
      conversationId: this.conversationIds[i]!,
      parentId: this.parentIds[i]!,
      channel: this.channels.at(i) as string,
      author: this.authors.at(i) as string | null,
      createdAt: this.createdAt[i]!,
      text: this.texts[i]!,
      likes: this.likes.at(i) as number | null,
      shares: this.shares.at(i) as number | null,
      replies: this.replies.at(i) as number | null,
      sourceFile: this.sourceFiles.at(i) as string,
      sourceRow: this.sourceRows[i]!,
      attributes: this.attributes[i]!,
      isBrand: (flags & IS_BRAND) !== 0,
      inbound: (flags & INBOUND) !== 0,
    };
  }
}

function hasKeys(record: Record<string, string>): boolean {
  for (const _ in record) return true;
  return false;
}

/** Every message's text, in order: a table's own column, else read from each message. */
export function messageTexts(rows: MessageRows | readonly { text: string }[]): readonly string[] {
  return rows instanceof MessageTable ? rows.texts : (rows as readonly { text: string }[]).map((m) => m.text);
}

/** Every message's id, in order: a table's own column, else read from each message. */
export function messageIds(rows: MessageRows): readonly string[] {
  return rows instanceof MessageTable ? rows.ids : rows.map((m) => m.id);
}

/** Every message's conversation id, in order: a table's own column, else read from each message. */
export function messageConversationIds(rows: MessageRows): readonly string[] {
  return rows instanceof MessageTable ? rows.conversationIds : rows.map((m) => m.conversationId);
}

/** Every message's time (epoch ms), in order: a table's own column, else read from each message. */
export function messageTimes(rows: MessageRows): ArrayLike<number> {
  return rows instanceof MessageTable ? rows.createdAt : Float64Array.from(rows.map((m) => m.createdAt));
}

/** One field of every message, read by position: a table's own column, else read from each message. */
export function messageField<K extends keyof Message>(rows: MessageRows, key: K): (index: number) => Message[K] {
  return rows instanceof MessageTable ? rows.field(key) : (i) => rows.at(i)![key];
}
