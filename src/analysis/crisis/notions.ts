/**
 * The report's shared notions — customer message, conversation, author and
 * main episode — each defined once, here. Analyses that query DuckDB use the
 * SQL forms, those that walk the messages use the TypeScript forms (the two
 * sit side by side and are tested to agree), and the site reads the recorded
 * results, so a figure named after a notion has one value on every page.
 */
import type { Message } from '../model.ts';
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
 * SQL CTE `conversations`: one row per conversation, i.e. per reply tree with
 * a customer message, with its first customer message (`first_id`,
 * `first_at`, `channel`). Ties in time go to the shorter id, then the
 * smaller (numeric ids in numeric order), as {@link byConversationOrder}.
 */
export const CONVERSATIONS_CTE = `conversations AS (
  SELECT conversation_id, id AS first_id, channel, created_at AS first_at FROM (
    SELECT conversation_id, id, channel, created_at,
           row_number() OVER (PARTITION BY conversation_id ORDER BY created_at, length(id), id) AS rn
    FROM messages m WHERE ${customerMessageSql('m')}) WHERE rn = 1)`;

/** One conversation, TypeScript form of a {@link CONVERSATIONS_CTE} row. */
export interface Conversation {
  id: string;
  /** Every message of the reply tree, in {@link byConversationOrder}. */
  messages: Message[];
  /** Its first customer message: where the conversation starts. */
  first: Message;
}

/** The conversations of `messages`, by id (string order). */
export function conversationsOf(messages: readonly Message[]): Conversation[] {
  const trees = new Map<string, Message[]>();
  for (const m of messages) {
    let list = trees.get(m.conversationId);
    if (!list) trees.set(m.conversationId, (list = []));
    list.push(m);
  }
  const out: Conversation[] = [];
  for (const id of [...trees.keys()].sort()) {
    const list = trees.get(id)!.sort(byConversationOrder);
    const first = list.find(isCustomerMessage);
    // A tree with no customer message (a brand post nobody answered) is not a conversation.
    if (first) out.push({ id, messages: list, first });
  }
  return out;
}

/** Time order with the SQL tie-break (`ORDER BY created_at, length(id), id`). */
export function byConversationOrder(a: Message, b: Message): number {
  return a.createdAt - b.createdAt || a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

// ---------------------------------------------------------------- author

/** The distinct authors of `messages` (see {@link NOTION_DEFINITIONS}.author). */
export function authorsOf(messages: readonly Message[]): Set<string> {
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
