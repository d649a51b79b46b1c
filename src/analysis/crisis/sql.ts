/**
 * SQL shared by the response and coverage analyses, so they agree on what
 * "answered" and "first response" mean (customer message and conversation
 * come from notions.ts). Plain DuckDB SQL over the canonical tables; no
 * extensions.
 */
import type { Row } from '../engine/engine.ts';
import { CONVERSATIONS_CTE, customerMessageSql } from './notions.ts';
import { roundOrNull } from './stats.ts';
import type { DurationStats } from './types.ts';

/** Seconds between two TIMESTAMP expressions, as DOUBLE (epoch_ms keeps millisecond precision). */
export function secondsBetween(from: string, to: string): string {
  return `((epoch_ms(${to}) - epoch_ms(${from})) / 1000.0)`;
}

/**
 * `first_hop`: one row per customer message that at least one brand message
 * answers directly (the brand message's `parent_id` is its id), with the
 * earliest such answer. `seconds` may be negative only if the export's
 * clocks are wrong; it is kept so the minimum shows it.
 */
export const FIRST_HOP_CTE = `first_hop AS (
  SELECT c.id, c.conversation_id, c.channel, c.created_at AS asked_at, min(b.created_at) AS answered_at,
         ${secondsBetween('c.created_at', 'min(b.created_at)')} AS seconds
  FROM messages c JOIN messages b ON b.parent_id = c.id
  WHERE ${customerMessageSql('c')} AND b.is_brand
  GROUP BY c.id, c.conversation_id, c.channel, c.created_at)`;

/**
 * `conv_response`: one row per conversation (notions.ts `conversations`):
 * its first customer message, that message's channel, and the first brand
 * message strictly after it in the same conversation (NULL when none:
 * unanswered).
 */
export const CONVERSATION_RESPONSE_CTE = `${CONVERSATIONS_CTE},
conv_response AS (
  SELECT f.conversation_id, f.first_id, f.channel, f.first_at, min(b.created_at) AS answered_at,
         ${secondsBetween('f.first_at', 'min(b.created_at)')} AS seconds
  FROM conversations f LEFT JOIN messages b
    ON b.conversation_id = f.conversation_id AND b.is_brand AND b.created_at > f.first_at
  GROUP BY f.conversation_id, f.first_id, f.channel, f.first_at)`;

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
