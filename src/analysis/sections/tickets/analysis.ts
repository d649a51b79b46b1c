/**
 * The `tickets` analysis: service-desk figures over the `cases` table —
 * resolution time by priority and team, SLA attainment, the daily backlog of
 * open cases, reopen and reassignment rates, the oldest open cases. Written
 * only when the cases carry something a service desk measures (a resolution
 * or close time, a priority, a team, an agent, a due time, an SLA flag, a
 * reopen or reassignment count); complaints with none of these get no section.
 */
import type { Engine } from '../../engine/engine.ts';
import { num } from '../../crisis/sql.ts';
import { round, share } from '../../crisis/stats.ts';
import type { Analysis, AnalysisContext } from '../../runner/analysis.ts';
import { oldestOpen, backlogFigures } from './backlog.ts';
import { ticketsCte } from './cases-sql.ts';
import { resolutionFigures, type OnAllGroups } from './resolution.ts';
import type { RateFigure, TicketsSection } from './schema.ts';
import { headlineBasis, slaFigures } from './sla.ts';

export const TICKETS_DEFINITIONS: Record<string, string> = {
  resolution:
    'Resolution time: from opening (opened_at) to resolution (resolved_at, else closed_at: a closed case is done even when the export has no separate resolution time). Median and 90th percentile over resolved cases; cases without either time are counted as unresolved (open).',
  sla: 'SLA attainment: met ÷ decided cases. Basis, in this order: the export\'s own flag (sla_met: on time / overdue) over every flagged case; else resolution by the due time (due_at) over resolved cases with one; else crisis.yaml\'s sla.resolutionHours for the case\'s priority over resolved cases with a target. Open cases are not decided on the due-time and target bases: those already past their due time are counted apart (open past due).',
  backlog:
    'Backlog: per calendar day in the crisis time zone, cases opened, cases resolved, and cases open at the end of the day (opened by then, not yet resolved). A case resolved before it was opened (a clock error) counts as resolved the day it was opened.',
  asOf: 'As of: the latest opening, resolution or close time of any case. Ages of open cases and "past due" are taken at that instant, not at the time of the build.',
  reopens: 'Reopen rate: share of cases whose reopen count (reopen_count, as the export counts them) is at least one, over cases that carry a count.',
  reassignments: 'Reassignment rate: share of cases reassigned at least once (reassignment_count), over cases that carry a count.',
  oldestOpen: 'Oldest open cases: cases with neither a resolution nor a close time, oldest first; age at the "as of" instant.',
};

/** The tickets analysis for the runner. */
export const ticketsAnalysis: Analysis = {
  name: 'tickets',
  sections: ['tickets'],
  lists: ['resolution-by-priority', 'resolution-by-team'],
  async run(ctx: AnalysisContext) {
    if (!ctx.cases.length) return;
    // Every priority and team, for the "15 of M" tables' CSVs.
    const full: Parameters<OnAllGroups>[] = [];
    const section = await ticketsSection(ctx.engine, { timezone: ctx.config.timezone, resolutionHours: ctx.config.sla.resolutionHours }, (field, groups) => full.push([field, groups]));
    if (!section) return;
    ctx.report.sections.tickets = section;
    for (const [field, groups] of full) {
      ctx.lists.add({
        name: `resolution-by-${field}`,
        columns: [{ name: field, kind: 'text' }, { name: 'cases' }, { name: 'resolved' }, { name: 'unresolved' }, { name: 'median_resolution_s' }, { name: 'p90_resolution_s' }, { name: 'sla_share' }],
        rows: groups.map((g) => [g.value, g.cases, g.resolved, g.unresolved, g.medianSeconds, g.p90Seconds, g.slaShare]),
      });
    }
  },
};

/** What the tickets figures need of crisis.yaml. */
export interface TicketsOptions {
  timezone: string;
  resolutionHours?: Record<string, number>;
}

/** The section from the engine's `cases` table; null when the cases carry no ticket field. */
export async function ticketsSection(engine: Engine, options: TicketsOptions, onAllGroups?: OnAllGroups): Promise<TicketsSection | null> {
  const cte = ticketsCte(options.resolutionHours);
  const [p] = await engine.query(`WITH ${cte} SELECT count(*) AS cases, count(end_at) AS resolved,
      count(priority) AS priority, count(team) AS team, count(agent) AS agent, count(due_at) AS due, count(sla_met) AS flag,
      count(target_s) AS target, count(reopen_count) AS reopen, count(reassignment_count) AS reassign,
      count(*) FILTER (WHERE end_at < opened_at) AS negative,
      epoch_ms(min(opened_at)) AS first, epoch_ms(greatest(max(opened_at), max(resolved_at), max(closed_at))) AS as_of
    FROM t`);
  const has = (k: string) => num(p[k]) > 0;
  if (!['resolved', 'priority', 'team', 'agent', 'due', 'flag', 'reopen', 'reassign'].some(has)) return null;
  const cases = num(p.cases);
  const resolved = num(p.resolved);
  const first = num(p.first);
  const asOf = num(p.as_of);
  const slaProfile = { withFlag: num(p.flag), withDue: num(p.due), withTarget: num(p.target), configuredTargets: Object.keys(options.resolutionHours ?? {}).length };
  const basis = headlineBasis(slaProfile);
  const profile = { cases, resolved, withPriority: num(p.priority), withTeam: num(p.team), negativeDurations: num(p.negative) };
  const section: TicketsSection = {
    asOf: new Date(asOf).toISOString(),
    timezone: options.timezone,
    cases,
    resolution: await resolutionFigures(engine, cte, profile, basis, onAllGroups),
    sla: await slaFigures(engine, cte, slaProfile, asOf),
    backlog: await backlogFigures(engine, cte, options.timezone, { first, asOf }, resolved),
    reopens: await rate(engine, 'reopen_count', 'reopen count (reopen_count)'),
    reassignments: await rate(engine, 'reassignment_count', 'reassignment count (reassignment_count)'),
    oldestOpen: await oldestOpen(engine, cte, asOf, resolved),
    notes: [],
    definitions: TICKETS_DEFINITIONS,
  };
  section.notes = notes(section, profile);
  return section;
}

async function rate(engine: Engine, column: string, what: string): Promise<RateFigure> {
  const [r] = await engine.query(`SELECT count(${column}) AS counted, count(*) FILTER (WHERE ${column} > 0) AS with_any, CAST(coalesce(sum(${column}), 0) AS DOUBLE) AS total FROM cases`);
  const counted = num(r.counted);
  const total = num(r.total);
  return {
    counted,
    withAny: num(r.with_any),
    total,
    rate: share(num(r.with_any), counted),
    mean: counted ? round(total / counted) : null,
    ...(counted ? {} : { rateNotMeasurable: `No case has a ${what}: map it in crisis.yaml (sources[].columns).` }),
  };
}

function notes(s: TicketsSection, profile: { negativeDurations: number }): string[] {
  const out: string[] = [];
  if (profile.negativeDurations) out.push(`${profile.negativeDurations} resolved case(s) have a resolution time before their opening time (the export's clocks disagree); their negative durations are kept in the resolution times.`);
  if (s.sla.bases.length > 1) out.push(`SLA attainment is available on ${s.sla.bases.length} bases; the headline uses ${s.sla.basis === 'flag' ? "the export's own flag" : 'the due times'}, the others are listed beside it.`);
  if (s.backlog.days && s.backlog.days.length < s.backlog.daysTotal) out.push(`The backlog lists the last ${s.backlog.days.length} of ${s.backlog.daysTotal} days.`);
  return out;
}
