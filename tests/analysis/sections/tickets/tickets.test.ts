/**
 * The tickets section on a hand-made incident export
 * (tests/fixtures/tickets/service-desk): every expected figure below is worked
 * out by hand from incidents.csv, in the comments beside it.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalyzeResult } from '../../../../src/analysis/pipeline.ts';
import { ticketsAnalysis } from '../../../../src/analysis/sections/tickets/analysis.ts';
import type { TicketsSection } from '../../../../src/analysis/sections/tickets/schema.ts';
import { ticketFigures, ticketTables } from '../../../../src/analysis/sections/tickets/view.ts';
import { memoryCrisisFiles, runCrisis } from '../../crisis/helpers.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../../../fixtures/tickets/service-desk');
const H = 3600;

let result: AnalyzeResult;
let s: TicketsSection;

beforeAll(async () => {
  result = await runCrisis(FIXTURE, [ticketsAnalysis]);
  s = result.report.sections.tickets!;
}, 60_000);

describe('tickets section on the service-desk fixture', () => {
  it('takes the figures as of the latest opening, resolution or close time (INC009 closed 2024-04-03 07:00Z)', () => {
    expect(s.cases).toBe(11);
    expect(s.asOf).toBe('2024-04-03T07:00:00.000Z');
    expect(s.timezone).toBe('Europe/Berlin');
  });

  it('measures resolution from opening to resolved_at, else closed_at, overall', () => {
    // Resolved (h): INC001 2, INC002 6, INC003 24, INC004 30, INC006 12, INC008 2 min, INC009 −1 (clock error), INC011 4 (closed only).
    // Sorted s: −3600, 120, 7200, 14400, 21600, 43200, 86400, 108000 → median (14400+21600)/2, p90 at 6.3 → 86400 + 0.3·21600.
    expect(s.resolution.overall).toEqual({ value: 'all', cases: 11, resolved: 8, unresolved: 3, medianSeconds: 18000, p90Seconds: 92880, slaShare: 0.5556 });
    expect(s.resolution.negativeDurations).toBe(1);
  });

  it('breaks resolution down by priority in priority order, with each group\'s SLA share on the flag basis', () => {
    expect(s.resolution.byPriority).toEqual({
      field: 'priority',
      groupsTotal: 5,
      groups: [
        // −3600, 7200, 21600: median 7200, p90 at 1.8 → 7200 + 0.8·14400. Flags: true, false, met → 2/3.
        { value: 'P1', cases: 3, resolved: 3, unresolved: 0, medianSeconds: 7200, p90Seconds: 18720, slaShare: 0.6667 },
        // 14400, 86400, 108000 (INC007 open): p90 at 1.8 → 86400 + 0.8·21600. Flags: true, false, breached (INC007 none) → 1/3.
        { value: 'P2', cases: 4, resolved: 3, unresolved: 1, medianSeconds: 86400, p90Seconds: 103680, slaShare: 0.3333 },
        { value: 'P3', cases: 2, resolved: 1, unresolved: 1, medianSeconds: 43200, p90Seconds: 43200, slaShare: 0.5 },
        // INC010: open, its flag "maybe" is no flag.
        { value: 'P4', cases: 1, resolved: 0, unresolved: 1, medianSeconds: null, p90Seconds: null, slaShare: null },
        { value: '(none)', cases: 1, resolved: 1, unresolved: 0, medianSeconds: 120, p90Seconds: 120, slaShare: 1 },
      ],
    });
  });

  it('breaks resolution down by team (assignment group), largest first', () => {
    expect(s.resolution.byTeam!.groupsTotal).toBe(4);
    expect(s.resolution.byTeam!.groups).toEqual([
      // −3600, 120, 7200, 21600 (INC005 open): median 3660, p90 at 2.7 → 7200 + 0.7·14400.
      { value: 'Network', cases: 5, resolved: 4, unresolved: 1, medianSeconds: 3660, p90Seconds: 17280, slaShare: 0.6 },
      { value: 'Service Desk', cases: 3, resolved: 2, unresolved: 1, medianSeconds: 97200, p90Seconds: 105840, slaShare: 0.5 },
      { value: 'Facilities', cases: 2, resolved: 1, unresolved: 1, medianSeconds: 4 * H, p90Seconds: 4 * H, slaShare: 0 },
      { value: '(none)', cases: 1, resolved: 1, unresolved: 0, medianSeconds: 12 * H, p90Seconds: 12 * H, slaShare: 1 },
    ]);
  });

  it('reports SLA attainment on every basis, the export\'s flag first', () => {
    expect(s.sla.basis).toBe('flag');
    expect(s.sla.share).toBe(0.5556);
    expect(s.sla.shareNotMeasurable).toBeUndefined();
    expect(s.sla.unavailable).toEqual([]);
    expect(s.sla.bases).toEqual([
      // Flags: true ×2, ON TIME, yes, met → 5 met; false ×2, OVERDUE, breached → 4 missed; INC007 empty and INC010 "maybe" → no flag.
      { basis: 'flag', decided: 9, met: 5, missed: 4, share: 0.5556, open: 0, openPastDue: null, noTarget: 2 },
      // Resolved with a due time: INC001 ✓, INC002 ✗, INC003 ✓, INC004 ✗, INC006 ✓, INC009 ✓, INC011 ✗ (closed 14:00 after due 12:00).
      // Open with one: INC005 (due 31 Mar, past) and INC007 (due 5 Apr, not yet). No due time: INC008, INC010.
      { basis: 'dueTime', decided: 7, met: 4, missed: 3, share: 0.5714, open: 2, openPastDue: 1, noTarget: 2 },
      // Targets p1 4 h, P2 24 h: P1 7200 ✓, 21600 ✗, −3600 ✓; P2 86400 ✓ (exactly), 108000 ✗, 14400 ✓. INC007 (P2) open 49 h > 24 h.
      { basis: 'target', decided: 6, met: 4, missed: 2, share: 0.6667, open: 1, openPastDue: 1, noTarget: 4 },
    ]);
  });

  it('counts the backlog per calendar day in the crisis time zone, through the day of asOf', () => {
    // Berlin days: INC003 (22:30Z) opens on the 28th, INC004 (23:30Z on the 29th) on the 30th; INC008 is resolved
    // at 22:01Z on 1 April = 00:01 on the 2nd (summer time); INC009, resolved before it was opened, counts the day it opened.
    expect(s.backlog.days).toEqual([
      { day: '2024-03-28', opened: 3, resolved: 2, open: 1 },
      { day: '2024-03-29', opened: 0, resolved: 1, open: 0 },
      { day: '2024-03-30', opened: 2, resolved: 0, open: 2 },
      { day: '2024-03-31', opened: 1, resolved: 1, open: 2 },
      { day: '2024-04-01', opened: 2, resolved: 1, open: 3 },
      { day: '2024-04-02', opened: 3, resolved: 3, open: 3 },
      { day: '2024-04-03', opened: 0, resolved: 0, open: 3 },
    ]);
    expect(s.backlog).toMatchObject({ daysTotal: 7, openAtEnd: 3, peak: { day: '2024-04-03', open: 3 } });
    expect(s.backlog.daysNotMeasurable).toBeUndefined();
  });

  it('gives reopen and reassignment rates from the export\'s counts, unparseable counts left out', () => {
    // Reopens: 0,1,0,0,2,0,0,0,1 (INC007 empty, INC010 "two") → 3 of 9, total 4.
    expect(s.reopens).toEqual({ counted: 9, withAny: 3, total: 4, rate: 0.3333, mean: 0.444 });
    // Reassignments: 1,2,0,0,3,1,0,0,0 (INC007, INC010 empty) → 4 of 9, total 7.
    expect(s.reassignments).toEqual({ counted: 9, withAny: 4, total: 7, rate: 0.4444, mean: 0.778 });
  });

  it('lists the oldest open cases with their age at asOf, N of M', () => {
    expect(s.oldestOpen.casesTotal).toBe(3);
    expect(s.oldestOpen.cases).toEqual([
      { id: 'INC005', openedAt: '2024-03-30T10:00:00.000Z', ageSeconds: 93 * H, priority: 'P3', team: 'Network', agent: 'ops.lead@desk.example', status: 'In Progress', dueAt: '2024-03-31T10:00:00.000Z' },
      { id: 'INC007', openedAt: '2024-04-01T06:00:00.000Z', ageSeconds: 49 * H, priority: 'P2', team: 'Service Desk', agent: 'ana', status: 'New', dueAt: '2024-04-05T06:00:00.000Z' },
      { id: 'INC010', openedAt: '2024-04-02T09:00:00.000Z', ageSeconds: 22 * H, priority: 'P4', team: 'Facilities', agent: null, status: 'New', dueAt: null },
    ]);
  });

  it('counts the unparseable SLA flag and reopen count as warnings, naming the row', () => {
    const warnings = result.report.ledger.sources[0]!.warnings;
    expect(warnings.sla_met).toMatchObject({ count: 1, examples: [{ at: 'incidents.csv:11' }] });
    expect(warnings.reopen_count).toMatchObject({ count: 1, examples: [{ at: 'incidents.csv:11' }] });
  });
});

describe('tickets section without the fields it needs', () => {
  const csv = (header: string, rows: string[]) => `${header}\n${rows.join('\n')}\n`;

  it('states why each figure is missing instead of reporting 0', async () => {
    const r = await runCrisis(
      memoryCrisisFiles({
        'crisis.yaml': 'timezone: UTC\nsources:\n  - file: t.csv\n    table: cases\n',
        't.csv': csv('id,opened_at,resolved_at,priority', ['1,2024-01-01T00:00:00Z,2024-01-01T02:00:00Z,high', '2,2024-01-01T01:00:00Z,,low']),
      }),
      [ticketsAnalysis],
    );
    const t = r.report.sections.tickets!;
    expect(t.sla).toMatchObject({ basis: null, share: null, bases: [] });
    expect(t.sla.shareNotMeasurable).toMatch(/sla_met.*due_at.*resolutionHours/s);
    expect(t.sla.unavailable.map((u) => u.basis)).toEqual(['flag', 'dueTime', 'target']);
    expect(t.resolution.byTeam).toBeNull();
    expect(t.resolution.byTeamNotMeasurable).toMatch(/map team/);
    expect(t.resolution.byPriority!.groups.map((g) => [g.value, g.slaShare])).toEqual([['high', null], ['low', null]]);
    expect(t.reopens).toEqual({ counted: 0, withAny: 0, total: 0, rate: null, mean: null, rateNotMeasurable: expect.stringMatching(/reopen_count/) });
    expect(t.reassignments.rate).toBeNull();
    expect(t.backlog.days).toEqual([{ day: '2024-01-01', opened: 2, resolved: 1, open: 1 }]);
    // The page's view: a missing figure is null with its reason, never 0.
    const missing = Object.fromEntries(ticketFigures(t).filter((f) => f.value === null).map((f) => [f.name, f.note]));
    expect(missing).toEqual({ 'tickets.sla.share': t.sla.shareNotMeasurable, 'tickets.reopens.rate': t.reopens.rateNotMeasurable, 'tickets.reassignments.rate': t.reassignments.rateNotMeasurable });
    const tables = Object.fromEntries(ticketTables(t).map((x) => [x.id, x]));
    expect(tables['by-team']).toMatchObject({ rows: [], total: 0, reason: t.resolution.byTeamNotMeasurable });
    expect(tables['sla-bases']).toMatchObject({ rows: [], reason: t.sla.shareNotMeasurable });
    expect(tables['oldest-open']).toMatchObject({ total: 1, rows: [{ id: '2', ageSeconds: 3600, priority: 'low' }] });
  });

  it('without resolution or close times, resolution, backlog and open cases are null with the reason', async () => {
    const r = await runCrisis(
      memoryCrisisFiles({
        'crisis.yaml': 'sources:\n  - file: t.csv\n    table: cases\n',
        't.csv': csv('id,opened_at,team', ['1,2024-01-01T00:00:00Z,Billing', '2,2024-01-02T00:00:00Z,Billing']),
      }),
      [ticketsAnalysis],
    );
    const t = r.report.sections.tickets!;
    expect(t.resolution).toMatchObject({ overall: null, byTeam: null, overallNotMeasurable: expect.stringMatching(/resolved_at or closed_at/) });
    expect(t.backlog).toMatchObject({ days: null, openAtEnd: null, daysNotMeasurable: expect.stringMatching(/resolved_at or closed_at/) });
    expect(t.oldestOpen).toMatchObject({ cases: null, casesTotal: 0 });
  });

  it('writes no section for cases that carry no ticket field (complaints with only an opening date)', async () => {
    const r = await runCrisis(
      memoryCrisisFiles({ 'crisis.yaml': 'sources:\n  - file: t.csv\n    table: cases\n', 't.csv': csv('id,opened_at,text', ['1,2024-01-01,late fee']) }),
      [ticketsAnalysis],
    );
    expect(r.report.sections.tickets).toBeUndefined();
  });
});
