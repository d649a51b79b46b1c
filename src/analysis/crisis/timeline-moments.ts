/**
 * What the timeline pins on the chart: the brand's first response after each
 * onset, and the posts that drew the most engagement.
 */
import type { Message } from '../model.ts';
import { compareIds } from '../report/messages-csv.ts';
import { engagementOf, replyCounts } from './engagement.ts';
import { isCustomerMessage } from './notions.ts';
import type { KeyMoment, MomentMessage } from './types.ts';

/** Channels where brand messages are not public; their replies do not count as a public response. */
export const PRIVATE_CHANNELS = new Set(['email', 'phone', 'chat', 'sms', 'dm', 'direct', 'private', 'messenger', 'whatsapp']);

/** Messages in time order (ties by id), for the lookups below. */
export function sortByTime(messages: readonly Message[]): Message[] {
  return [...messages].sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id));
}

/** The brand's first public message at or after `onset`. */
export function firstBrandResponse(sorted: readonly Message[], onset: number): MomentMessage | null {
  const m = sorted.find((x) => x.isBrand && x.createdAt >= onset && !PRIVATE_CHANNELS.has(x.channel));
  return m ? moment(m, onset) : null;
}

/**
 * The brand's first public reply in a conversation a customer posted in
 * during `[onset, end)`, after that customer message: the first time the
 * brand answered someone caught up in the surge.
 */
export function firstBrandReplyToEpisode(sorted: readonly Message[], onset: number, end: number): MomentMessage | null {
  const askedAt = new Map<string, number>();
  for (const m of sorted) {
    if (m.createdAt < onset) continue;
    if (m.createdAt < end && isCustomerMessage(m) && !askedAt.has(m.conversationId)) askedAt.set(m.conversationId, m.createdAt);
    if (!m.isBrand || PRIVATE_CHANNELS.has(m.channel)) continue;
    const asked = askedAt.get(m.conversationId);
    if (asked !== undefined && m.createdAt > asked) return moment(m, onset);
  }
  return null;
}

/** The `limit` most-engaged posts within `[start, end]` as key moments (engagement > 0 only). */
export function mostEngagedMoments(messages: readonly Message[], start: number, end: number, limit = 5): KeyMoment[] {
  const replies = replyCounts(messages);
  return messages
    .filter((m) => m.createdAt >= start && m.createdAt <= end)
    .map((m) => ({ m, e: engagementOf(m, replies).engagement }))
    .filter((x) => x.e > 0)
    .sort((a, b) => b.e - a.e || a.m.createdAt - b.m.createdAt || compareIds(a.m.id, b.m.id))
    .slice(0, limit)
    .map(({ m, e }) => ({
      kind: 'most-engaged' as const,
      at: iso(m.createdAt),
      label: `Most engaged: ${clip(m.text, 80)}`,
      episode: null,
      messageId: m.id,
      value: e,
    }));
}

function moment(m: Message, onset: number): MomentMessage {
  return { at: iso(m.createdAt), messageId: m.id, minutesAfterOnset: Math.round((m.createdAt - onset) / 6_000) / 10 };
}

/** ISO string of epoch ms. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
