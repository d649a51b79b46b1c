/**
 * One flat record → a canonical row, or the reason it cannot be one.
 * Required fields (id where mapped, the timestamp, a message's text) reject
 * the record; an unparseable optional field becomes empty with a warning.
 * Texts are kept exactly as written (no trimming, no missing-value markers);
 * only a format that documents an HTML escaping has it undone.
 */
import { ownString, ownStringOrNull } from '../core/own-string.ts';
import type { Case, Message } from '../model.ts';
import type { FlatRecord } from './formats/index.ts';
import { ATTRIBUTES_KEY } from './formats/types.ts';
import { parseTimestamp, type TimestampOptions } from './timestamps.ts';
import { authorValue, cell, cleanId, decodeEntities, parseBool, parseCount, textValue } from './values.ts';

export interface MapContext {
  file: string;
  row: number;
  channel: string;
  timestamps: TimestampOptions;
  /** Attribute names to keep. */
  attributes: string[];
  /** True when the source maps an id column: then a missing id rejects the record. */
  idMapped: boolean;
  /** The format's HTML escaping of texts, if it has one (FormatSpec.htmlEscapedText). */
  htmlEscapedText?: 'all' | 'twitter-channel';
}

export type Mapped<T> = { ok: true; row: T; warnings: { field: string; detail: string }[] } | { ok: false; reason: string; detail: string };

/**
 * A message as read, before threading and brand resolution (which need every row). It has the message's own keys in
 * its order, so `finishMessages` completes it in place: a million fresh objects cost about 2.5 s of copying.
 * Until then `isBrand` and `inbound` hold what the export says (null: nothing).
 */
export interface MessageDraft extends Omit<Message, 'conversationId' | 'isBrand' | 'inbound'> {
  conversationId: string | null;
  isBrand: boolean | null;
  inbound: boolean | null;
}

/** Maps a flat record to a message draft. */
export function toMessage(rec: FlatRecord, ctx: MapContext): Mapped<MessageDraft> {
  const warnings: { field: string; detail: string }[] = [];
  const id = requiredId(rec.id, ctx);
  if (!id.ok) return id;
  const created = parseTimestampField(rec.created_at, ctx);
  if (!created.ok) return created;
  const text = textValue(rec.text);
  if (text === null) return { ok: false, reason: 'missing text', detail: whitespaceOnly(rec.text) ? 'the text field holds only whitespace' : 'the text field is empty' };
  const channel = (cell(rec.channel) ?? ctx.channel).toLowerCase();
  const conversationId = ownStringOrNull(optionalId(rec.conversation_id, 'conversation_id', warnings));
  const parentId = ownStringOrNull(optionalId(rec.parent_id, 'parent_id', warnings));
  const author = ownStringOrNull(authorValue(rec.author));
  const inbound = optionalBool(rec.inbound, 'inbound', warnings);
  const isBrand = optionalBool(rec.is_brand, 'is_brand', warnings);
  // Keys in the Message's order (excerpts serialise messages in it).
  const row: MessageDraft = {
    id: ownString(id.id),
    conversationId,
    parentId,
    channel,
    author,
    createdAt: created.ms,
    text: ownString(asWritten(text, channel, ctx)),
    likes: optionalCount(rec.likes, 'likes', warnings),
    shares: optionalCount(rec.shares, 'shares', warnings),
    replies: optionalCount(rec.replies, 'replies', warnings),
    sourceFile: ctx.file,
    sourceRow: ctx.row,
    attributes: attributes(rec, ctx.attributes),
    isBrand,
    inbound,
  };
  return { ok: true, row, warnings };
}

/** Maps a flat record to a case. */
export function toCase(rec: FlatRecord, ctx: MapContext): Mapped<Case & { updatedAt: number | null }> {
  const warnings: { field: string; detail: string }[] = [];
  const id = requiredId(rec.id, ctx);
  if (!id.ok) return id;
  const opened = parseTimestampField(rec.opened_at, ctx);
  if (!opened.ok) return opened;
  const when = (field: string) => optionalTimestamp(rec[field], field, ctx, warnings);
  const text = textValue(rec.text);
  const channel = (cell(rec.channel) ?? ctx.channel).toLowerCase();
  const row = {
    id: ownString(id.id),
    openedAt: opened.ms,
    firstResponseAt: when('first_response_at'),
    resolvedAt: when('resolved_at'),
    closedAt: when('closed_at'),
    updatedAt: when('updated_at'),
    status: ownStringOrNull(cell(rec.status)),
    category: ownStringOrNull(cell(rec.category)),
    subcategory: ownStringOrNull(cell(rec.subcategory)),
    product: ownStringOrNull(cell(rec.product)),
    company: ownStringOrNull(cell(rec.company)),
    channel,
    text: text === null ? null : ownString(asWritten(text, channel, ctx)),
    priority: ownStringOrNull(cell(rec.priority)),
    team: ownStringOrNull(cell(rec.team)),
    agent: ownStringOrNull(cell(rec.agent)),
    dueAt: when('due_at'),
    slaMet: optionalSlaFlag(rec.sla_met, warnings),
    reopenCount: optionalCount(rec.reopen_count, 'reopen_count', warnings),
    reassignmentCount: optionalCount(rec.reassignment_count, 'reassignment_count', warnings),
    sourceFile: ctx.file,
    sourceRow: ctx.row,
    attributes: attributes(rec, ctx.attributes),
  };
  return { ok: true, row, warnings };
}

