/**
 * What the tickets page shows, derived from the section alone: headline
 * figures and tables as plain values with their units. Pure (no site code,
 * no formatting): the page formats each value by its unit, so a figure reads
 * the same on a tile, in a table and in a notebook's `<Kpi>`.
 */
import type { OpenCase, ResolutionBreakdown, ResolutionGroup, SlaBasis, TicketsSection } from './schema.ts';

/** How a value reads: the units of the site's KPIs. */
export type TicketUnit = 'count' | 'share' | 'seconds' | 'time' | 'text';

/** A headline figure. `value` null means the data cannot support it; `note` then says why. */
export interface TicketFigure {
  /** Dotted path into report.sections (`tickets.sla.share`), as a notebook's `<Kpi name>` takes it. */
  name: string;
  label: string;
  value: number | string | null;
  unit: TicketUnit;
  definition: string;
  note?: string;
}

export interface TicketColumn {
  key: string;
  label: string;
  unit: TicketUnit;
}

/** A table of the page: its rows, and how many items the list had (the "M" of "N of M"). */
export interface TicketTable {
  /** File-safe id, unique on the page. */
  id: string;
  title: string;
  /** What one row is, plural (`priorities`, `open cases`). */
  noun: string;
  columns: TicketColumn[];
  rows: Record<string, string | number | null>[];
  /** Items in the list (rows shows the first of them). */
  total: number;
  /** Why the table is empty, when it is. */
  reason: string | null;
  /** Said under the table. */
  note?: string;
}

/** How each SLA basis is named on the page. */
export const SLA_BASIS_LABELS: Record<SlaBasis, string> = {
  flag: "export's SLA flag",
  dueTime: 'resolved by the due time',
  target: 'crisis.yaml resolution targets',
};

/** The headline figures, in display order; null ones carry their reason as the note. */
export function ticketFigures(s: TicketsSection): TicketFigure[] {
  const d = s.definitions;
  const overall = s.resolution.overall;
  const oldest = s.oldestOpen.cases?.[0];
  const fig = (name: string, label: string, value: number | string | null, unit: TicketUnit, definition: string, note?: string, reason?: string | null): TicketFigure => ({
    name,
    label,
    value,
    unit,
    definition,
    note: value === null ? (reason ?? undefined) : note,
  });
  return [
    fig('tickets.cases', 'Cases', s.cases, 'count', 'Cases (tickets, service requests) loaded from the exports.'),
    fig('tickets.sla.share', 'SLA attainment', s.sla.share, 'share', d.sla ?? '', s.sla.basis ? SLA_BASIS_LABELS[s.sla.basis] : undefined, s.sla.shareNotMeasurable),
    fig('tickets.resolution.overall.medianSeconds', 'Median resolution', overall?.medianSeconds ?? null, 'seconds', d.resolution ?? '', undefined, s.resolution.overallNotMeasurable),
    fig('tickets.resolution.overall.p90Seconds', 'p90 resolution', overall?.p90Seconds ?? null, 'seconds', d.resolution ?? '', undefined, s.resolution.overallNotMeasurable),
    fig('tickets.backlog.openAtEnd', 'Open at the end', s.backlog.openAtEnd, 'count', d.backlog ?? '', undefined, s.backlog.daysNotMeasurable),
    fig('tickets.oldestOpen.cases.0.ageSeconds', 'Oldest open case', oldest?.ageSeconds ?? null, 'seconds', d.oldestOpen ?? '', oldest ? `case ${oldest.id}` : undefined, s.oldestOpen.casesNotMeasurable ?? (s.oldestOpen.cases ? 'No case is open.' : null)),
    fig('tickets.reopens.rate', 'Reopen rate', s.reopens.rate, 'share', d.reopens ?? '', undefined, s.reopens.rateNotMeasurable),
    fig('tickets.reassignments.rate', 'Reassignment rate', s.reassignments.rate, 'share', d.reassignments ?? '', undefined, s.reassignments.rateNotMeasurable),
  ];
}

