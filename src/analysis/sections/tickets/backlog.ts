/**
 * The backlog of open cases per calendar day in the crisis time zone, and the
 * oldest cases still open. Days are counted in SQL; the zone's UTC offsets
 * come from `Intl` (DuckDB-WASM has no ICU offline) as one CASE expression.
 */
import { zoneOffsets } from '../../crisis/buckets.ts';
import { zoneOffsetMinutes } from '../../core/time-zones.ts';
import { num } from '../../crisis/sql.ts';
import type { Engine } from '../../engine/engine.ts';
import type { BacklogDay, BacklogFigures, OldestOpen, OpenCase } from './schema.ts';

const DAY_MS = 86_400_000;
/** Most days listed (about five years): the latest are kept. */
export const MAX_BACKLOG_DAYS = 1830;
/** Open cases listed. */
export const OLDEST_OPEN = 20;

const NO_RESOLUTION = 'No case has a resolution or close time, so open cases cannot be told from resolved ones: map resolved_at or closed_at in crisis.yaml.';

/**
 * SQL for the local calendar day (days since 1970-01-01 on the wall clock of
 * `zone`) of a TIMESTAMP expression, exact for instants in `[start, end]`.
 */
export function localDaySql(zone: string, expr: string, start: number, end: number): string {
  const t = `epoch_ms(${expr})`;
  const { from, minutes } = zone === 'UTC' ? { from: [-Infinity], minutes: [0] } : zoneOffsets(zone, start, end);
  const offset = from.length === 1 ? String(minutes[0]) : `CASE ${from.slice(1).map((f, i) => `WHEN ${t} < ${f} THEN ${minutes[i]}`).join(' ')} ELSE ${minutes[minutes.length - 1]} END`;
  return `CAST(floor((${t} + (${offset}) * 60000) / ${DAY_MS}) AS BIGINT)`;
}

/** `YYYY-MM-DD` of a local day number. */
export function dayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Opened, resolved and open at the end of each local day from the first
 * opening to the day of `asOf`. A case resolved before it was opened (clock error)
 * counts as resolved on the day it was opened, so the open count never dips
 * below what is really open.
 */
export async function backlogFigures(engine: Engine, cte: string, zone: string, range: { first: number; asOf: number }, resolved: number): Promise<BacklogFigures> {
  if (resolved === 0) return { days: null, daysNotMeasurable: NO_RESOLUTION, daysTotal: 0, peak: null, openAtEnd: null };
  const day = (expr: string) => localDaySql(zone, expr, range.first, range.asOf);
  const rows = await engine.query(`WITH ${cte}, ev AS (
      SELECT ${day('opened_at')} AS day, count(*) AS opened, CAST(0 AS BIGINT) AS resolved FROM t GROUP BY 1
      UNION ALL
      SELECT ${day('greatest(opened_at, end_at)')} AS day, CAST(0 AS BIGINT), count(*) FROM t WHERE end_at IS NOT NULL GROUP BY 1)
    SELECT day, sum(opened) AS opened, sum(resolved) AS resolved FROM ev GROUP BY day ORDER BY day`);
  const byDay = new Map(rows.map((r) => [num(r.day), { opened: num(r.opened), resolved: num(r.resolved) }]));
  const firstDay = num(rows[0]!.day);
  // Through the day of `asOf`, which may be a close time after the last resolution.
  const lastDay = Math.max(num(rows[rows.length - 1]!.day), Math.floor((range.asOf + zoneOffsetMinutes(range.asOf, zone) * 60_000) / DAY_MS));
  const all: BacklogDay[] = [];
  let open = 0;
  for (let d = firstDay; d <= lastDay; d++) {
    const e = byDay.get(d) ?? { opened: 0, resolved: 0 };
    open += e.opened - e.resolved;
    all.push({ day: dayText(d), opened: e.opened, resolved: e.resolved, open });
  }
  const days = all.slice(-MAX_BACKLOG_DAYS);
  const peak = days.reduce<BacklogDay | null>((p, d) => (p === null || d.open >= p.open ? d : p), null);
  return { days, daysTotal: all.length, peak, openAtEnd: open };
}

/** The oldest open cases (no resolution or close time), with their age at `asOf`. */
export async function oldestOpen(engine: Engine, cte: string, asOf: number, resolved: number): Promise<OldestOpen> {
  if (resolved === 0) return { cases: null, casesNotMeasurable: NO_RESOLUTION, casesTotal: 0 };
  const [{ n }] = await engine.query(`WITH ${cte} SELECT count(*) AS n FROM t WHERE end_at IS NULL`);
  const rows = await engine.query(`WITH ${cte}
    SELECT id, epoch_ms(opened_at) AS opened, epoch_ms(due_at) AS due, priority, team, agent, status
    FROM t WHERE end_at IS NULL ORDER BY opened_at, id LIMIT ${OLDEST_OPEN}`);
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const cases = rows.map(
    (r): OpenCase => ({
      id: String(r.id),
      openedAt: new Date(num(r.opened)).toISOString(),
      ageSeconds: Math.round((asOf - num(r.opened)) / 1000),
      priority: text(r.priority),
      team: text(r.team),
      agent: text(r.agent),
      status: text(r.status),
      dueAt: r.due === null ? null : new Date(num(r.due)).toISOString(),
    }),
  );
  return { cases, casesTotal: num(n) };
}