/** The text as the export's author wrote it: the format's documented HTML escaping undone, nothing else touched. */
function asWritten(text: string, channel: string, ctx: MapContext): string {
  const escaped = ctx.htmlEscapedText === 'all' || (ctx.htmlEscapedText === 'twitter-channel' && (channel === 'twitter' || channel === 'x'));
  return escaped ? decodeEntities(text) : text;
}

/** A non-empty string that textValue found blank. */
function whitespaceOnly(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

function requiredId(value: unknown, ctx: MapContext): { ok: true; id: string } | { ok: false; reason: string; detail: string } {
  const id = cleanId(value);
  if (!id.ok) return { ok: false, reason: 'unusable id', detail: id.detail };
  if (id.id !== null) return { ok: true, id: id.id };
  // Without an id column the position in the file is the identity, stable for the same input.
  if (!ctx.idMapped) return { ok: true, id: `${ctx.file}:${ctx.row}` };
  return { ok: false, reason: 'missing id', detail: 'the id field is empty' };
}

function parseTimestampField(value: unknown, ctx: MapContext): { ok: true; ms: number } | { ok: false; reason: string; detail: string } {
  const text = cell(value);
  if (text === null) return { ok: false, reason: 'missing timestamp', detail: 'the timestamp field is empty' };
  const parsed = parseTimestamp(text, ctx.timestamps);
  return parsed.ok ? parsed : { ok: false, reason: parsed.reason, detail: parsed.detail };
}

function optionalTimestamp(value: unknown, field: string, ctx: MapContext, warnings: { field: string; detail: string }[]): number | null {
  const text = cell(value);
  if (text === null) return null;
  const parsed = parseTimestamp(text, ctx.timestamps);
  if (parsed.ok) return parsed.ms;
  warnings.push({ field, detail: parsed.detail });
  return null;
}

function optionalId(value: unknown, field: string, warnings: { field: string; detail: string }[]): string | null {
  const id = cleanId(value);
  if (id.ok) return id.id;
  warnings.push({ field, detail: id.detail });
  return null;
}

function optionalBool(value: unknown, field: string, warnings: { field: string; detail: string }[]): boolean | null {
  const b = parseBool(value);
  if (b !== undefined) return b;
  warnings.push({ field, detail: `"${String(value)}" is not true/false` });
  return null;
}

/** Words exports use for a met service level (compared without case, spaces or punctuation). */
const SLA_MET_WORDS = new Set(['ontime', 'met', 'slamet', 'within', 'withinsla', 'intime', 'achieved', 'pass', 'passed', 'ok', 'compliant']);
/** … and for a breached one. */
const SLA_MISSED_WORDS = new Set(['overdue', 'late', 'breached', 'breach', 'slabreached', 'missed', 'notmet', 'slamissed', 'violated', 'failed', 'fail', 'exceeded', 'outsidesla', 'noncompliant']);

/**
 * The export's own SLA flag: true/false, yes/no, 1/0, on-time/overdue,
 * ONTIME/OVERDUE, met/breached …; null when empty, a warning when it is none of these.
 */
export function parseSlaFlag(value: unknown): boolean | null | undefined {
  const b = parseBool(value);
  if (b !== undefined) return b;
  const word = String(value).toLowerCase().replace(/[^a-z]+/g, '');
  if (SLA_MET_WORDS.has(word)) return true;
  if (SLA_MISSED_WORDS.has(word)) return false;
  return undefined;
}

function optionalSlaFlag(value: unknown, warnings: { field: string; detail: string }[]): boolean | null {
  const b = parseSlaFlag(value);
  if (b !== undefined) return b;
  warnings.push({ field: 'sla_met', detail: `"${String(value)}" is not an SLA flag (true/false, on-time/overdue, met/breached)` });
  return null;
}

function optionalCount(value: unknown, field: string, warnings: { field: string; detail: string }[]): number | null {
  const n = parseCount(value);
  if (n !== undefined) return n;
  warnings.push({ field, detail: `"${String(value)}" is not a count` });
  return null;
}

/** Attributes of a record without any: one object for all of them (a million posts' own empty objects cost ~35 MB). */
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({});

function attributes(rec: FlatRecord, names: string[]): Record<string, string> {
  let out: Record<string, string> | null = null;
  const own = rec[ATTRIBUTES_KEY] as Record<string, unknown> | undefined;
  for (const name of names) {
    const v = cell(own && name in own ? own[name] : rec[name]);
    if (v !== null) (out ??= {})[name] = ownString(v);
  }
  return out ?? NO_ATTRIBUTES;
}