const GROUP_COLUMNS = (label: string): TicketColumn[] => [
  { key: 'value', label, unit: 'text' },
  { key: 'cases', label: 'Cases', unit: 'count' },
  { key: 'resolved', label: 'Resolved', unit: 'count' },
  { key: 'unresolved', label: 'Unresolved', unit: 'count' },
  { key: 'medianSeconds', label: 'Median resolution', unit: 'seconds' },
  { key: 'p90Seconds', label: 'p90', unit: 'seconds' },
  { key: 'slaShare', label: 'SLA attainment', unit: 'share' },
];

const groupRow = (g: ResolutionGroup) => ({ value: g.value, cases: g.cases, resolved: g.resolved, unresolved: g.unresolved, medianSeconds: g.medianSeconds, p90Seconds: g.p90Seconds, slaShare: g.slaShare });

function breakdown(id: string, title: string, noun: string, label: string, b: ResolutionBreakdown | null, reason: string | null): TicketTable {
  return { id, title, noun, columns: GROUP_COLUMNS(label), rows: b ? b.groups.map(groupRow) : [], total: b?.groupsTotal ?? 0, reason: b ? null : reason };
}

const openRow = (c: OpenCase) => ({ id: c.id, openedAt: c.openedAt, ageSeconds: c.ageSeconds, priority: c.priority, team: c.team, agent: c.agent, status: c.status, dueAt: c.dueAt });

/** The page's tables: resolution by priority and by team, SLA by basis, the oldest open cases. */
export function ticketTables(s: TicketsSection): TicketTable[] {
  const sla = s.sla;
  return [
    breakdown('by-priority', 'Resolution by priority', 'priorities', 'Priority', s.resolution.byPriority, s.resolution.byPriorityNotMeasurable ?? null),
    breakdown('by-team', 'Resolution by team', 'teams', 'Team', s.resolution.byTeam, s.resolution.byTeamNotMeasurable ?? null),
    {
      id: 'sla-bases',
      title: 'SLA attainment by basis',
      noun: 'bases',
      columns: [
        { key: 'basis', label: 'Basis', unit: 'text' },
        { key: 'decided', label: 'Decided', unit: 'count' },
        { key: 'met', label: 'Met', unit: 'count' },
        { key: 'missed', label: 'Missed', unit: 'count' },
        { key: 'share', label: 'Attainment', unit: 'share' },
        { key: 'open', label: 'Open with a target', unit: 'count' },
        { key: 'openPastDue', label: 'Open past due', unit: 'count' },
        { key: 'noTarget', label: 'No flag or target', unit: 'count' },
      ],
      rows: sla.bases.map((b) => ({ basis: SLA_BASIS_LABELS[b.basis], decided: b.decided, met: b.met, missed: b.missed, share: b.share, open: b.open, openPastDue: b.openPastDue, noTarget: b.noTarget })),
      total: sla.bases.length,
      reason: sla.bases.length ? null : (sla.shareNotMeasurable ?? null),
      note: sla.unavailable.length ? `Not available: ${sla.unavailable.map((u) => `${SLA_BASIS_LABELS[u.basis]} — ${u.reason}`).join(' ')}` : undefined,
    },
    {
      id: 'oldest-open',
      title: 'Oldest open cases',
      noun: 'open cases',
      columns: [
        { key: 'id', label: 'Case', unit: 'text' },
        { key: 'openedAt', label: 'Opened', unit: 'time' },
        { key: 'ageSeconds', label: 'Age', unit: 'seconds' },
        { key: 'priority', label: 'Priority', unit: 'text' },
        { key: 'team', label: 'Team', unit: 'text' },
        { key: 'agent', label: 'Agent', unit: 'text' },
        { key: 'status', label: 'Status', unit: 'text' },
        { key: 'dueAt', label: 'Due', unit: 'time' },
      ],
      rows: (s.oldestOpen.cases ?? []).map(openRow),
      total: s.oldestOpen.casesTotal,
      reason: s.oldestOpen.casesNotMeasurable ?? (s.oldestOpen.casesTotal ? null : 'No case is open.'),
    },
  ];
}

/** One day of the backlog chart (and its CSV). */
export interface BacklogPoint {
  day: string;
  opened: number;
  resolved: number;
  open: number;
}

/** The backlog days the chart draws; empty without them. */
export function backlogPoints(s: TicketsSection): BacklogPoint[] {
  return (s.backlog.days ?? []).map((d) => ({ day: d.day, opened: d.opened, resolved: d.resolved, open: d.open }));
}
