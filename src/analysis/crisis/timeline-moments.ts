/**
 * What the timeline pins on the chart: the brand's first response after each
 * onset, and the posts that drew the most engagement.
 */
import type { Engine } from '../engine/engine.ts';
import type { Message } from '../model.ts';
import { compareIds } from '../report/messages-csv.ts';
import { rankEngaged } from './engagement.ts';
import { customerMessageSql } from './notions.ts';
import { num, sqlString } from './sql.ts';
import type { KeyMoment, MomentMessage } from './types.ts';

/** Most-engaged posts pinned on the chart. */
export const MOST_ENGAGED_MOMENTS = 5;

/** Channels where brand messages are not public; their replies do not count as a public response. */
export const PRIVATE_CHANNELS = new Set(['email', 'phone', 'chat', 'sms', 'dm', 'direct', 'private', 'messenger', 'whatsapp']);

/** SQL: a public brand message (columns of `alias`); brand messages on private channels are not a public response. */
function publicBrandSql(alias: string): string {
  return `(${alias}.is_brand AND coalesce(${alias}.channel, '') NOT IN (${[...PRIVATE_CHANNELS].map(sqlString).join(', ')}))`;
}

/**
 * The first of the messages `sql` selects (columns `id` and `ms`, epoch ms):
 * DuckDB returns those at the earliest time, and a time tie goes to the
 * smaller id ({@link compareIds}).
 */
async function earliest(engine: Engine, sql: string, onset: number): Promise<MomentMessage | null> {
  const rows = await engine.query(`SELECT id, ms FROM (${sql}) QUALIFY rank() OVER (ORDER BY ms) = 1`);
  if (!rows.length) return null;
  const ids = rows.map((r) => String(r.id)).sort(compareIds);
  return moment(ids[0], num(rows[0].ms), onset);
}

/** The brand's first public message at or after `onset`. */
export async function firstBrandResponse(engine: Engine, onset: number): Promise<MomentMessage | null> {
  return earliest(engine, `SELECT id, epoch_ms(created_at) AS ms FROM messages b WHERE ${publicBrandSql('b')} AND epoch_ms(b.created_at) >= ${onset}`, onset);
}

/**
 * The brand's first public reply to a customer message posted during
 * `[onset, end)`: a brand message whose parent is such a message, or that
 * follows one in its conversation — the first time the brand answered someone
 * caught up in the surge. A brand post that answers nothing of the episode
 * (a contest tweet, a reply to an older thread) is not one.
 */
export async function firstBrandReplyToEpisode(engine: Engine, onset: number, end: number): Promise<MomentMessage | null> {
  const inEpisode = `${customerMessageSql('c')} AND epoch_ms(c.created_at) >= ${onset} AND epoch_ms(c.created_at) < ${end}`;
  return earliest(
    engine,
    `WITH asked AS (SELECT conversation_id, min(created_at) AS asked_at FROM messages c WHERE ${inEpisode} AND conversation_id IS NOT NULL GROUP BY conversation_id)
     SELECT b.id, epoch_ms(b.created_at) AS ms FROM messages b
     WHERE ${publicBrandSql('b')} AND epoch_ms(b.created_at) >= ${onset}
       AND (EXISTS (SELECT 1 FROM messages c WHERE c.id = b.parent_id AND ${inEpisode})
            OR EXISTS (SELECT 1 FROM asked a WHERE a.conversation_id = b.conversation_id AND b.created_at > a.asked_at))`,
    onset,
  );
}

/** SQL condition (over `messages` aliased `m`) for the posts {@link engagedMoments} ranks: those within `[start, end]`. */
export function engagedMomentsWhere(start: number, end: number): string {
  return `epoch_ms(m.created_at) BETWEEN ${start} AND ${end}`;
}

/** The `limit` most-engaged posts among `candidates` (see engagement.ts) as key moments (engagement > 0 only). */
export function engagedMoments(candidates: readonly Message[], replies: ReadonlyMap<string, number>, limit = MOST_ENGAGED_MOMENTS): KeyMoment[] {
  return rankEngaged(candidates, replies, limit).map(({ m, e }) => ({
    kind: 'most-engaged' as const,
    at: iso(m.createdAt),
    label: `Most engaged: ${clip(m.text, 80)}`,
    episode: null,
    messageId: m.id,
    value: e.engagement,
  }));
}

function moment(id: string, at: number, onset: number): MomentMessage {
  return { at: iso(at), messageId: id, minutesAfterOnset: Math.round((at - onset) / 6_000) / 10 };
}

/** ISO string of epoch ms. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
