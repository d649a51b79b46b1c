/**
 * Engagement of a post: likes + shares + replies. Exports rarely carry all
 * three (TWCS carries none, the airline file only retweets), so replies fall
 * back to the direct replies present in the data, which every threaded
 * export has.
 */
import type { Message } from '../model.ts';

/** Direct replies per message id, counted from `parentId`s in the data. */
export function replyCounts(messages: readonly Message[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of messages) if (m.parentId !== null) counts.set(m.parentId, (counts.get(m.parentId) ?? 0) + 1);
  return counts;
}

/** A post's engagement parts and total. */
export interface Engagement {
  likes: number | null;
  shares: number | null;
  /** Exported reply count, else replies present in the data. */
  replies: number;
  engagement: number;
}

/** Engagement of one message; `replies` from {@link replyCounts}. */
export function engagementOf(m: Message, replies: ReadonlyMap<string, number>): Engagement {
  const r = m.replies ?? replies.get(m.id) ?? 0;
  return { likes: m.likes, shares: m.shares, replies: r, engagement: (m.likes ?? 0) + (m.shares ?? 0) + r };
}

/** True when any message carries an exported likes, shares or replies count. */
export function engagementExported(messages: readonly Message[]): boolean {
  return messages.some((m) => m.likes !== null || m.shares !== null || m.replies !== null);
}
