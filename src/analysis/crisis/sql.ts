/**
 * SQL shared by the response and coverage analyses, so they agree on what
 * "answered" and "first response" mean (customer message and conversation
 * come from notions.ts). Plain DuckDB SQL over the canonical tables; no
 * extensions.
 */
import type { Engine, Row } from '../engine/engine.ts';
import { FIRST_MESSAGE_KEY_SQL, customerMessageSql } from './notions.ts';
import { roundOrNull } from './stats.ts';
import type { DurationStats } from './types.ts';

/** Seconds between two TIMESTAMP expressions, as DOUBLE (epoch_ms keeps millisecond precision). */
export function secondsBetween(from: string, to: string): string {
  return `((epoch_ms(${to}) - epoch_ms(${from})) / 1000.0)`;
}

/**
 * `first_hop`: one row per customer message that at least one brand message
 * answers directly (the brand message's `parent_id` is its id), with the
 * earliest such answer and the number of such answers (`brand_replies`).
 * `seconds` may be negative only if the export's clocks are wrong; it is
 * kept so the minimum shows it.
 */
export const FIRST_HOP_CTE = `first_hop AS (
  SELECT c.id, c.conversation_id, c.channel, c.created_at AS asked_at, min(b.created_at) AS answered_at,
         ${secondsBetween('c.created_at', 'min(b.created_at)')} AS seconds, count(*) AS brand_replies
  FROM messages c JOIN messages b ON b.parent_id = c.id
  WHERE ${customerMessageSql('c')} AND b.is_brand
  GROUP BY c.id, c.conversation_id, c.channel, c.created_at)`;

/**
 * `conv_response`: one row per conversation (notions.ts `conversations`):
 * its first customer message, that message's channel, and the first brand
 * message strictly after it in the same conversation (NULL when none:
 * unanswered). One pass grouping the messages by conversation, the brand
 * messages' times gathered in a list, instead of joining the brand messages
 * back to the conversations (about twice as fast on a million messages).
 */
export const CONVERSATION_RESPONSE_CTE = `conv_response AS (
  SELECT *, ${secondsBetween('first_at', 'answered_at')} AS seconds FROM (
    SELECT conversation_id, f.id AS first_id, f.channel AS channel, f.created_at AS first_at,
           list_min(list_filter(brand_at, lambda t: t > f.created_at)) AS answered_at
    FROM (SELECT conversation_id, min(${FIRST_MESSAGE_KEY_SQL}) FILTER (WHERE ${customerMessageSql(null)}) AS f,
                 list(created_at) FILTER (WHERE is_brand) AS brand_at
          FROM messages GROUP BY conversation_id)
    WHERE f IS NOT NULL))`;

/** SELECT list of a {@link DurationStats} over a seconds expression; read back with {@link readDurationStats}. */
export function durationSelect(x: string, prefix = 'd'): string {
  return [
    `count(${x}) AS ${prefix}_n`,
    `quantile_cont(${x}, 0.5) AS ${prefix}_median`,
    `quantile_cont(${x}, 0.9) AS ${prefix}_p90`,
    `avg(${x}) AS ${prefix}_mean`,
    `min(${x}) AS ${prefix}_min`,
    `max(${x}) AS ${prefix}_max`,
  ].join(', ');
}

/** Reads the columns written by {@link durationSelect}. */
export function readDurationStats(row: Row, prefix = 'd'): DurationStats {
  const num = (k: string) => {
    const v = row[`${prefix}_${k}`];
    return v === null || v === undefined ? null : Number(v);
  };
  return {
    n: num('n') ?? 0,
    medianSeconds: roundOrNull(num('median')),
    p90Seconds: roundOrNull(num('p90')),
    meanSeconds: roundOrNull(num('mean')),
    minSeconds: roundOrNull(num('min')),
    maxSeconds: roundOrNull(num('max')),
  };
}

/** A SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A row value as a number (BIGINT arrives as number, or string past 2^53). */
export function num(value: Row[string]): number {
  return value === null ? 0 : Number(value);
}

const FIELD = '\x1e';
const RECORD = '\x1f';

/**
 * The rows of `sql` as columns of strings (`null` for SQL NULL), in no
 * particular order, for queries returning one row per message or
 * conversation. The engine converts results row by row (several µs a row,
 * seconds at a million rows), so the rows travel packed into one string and
 * are split here. Meant for ids and numbers: an empty string reads as null.
 * A value holding a separator character shows as a field or row count that
 * does not add up, and the query is then read row by row instead. Numbers
 * come back as their SQL text (`CAST(x AS VARCHAR)`): read them with
 * `Number`, and select timestamps as `epoch_ms(...)`.
 */
export async function fetchColumns(engine: Engine, sql: string, columns: readonly string[]): Promise<(string | null)[][]> {
  const fields = columns.map((c) => `coalesce(CAST(${c} AS VARCHAR), '')`).join(` || chr(30) || `);
  const [r] = await engine.query(`SELECT count(*) AS n, string_agg(${fields}, chr(31)) AS packed FROM (${sql})`);
  const n = num(r.n);
  const out = columns.map(() => new Array<string | null>(n));
  if (n === 0) return out;
  if (unpack(String(r.packed), n, out)) return out;
  const rows = await engine.query(sql);
  rows.forEach((row, i) => columns.forEach((c, j) => (out[j][i] = row[c] === null || row[c] === '' ? null : String(row[c]))));
  return out;
}

/** Splits a packed string into `out`; false when its counts do not match (a value held a separator). */
function unpack(packed: string, n: number, out: (string | null)[][]): boolean {
  const k = out.length;
  if (k === 1 && packed.includes(FIELD)) return false;
  let pos = 0;
  for (let i = 0; i < n; i++) {
    let end = packed.indexOf(RECORD, pos);
    if (end < 0) end = packed.length;
    if ((i === n - 1) !== (end === packed.length)) return false;
    for (let j = 0; j < k; j++) {
      const last = j === k - 1;
      // Looking for the next field separator finds the one in the next row, so each search stays short.
      const next = k === 1 ? -1 : packed.indexOf(FIELD, pos);
      if (last ? next >= 0 && next < end : next < 0 || next > end) return false;
      const stop = last ? end : next;
      out[j][i] = stop === pos ? null : packed.slice(pos, stop);
      pos = stop + 1;
    }
  }
  return true;
}
