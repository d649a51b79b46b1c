/**
 * SQL over the engine's `cases` table shared by the tickets figures: when a
 * case counts as resolved, how long it took, and what each SLA basis says
 * about it. One definition, so the overall figure, the per-priority and
 * per-team rows and the SLA attainment agree.
 */
import { secondsBetween, sqlString } from '../../crisis/sql.ts';
import type { SlaBasis } from './schema.ts';

/**
 * `t`: every case with `end_at` (resolved_at, else closed_at: a closed case
 * is done even when the export has no separate resolution time),
 * `resolution_s` (opening to end, seconds) and `target_s` (crisis.yaml's
 * resolution target for its priority, seconds, matched without case).
 */
export function ticketsCte(resolutionHours: Record<string, number> | undefined): string {
  const entries = Object.entries(resolutionHours ?? {});
  const target = entries.length
    ? `CASE lower(priority) ${entries.map(([p, h]) => `WHEN ${sqlString(p.trim().toLowerCase())} THEN ${h * 3600}`).join(' ')} END`
    : 'CAST(NULL AS DOUBLE)';
  const end = 'coalesce(resolved_at, closed_at)';
  return `t AS (SELECT *, ${end} AS end_at, ${secondsBetween('opened_at', end)} AS resolution_s, CAST(${target} AS DOUBLE) AS target_s FROM cases)`;
}

/** Per-case SQL predicates of one SLA basis, over the columns of {@link ticketsCte}. */
export interface SlaPredicates {
  /** The basis has something to judge the case by (a flag, a due time, a target). */
  hasTarget: string;
  /** The case is decided: flagged, or resolved with a due time / target. */
  decided: string;
  /** A decided case met the service level. */
  met: string;
  /** An open case already past its due time or target at `asOf` (epoch ms); null on the flag basis. */
  pastDue: ((asOfMs: number) => string) | null;
}

/** The predicates of each basis. */
export const SLA_PREDICATES: Record<SlaBasis, SlaPredicates> = {
  flag: { hasTarget: 'sla_met IS NOT NULL', decided: 'sla_met IS NOT NULL', met: 'sla_met', pastDue: null },
  dueTime: {
    hasTarget: 'due_at IS NOT NULL',
    decided: 'due_at IS NOT NULL AND end_at IS NOT NULL',
    met: 'end_at <= due_at',
    pastDue: (asOf) => `epoch_ms(due_at) < ${asOf}`,
  },
  target: {
    hasTarget: 'target_s IS NOT NULL',
    decided: 'target_s IS NOT NULL AND end_at IS NOT NULL',
    met: 'resolution_s <= target_s',
    pastDue: (asOf) => `(${asOf} - epoch_ms(opened_at)) / 1000.0 > target_s`,
  },
};

/** SELECT list counting the decided and met cases of a basis: read back as `sla_decided`, `sla_met_n`. */
export function slaCountSelect(basis: SlaBasis | null): string {
  if (basis === null) return 'CAST(0 AS BIGINT) AS sla_decided, CAST(0 AS BIGINT) AS sla_met_n';
  const p = SLA_PREDICATES[basis];
  return `count(*) FILTER (WHERE ${p.decided}) AS sla_decided, count(*) FILTER (WHERE ${p.decided} AND ${p.met}) AS sla_met_n`;
}

/** Words priorities are written with, most urgent first. */
const PRIORITY_WORDS = [
  ['critical', 'urgent', 'emergency', 'blocker', 'highest', 'immediate'],
  ['high', 'major'],
  ['medium', 'normal', 'moderate', 'standard'],
  ['low', 'minor'],
  ['lowest', 'trivial', 'planning'],
];

/**
 * Sort key of a priority value: `P1`, `Sev 2`, `3` by their number (1 is the
 * most urgent); `urgent`, `high`, `normal`, `low` by the words above; anything
 * else after them. Lower sorts first.
 */
export function priorityRank(value: string): number {
  const v = value.trim().toLowerCase();
  const numbered = /^(?:p|s|sev|severity|priority|prio)?\s*[-_ ]?\s*(\d{1,3})(?:\b|[-_ ])/.exec(v);
  if (numbered) return Number(numbered[1]);
  const word = v.replace(/^\d+\s*[-_.:]\s*/, '').split(/[^a-z]+/)[0] ?? '';
  const i = PRIORITY_WORDS.findIndex((words) => words.includes(word));
  return i >= 0 ? 1000 + i : 2000;
}
