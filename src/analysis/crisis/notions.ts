/**
 * The report's shared notions — customer message, conversation, author and
 * main episode — each defined once, here. Analyses that query DuckDB use the
 * SQL forms, those that walk the messages use the TypeScript forms (the two
 * sit side by side and are tested to agree), and the site reads the recorded
 * results, so a figure named after a notion has one value on every page.
 */
import type { Message, MessageRows } from '../model.ts';
import { messageConversationIds, messageIds, messageTimes } from '../core/message-table.ts';
import { Interner } from '../core/intern.ts';
import type { TimelineEpisode, TimelineSection } from './types.ts';

/** Plain-language definitions, shown wherever the figures are. */
export const NOTION_DEFINITIONS = {
  customerMessage: 'A customer message is an inbound message not written by one of the brand’s accounts.',
  conversation:
    'A conversation is a reply tree (a root post and every reply under it) that contains at least one customer message; it starts at its first customer message. Brand posts that no customer replied to in the data are not conversations.',
  author: 'Authors are the distinct authors of customer messages, as the export spells them; the brand’s own accounts and messages without an author are left out.',
  mainEpisode: 'The main surge is the one with the highest peak (on a tie, the one with more volume above baseline, then the earlier one).',
} as const;

// ---------------------------------------------------------------- customer message

/** SQL: a customer message (columns of `alias`, or unqualified when `alias` is null). */
export function customerMessageSql(alias: string | null): string {
  const p = alias ? `${alias}.` : '';
  return `(${p}inbound AND NOT ${p}is_brand)`;
}

/** TypeScript form of {@link customerMessageSql}. */
export function isCustomerMessage(m: Pick<Message, 'inbound' | 'isBrand'>): boolean {
  return m.inbound && !m.isBrand;
}

// ---------------------------------------------------------------- conversation

/**
 * SQL: a message as a struct whose order is {@link byConversationOrder}'s
 * (`created_at`, then the shorter id, then the smaller): the `min` of it over a
 * conversation's customer messages is the first one (fields `created_at`,
 * `id`, `channel`). One aggregation, no window sort — several times faster
 * on a million messages.
 */
export const FIRST_MESSAGE_KEY_SQL = `{'created_at': created_at, 'id_length': length(id), 'id': id, 'channel': channel}`;

/**
 * SQL CTE `conversations`: one row per conversation, i.e. per reply tree with
 * a customer message, with its first customer message (`first_id`,
 * `first_at`, `channel`). Ties in time go to the shorter id, then the
 * smaller (numeric ids in numeric order), as {@link byConversationOrder}
 * (see {@link FIRST_MESSAGE_KEY_SQL}).
 */
export const CONVERSATIONS_CTE = `conversations AS (
  SELECT conversation_id, f.id AS first_id, f.channel AS channel, f.created_at AS first_at FROM (
    SELECT conversation_id, min(${FIRST_MESSAGE_KEY_SQL}) AS f
    FROM messages m WHERE ${customerMessageSql('m')} GROUP BY conversation_id))`;

/** One conversation, TypeScript form of a {@link CONVERSATIONS_CTE} row. */
export interface Conversation {
  id: string;
  /** Every message of the reply tree, in {@link byConversationOrder}. */
  messages: Message[];
  /** Its first customer message: where the conversation starts. */
  first: Message;
}

/** The conversations of `messages`, by id (string order). */
export function conversationsOf(messages: MessageRows): Conversation[] {
  const g = conversationGroups(messages);
  const out: Conversation[] = [];
  for (let k = 0; k < g.count; k++) {
    const list: Message[] = [];
    for (let j = g.start[k]; j < g.start[k + 1]; j++) list.push(messages.at(g.order[j])!);
    out.push({ id: list[0].conversationId, messages: list, first: messages.at(g.first[k])! });
  }
  return out;
}

/**
 * The conversations of `messages` as index ranges, for loops over a whole
 * crisis: the same conversations in the same order as {@link conversationsOf}
 * (by id, messages in {@link byConversationOrder}), in a few typed arrays
 * instead of an array and an object per conversation. Conversation `k` is
 * `messages[order[j]]` for `start[k] <= j < start[k + 1]`; its first customer
 * message is `messages[first[k]]`.
 */
export interface ConversationGroups {
  count: number;
  order: Uint32Array;
  start: Uint32Array;
  first: Uint32Array;
}

