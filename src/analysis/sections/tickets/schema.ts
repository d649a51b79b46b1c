/**
 * The `tickets` section of report.json: service-desk figures over the cases
 * (tickets, service requests) — resolution time by priority and team, SLA
 * attainment, the daily backlog of open cases, reopens and reassignments,
 * and the oldest cases still open. A figure the data cannot support is null
 * with the reason beside it, never 0.
 */

import type { ListTotal, NotMeasurable } from '../../crisis/types.ts';

/** Resolution figures of one group of cases (a priority, a team, or all cases). */
export interface ResolutionGroup {
  /** The group's value as exported (`(none)` for cases without one; `all` for the overall row). */
  value: string;
  /** Cases in the group. */
  cases: number;
  /** Cases with a resolution time (resolved_at, else closed_at). */
  resolved: number;
  /** Cases without one: open at the end of the data. */
  unresolved: number;
  /** Median time from opening to resolution over the resolved cases, in seconds; null when none is resolved. */
  medianSeconds: number | null;
  /** 90th percentile of the same times, in seconds; null when none is resolved. */
  p90Seconds: number | null;
  /** SLA attainment of the group on the section's headline basis (`sla.basis`); null when there is no basis or it decides no case of the group. */
  slaShare: number | null;
}

/** A breakdown of resolution figures by one field, largest groups first. */
export interface ResolutionBreakdown {
  /** Field the cases are grouped by (`priority`, `team`). */
  field: string;
  /** At most 15: the largest groups by cases (ties by value), listed priorities in priority order (P1 / urgent first), teams by cases. */
  groups: ResolutionGroup[];
  /** Groups in all, counting `(none)`. */
  groupsTotal: ListTotal;
}

/** Resolution time, overall and by priority and team. */
export interface ResolutionFigures {
  /** All cases; null when no case has a resolution or close time. */
  overall: ResolutionGroup | null;
  /** Why `overall` is null (the crisis-wide convention: see `NotMeasurable`). */
  overallNotMeasurable?: NotMeasurable;
  /** By priority; null when no case has a priority (or none is resolved). */
  byPriority: ResolutionBreakdown | null;
  /** Why `byPriority` is null. */
  byPriorityNotMeasurable?: NotMeasurable;
  /** By team (assignment group); null when no case has a team (or none is resolved). */
  byTeam: ResolutionBreakdown | null;
  /** Why `byTeam` is null. */
  byTeamNotMeasurable?: NotMeasurable;
  /** Resolved cases whose resolution time is before their opening time (the export's clocks disagree); their negative durations are kept. */
  negativeDurations: number;
}

/** What an SLA attainment figure is computed from. */
export type SlaBasis = 'flag' | 'dueTime' | 'target';

/** SLA attainment on one basis. Every case is decided, open with a target, or without a target. */
export interface SlaBasisFigure {
  /** `flag`: the export's own flag (sla_met); `dueTime`: resolved by the due time (due_at); `target`: resolved within crisis.yaml's `sla.resolutionHours` for its priority. */
  basis: SlaBasis;
  /** Cases the basis decides: flagged (flag), or resolved with a due time or a target. */
  decided: number;
  /** Decided cases that met the service level. */
  met: number;
  /** Decided cases that missed it. */
  missed: number;
  /** Attainment: met ÷ decided; null when no case is decided. */
  share: number | null;
  /** Open cases with a due time or target, not decided yet (0 on the flag basis). */
  open: number;
  /** Of those, cases already past their due time or target at `asOf`; null on the flag basis. */
  openPastDue: number | null;
  /** Cases the basis has nothing for: no flag, no due time, or a priority without a target. */
  noTarget: number;
}

