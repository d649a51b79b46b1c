/**
 * Engagement of a post: likes + shares + replies. Exports rarely carry all
 * three (TWCS carries none, the airline file only retweets), so replies fall
 * back to the direct replies present in the data, which every threaded
 * export has.
 *
 * On a large crisis the replies are counted in DuckDB, and only for the few
 * posts a report shows: a map of every replied-to id, or a pass over every
 * message to find a handful, costs seconds at a million messages.
 */
import type { Engine } from '../engine/engine.ts';
import type { Message } from '../model.ts';
import { compareIds } from '../report/messages-csv.ts';
import { fetchColumns, num } from './sql.ts';

/** A post's engagement parts and total. */
export interface Engagement {
  likes: number | null;
  shares: number | null;
  /** Exported reply count, else replies present in the data. */
  replies: number;
  engagement: number;
}

/** Engagement of one message; `replies` holds its direct replies in the data (see {@link replyCountsOf}; absent: none). */
export function engagementOf(m: Message, replies: ReadonlyMap<string, number>): Engagement {
  const r = m.replies ?? replies.get(m.id) ?? 0;
  return { likes: m.likes, shares: m.shares, replies: r, engagement: (m.likes ?? 0) + (m.shares ?? 0) + r };
}

/** Direct replies in the data per replied-to id, as a CTE `rc` to join on `rc.id = m.id`. */
export const REPLY_COUNTS_CTE = 'rc AS (SELECT parent_id AS id, count(*) AS n FROM messages WHERE parent_id IS NOT NULL GROUP BY parent_id)';

/** Replies of message `m` in SQL: its exported count, else its direct replies in the data (`rc` joined). */
export const REPLIES_SQL = 'coalesce(m.replies, rc.n, 0)';

/** Engagement of message `m` in SQL, as {@link engagementOf} adds it up (`rc` joined). */
export const ENGAGEMENT_SQL = `coalesce(m.likes, 0) + coalesce(m.shares, 0) + ${REPLIES_SQL}`;

/** Temporary table holding the ids {@link replyCountsOf} counts replies for. */
const IDS_TABLE = 'crisis_engagement_ids';

/** Direct replies in the data (messages whose `parentId` is the id) to each of `ids` that has any. */
export async function replyCountsOf(engine: Engine, ids: Iterable<string>): Promise<Map<string, number>> {
  const rows = [...new Set(ids)].map((id) => ({ id }));
  const out = new Map<string, number>();
  if (!rows.length) return out;
  await engine.exec(`CREATE OR REPLACE TEMP TABLE ${IDS_TABLE} (id VARCHAR)`);
  try {
    await engine.insert(IDS_TABLE, [{ sql: 'id', type: 'VARCHAR', key: 'id' }], rows);
    const [parents, counts] = await fetchColumns(
      engine,
      `SELECT m.parent_id, count(*) AS n FROM messages m JOIN ${IDS_TABLE} t ON m.parent_id = t.id GROUP BY m.parent_id`,
      ['parent_id', 'n'],
    );
    parents.forEach((id, i) => out.set(id!, Number(counts[i])));
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${IDS_TABLE}`);
  }
  return out;
}

/** One message with its engagement. */
export interface EngagedMessage {
  m: Message;
  e: Engagement;
}

/** The messages that can be among the most engaged; see {@link engagedCandidates}. */
export interface Candidates {
  ids: ReadonlySet<string>;
  /** Messages matching `where` with any engagement: the M of "the N most engaged of M". */
  engaged: number;
  /** True for a candidate: the time is compared first and the id only on a match, so a loop over every message stays cheap. */
  has(m: Message): boolean;
}

/**
 * The messages that can be among the `limit` most engaged (engagement > 0)
 * of those matching `where` (SQL over the `messages` table aliased `m`):
 * every message whose (engagement, time) ranks within `limit`, so ties on
 * both are all kept. The caller picks these messages out in a loop it makes
 * anyway, and {@link rankEngaged} puts them in their final order.
 */
export async function engagedCandidates(engine: Engine, where: string, limit: number): Promise<Candidates> {
  const rows = await engine.query(`WITH ${REPLY_COUNTS_CTE},
    e AS (SELECT m.id, m.created_at, ${ENGAGEMENT_SQL} AS engagement
          FROM messages m LEFT JOIN rc ON rc.id = m.id WHERE ${where})
    SELECT id, epoch_ms(created_at) AS ms, count(*) OVER () AS engaged FROM e WHERE engagement > 0 QUALIFY rank() OVER (ORDER BY engagement DESC, created_at) <= ${limit}`);
  const ids = new Set(rows.map((r) => String(r.id)));
  const times = [...new Set(rows.map((r) => num(r.ms)))];
  // Window functions see every row before QUALIFY cuts: `engaged` counts them all, in the same pass.
  return { ids, engaged: rows.length ? num(rows[0].engaged) : 0, has: (m) => times.includes(m.createdAt) && ids.has(m.id) };
}

/**
 * The `limit` most engaged (engagement > 0) of `candidates` (the messages of
 * {@link engagedCandidates}), most engaged first, then earlier, then by id.
 */
export function rankEngaged(candidates: readonly Message[], replies: ReadonlyMap<string, number>, limit: number): EngagedMessage[] {
  return candidates
    .map((m) => ({ m, e: engagementOf(m, replies) }))
    .filter((x) => x.e.engagement > 0)
    .sort((a, b) => b.e.engagement - a.e.engagement || a.m.createdAt - b.m.createdAt || compareIds(a.m.id, b.m.id))
    .slice(0, limit);
}