/** See {@link ConversationGroups}. */
export function conversationGroups(messages: MessageRows): ConversationGroups {
  const n = messages.length;
  // Reply tree of each message, numbered in order of appearance.
  const treeIds = new Interner(n / 2);
  const tree = new Uint32Array(n);
  const sizes: number[] = [];
  const conversationIds = messageConversationIds(messages);
  for (let i = 0; i < n; i++) {
    const t = treeIds.id(conversationIds[i]);
    if (t === sizes.length) sizes.push(0);
    tree[i] = t;
    sizes[t]++;
  }
  // Trees laid out by id (string order), messages kept in input order within a tree (a counting sort).
  const next = new Uint32Array(sizes.length);
  let at = 0;
  for (const id of [...treeIds.keys].sort()) {
    const t = treeIds.find(id);
    next[t] = at;
    at += sizes[t];
  }
  const placed = new Uint32Array(n);
  for (let i = 0; i < n; i++) placed[next[tree[i]]++] = i;
  // By the columns: a message read from a table is made on each read, and a sort reads each many times.
  const ids = messageIds(messages);
  const times = messageTimes(messages);
  const byOrder = (a: number, b: number) => times[a] - times[b] || compareIdOrder(ids[a], ids[b]);
  const order = new Uint32Array(n);
  const start: number[] = [0];
  const first: number[] = [];
  // `next[t]` now marks the end of tree t; walking the layout, each tree is sorted and kept when it has a customer message.
  for (let from = 0; from < n; ) {
    const to = next[tree[placed[from]]];
    const list = sortRange(placed, from, to, byOrder);
    let firstCustomer = -1;
    for (const i of list)
      if (isCustomerMessage(messages.at(i)!)) {
        firstCustomer = i;
        break;
      }
    // A tree with no customer message (a brand post nobody answered) is not a conversation.
    if (firstCustomer >= 0) {
      const base = start[start.length - 1];
      for (let j = 0; j < list.length; j++) order[base + j] = list[j];
      start.push(base + list.length);
      first.push(firstCustomer);
    }
    from = to;
  }
  const count = first.length;
  return { count, order: order.subarray(0, start[count]), start: Uint32Array.from(start), first: Uint32Array.from(first) };
}

/** `indices[from, to)` sorted stably by `compare`: insertion sort for the many small trees, Array sort for big ones. */
function sortRange(indices: Uint32Array, from: number, to: number, compare: (a: number, b: number) => number): ArrayLike<number> & Iterable<number> {
  if (to - from > 16) return Array.from(indices.subarray(from, to)).sort(compare);
  const out = indices.subarray(from, to);
  for (let i = 1; i < out.length; i++) {
    const v = out[i];
    let j = i - 1;
    while (j >= 0 && compare(out[j], v) > 0) {
      out[j + 1] = out[j];
      j--;
    }
    out[j + 1] = v;
  }
  return out;
}

/** Time order with the SQL tie-break (`ORDER BY created_at, length(id), id`). */
export function byConversationOrder(a: Message, b: Message): number {
  return a.createdAt - b.createdAt || compareIdOrder(a.id, b.id);
}

/** Ids in {@link byConversationOrder}'s order: the shorter first (numeric ids), then the smaller. */
function compareIdOrder(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

// ---------------------------------------------------------------- author

/** The distinct authors of `messages` (see {@link NOTION_DEFINITIONS}.author). */
export function authorsOf(messages: MessageRows): Set<string> {
  const out = new Set<string>();
  for (const m of messages) if (m.author !== null && isCustomerMessage(m)) out.add(m.author);
  return out;
}

// ---------------------------------------------------------------- main episode

/** The main surge among `episodes` by the rule in {@link NOTION_DEFINITIONS}; null when there is none. */
export function pickMainEpisode(episodes: readonly TimelineEpisode[]): TimelineEpisode | null {
  // Negative when `a` ranks before `b`.
  const rank = (a: TimelineEpisode, b: TimelineEpisode) => b.peak.volume - a.peak.volume || b.excessVolume - a.excessVolume || a.onset.at.localeCompare(b.onset.at);
  return episodes.reduce<TimelineEpisode | null>((best, e) => (best === null || rank(e, best) < 0 ? e : best), null);
}

/**
 * The main surge of a timeline: the one the timeline analysis recorded in
 * `mainEpisodeIndex`. Reports written before that field existed fall back to
 * the same rule, so a page never works it out differently.
 */
export function mainEpisodeOf(t: TimelineSection | undefined): TimelineEpisode | undefined {
  if (!t) return undefined;
  if (t.mainEpisodeIndex === undefined) return pickMainEpisode(t.episodes) ?? undefined;
  return t.episodes.find((e) => e.index === t.mainEpisodeIndex);
}