/** SLA attainment: a headline figure and every basis the data supports. */
export interface SlaFigures {
  /** Basis of the headline figure: the export's flag when mapped, else due times, else crisis.yaml targets; null when none is available. */
  basis: SlaBasis | null;
  /** Headline attainment (met ÷ decided on `basis`); null with `shareNotMeasurable` when no basis is available or none decides a case. */
  share: number | null;
  /** Why `share` is null. */
  shareNotMeasurable?: NotMeasurable;
  /** Each available basis, the headline basis first. */
  bases: SlaBasisFigure[];
  /** Bases the data does not support, each with the reason. */
  unavailable: {
    /** The basis. */
    basis: SlaBasis;
    /** What the data lacks for it, and how to supply it. */
    reason: string;
  }[];
}

/** One calendar day of the backlog, in the crisis time zone. */
export interface BacklogDay {
  /** Local calendar day, `YYYY-MM-DD`. */
  day: string;
  /** Cases opened that day. */
  opened: number;
  /** Cases resolved that day. */
  resolved: number;
  /** Cases open at the end of the day (opened by then and not yet resolved). */
  open: number;
}

/** Open cases per day. */
export interface BacklogFigures {
  /** At most 1,830 (about five years): every day from the first opening to `asOf`, oldest first, the latest kept when cut; null when no case has a resolution or close time. */
  days: BacklogDay[] | null;
  /** Why `days` is null. */
  daysNotMeasurable?: NotMeasurable;
  /** Days from the first opening to `asOf` (0 without days). */
  daysTotal: ListTotal;
  /** The day with the most open cases at its end (the latest such day on a tie); null without days. */
  peak: BacklogDay | null;
  /** Cases open at `asOf`; null when no case has a resolution or close time. */
  openAtEnd: number | null;
}

/** How often cases come back (reopens) or move (reassignments), from the export's own counts. */
export interface RateFigure {
  /** Cases that carry a count. */
  counted: number;
  /** Cases whose count is at least one. */
  withAny: number;
  /** Sum of the counts. */
  total: number;
  /** Share of counted cases with at least one: withAny ÷ counted; null with `rateNotMeasurable` when no case carries a count. */
  rate: number | null;
  /** Mean count per counted case; null when no case carries a count. */
  mean: number | null;
  /** Why `rate` is null. */
  rateNotMeasurable?: NotMeasurable;
}

/** A case still open at `asOf`. */
export interface OpenCase {
  /** The case's id as exported. */
  id: string;
  /** Opening time, ISO UTC. */
  openedAt: string;
  /** Seconds from opening to `asOf`. */
  ageSeconds: number;
  /** Priority as exported; null when none. */
  priority: string | null;
  /** Team (assignment group); null when none. */
  team: string | null;
  /** Agent (assignee); null when none. */
  agent: string | null;
  /** Status as exported (an open case may still say `Closed` when the export has no close time for it). */
  status: string | null;
  /** Service-level due time, ISO UTC, when the export has one. */
  dueAt: string | null;
}

/** The oldest open cases. */
export interface OldestOpen {
  /** At most 20: oldest first (ties by id); null when no case has a resolution or close time (open cases cannot be told apart). */
  cases: OpenCase[] | null;
  /** Why `cases` is null. */
  casesNotMeasurable?: NotMeasurable;
  /** Open cases in all (0 when `cases` is null). */
  casesTotal: ListTotal;
}

/** The `tickets` section. */
export interface TicketsSection {
  /** The instant figures are taken at: the latest opening, resolution or close time of any case (ISO UTC). */
  asOf: string;
  /** IANA zone of the backlog's calendar days (the crisis time zone). */
  timezone: string;
  /** Cases considered (all loaded cases). */
  cases: number;
  /** Resolution time, overall and by priority and team. */
  resolution: ResolutionFigures;
  /** SLA attainment: the headline and every basis. */
  sla: SlaFigures;
  /** Open cases per calendar day. */
  backlog: BacklogFigures;
  /** Cases reopened at least once (reopen_count). */
  reopens: RateFigure;
  /** Cases reassigned at least once (reassignment_count). */
  reassignments: RateFigure;
  /** The oldest cases still open at `asOf`. */
  oldestOpen: OldestOpen;
  /** What the export lacked or did oddly, in words. */
  notes: string[];
  /** Plain-language definitions of the figures, for the report page. */
  definitions: Record<string, string>;
}
