/**
 * The tickets section on real data: Boston's 311 service requests of 2015
 * (../shared/data/boston-311-2015, 121,145 requests in 158 files), each figure
 * against the same figure computed without Debrief (boston-311-reference.ts:
 * native DuckDB over the raw CSVs). Skipped, visibly, when ../shared is absent.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalyzeResult } from '../../../../src/analysis/pipeline.ts';
import { ticketsAnalysis } from '../../../../src/analysis/sections/tickets/analysis.ts';
import type { TicketsSection } from '../../../../src/analysis/sections/tickets/schema.ts';
import { fullListRows } from '../../../../src/analysis/runner/full-lists.ts';
import { runCrisis } from '../../crisis/helpers.ts';
import { sharedData } from '../../../helpers/shared-data.ts';
import { bostonCrisisFiles } from './boston-311-crisis.ts';
import { bostonReference, type BostonReference } from './boston-311-reference.ts';

const boston = sharedData('boston-311-2015');

describe.skipIf(!boston.exists)('tickets on Boston 311, 2015', () => {
  let result: AnalyzeResult;
  let t: TicketsSection;
  let ref: BostonReference;

  beforeAll(async () => {
    [result, ref] = await Promise.all([runCrisis(bostonCrisisFiles(boston.path), [ticketsAnalysis]), bostonReference(boston.path)]);
    t = result.report.sections.tickets!;
  }, 600_000);

  it('the reference agrees with SOURCE.md', () => {
    // 121,145 rows; OnTime_Status ONTIME 90,546 / OVERDUE 30,446 / empty 153; Open 19,873 (no CLOSED_DT).
    expect(ref).toMatchObject({ rows: 121_145, flag: { decided: 90_546 + 30_446, met: 90_546 }, openAtEnd: 19_873, queues: 150 });
  });

  it('loads every request: nothing rejected, superseded or duplicated', () => {
    expect(result.report.counts.cases).toBe(ref.rows);
    expect(t.cases).toBe(ref.rows);
    const l = result.report.ledger;
    expect(l.sources.length).toBe(158);
    expect(l.sources.reduce((n, s) => n + s.rejected + s.superseded + s.duplicates, 0)).toBe(0);
  });

  it('SLA attainment from the export\'s on-time flag is the headline', () => {
    expect(t.sla.basis).toBe('flag');
    expect(t.sla.share).toBe(ref.flag.share);
    expect(t.sla.bases[0]).toMatchObject({ basis: 'flag', decided: ref.flag.decided, met: ref.flag.met, share: ref.flag.share, noTarget: ref.rows - ref.flag.decided });
  });

  it('SLA attainment from closed_at ≤ due_at matches', () => {
    expect(t.sla.bases[1]).toEqual({
      basis: 'dueTime', decided: ref.dueTime.decided, met: ref.dueTime.met, missed: ref.dueTime.decided - ref.dueTime.met, share: ref.dueTime.share,
      open: ref.dueTime.open, openPastDue: ref.dueTime.openPastDue, noTarget: ref.rows - ref.dueTime.decided - ref.dueTime.open,
    });
    expect(t.sla.unavailable.map((u) => u.basis)).toEqual(['target']);
  });

  it('resolution time overall and by queue (team): n, median, p90, unresolved, SLA share', () => {
    const withUnresolved = (g: BostonReference['overall']) => ({ ...g, unresolved: g.cases - g.resolved });
    expect(t.resolution.overall).toEqual(withUnresolved(ref.overall));
    expect(t.resolution.byTeam).toEqual({ field: 'team', groups: ref.byQueue.map(withUnresolved), groupsTotal: ref.queues });
    // The page shows 15 of 150 queues; the bundle's full list has every one.
    const full = result.lists.find((l) => l.name === 'resolution-by-team')!;
    expect(fullListRows(full)).toEqual(ref.allQueues.map((g) => [g.value, g.cases, g.resolved, g.cases - g.resolved, g.medianSeconds, g.p90Seconds, g.slaShare]));
    expect(t.resolution.byPriority).toBeNull();
    expect(t.resolution.byPriorityNotMeasurable).toMatch(/priority/);
  });

  it('the backlog per Boston calendar day, and the open cases at the end', () => {
    expect(t.asOf).toBe(ref.asOf);
    expect(t.backlog.days).toEqual(ref.backlog);
    expect(t.backlog.openAtEnd).toBe(ref.openAtEnd);
    expect(t.oldestOpen.casesTotal).toBe(ref.openAtEnd);
    expect(t.oldestOpen.cases!.map((c) => c.id)).toEqual(ref.oldestOpen);
  });

  it('reopen and reassignment rates are null with the reason: the export has no counts', () => {
    expect(t.reopens).toMatchObject({ rate: null, counted: 0, rateNotMeasurable: expect.stringMatching(/reopen_count/) });
    expect(t.reassignments).toMatchObject({ rate: null, counted: 0, rateNotMeasurable: expect.stringMatching(/reassignment_count/) });
  });
});
