import { describe, expect, it } from 'vitest';
import { coverageAnalysis } from '../../../src/analysis/crisis/coverage.ts';
import type { CoverageSection } from '../../../src/analysis/crisis/types.ts';
import { runCrisis, sharedData, synthCrisis, t, type SynthMessage } from './helpers.ts';

/** Customer messages around both 2024 DST changes in New York, some answered. */
const DST: SynthMessage[] = [
  { id: 'c1', at: '2024-03-08T14:00:00Z' }, // Fri 09:00 EST
  { id: 'c2', at: '2024-03-11T13:00:00Z' }, // Mon 09:00 EDT (a different UTC hour, the same local hour)
  { id: 'c3', at: '2024-03-11T12:30:00Z' }, // Mon 08:30 EDT: before opening
  { id: 'c4', at: '2024-11-01T13:00:00Z' }, // Fri 09:00 EDT
  { id: 'c5', at: '2024-11-04T14:00:00Z' }, // Mon 09:00 EST
  { id: 'c6', at: '2024-11-04T13:59:00Z' }, // Mon 08:59 EST
  { id: 'c7', at: '2024-03-10T07:30:00Z' }, // Sun 03:30 EDT, just after the spring-forward gap
  { id: 'c8', at: '2024-11-03T06:30:00Z' }, // Sun 01:30 EST, the second 01:30 of the fall-back day
  { id: 'b1', at: t('2024-03-08T14:00:00Z') + 600_000, parent: 'c1', inbound: false },
  { id: 'b2', at: t('2024-03-11T13:00:00Z') + 1_200_000, parent: 'c2', inbound: false },
  { id: 'b5', at: t('2024-11-04T14:00:00Z') + 300_000, parent: 'c5', inbound: false },
];

const YAML = 'timezone: America/New_York\nbusinessHours:\n  days: [1, 2, 3, 4, 5]\n  start: "09:00"\n  end: "17:00"\n';

describe('coverage on generated messages across DST changes', () => {
  it('places messages by the local clock, DST included', async () => {
    const r = await runCrisis(synthCrisis(DST, YAML), [coverageAnalysis]);
    const s = r.report.sections.coverage as CoverageSection;
    expect(s.timezone).toBe('America/New_York');
    expect(s.grid).toHaveLength(168);
    const cell = (weekday: number, hour: number) => s.grid.find((c) => c.weekday === weekday && c.hour === hour)!;
    expect(cell(1, 9)).toEqual({ weekday: 1, hour: 9, inbound: 2, conversations: 2, answered: 2, medianFirstResponseSeconds: 750 });
    expect(cell(5, 9)).toEqual({ weekday: 5, hour: 9, inbound: 2, conversations: 2, answered: 1, medianFirstResponseSeconds: 600 });
    expect(cell(1, 8)).toMatchObject({ inbound: 2, conversations: 2, answered: 0, medianFirstResponseSeconds: null });
    expect(cell(7, 3).inbound).toBe(1);
    expect(cell(7, 1).inbound).toBe(1);
    expect(s.grid.reduce((n, c) => n + c.inbound, 0)).toBe(8);
    // Nothing landed on UTC hours: 13:00/14:00 would mean the zone was ignored.
    expect(cell(1, 13).inbound + cell(1, 14).inbound + cell(5, 13).inbound + cell(5, 14).inbound).toBe(0);
  });

  it('splits business hours from off-hours', async () => {
    const r = await runCrisis(synthCrisis(DST, YAML), [coverageAnalysis]);
    const { inside, outside } = (r.report.sections.coverage as CoverageSection).businessHours;
    expect(inside).toMatchObject({ inbound: 4, conversations: 4, answered: 3, responseRate: 0.75, withinSlaShare: 0.75 });
    expect(inside.firstResponse).toMatchObject({ n: 3, medianSeconds: 600 });
    expect(outside).toMatchObject({ inbound: 4, conversations: 4, answered: 0, responseRate: 0, withinSlaShare: 0 });
  });

  it('tracks the backlog of conversations waiting for a first reply', async () => {
    const r = await runCrisis(synthCrisis(DST, YAML), [coverageAnalysis]);
    const b = (r.report.sections.coverage as CoverageSection).backlog;
    expect(b.bucket).toBe('1d');
    expect(b.waitingAtEnd).toBe(5);
    expect(b.points[b.points.length - 1].waiting).toBe(5);
    // End of Monday 11 March (local midnight, EDT since the 10th): c3 and c7 wait; c1 and c2 were answered.
    const monday = b.points.find((p) => p.at === '2024-03-12T04:00:00.000Z');
    expect(monday?.waiting).toBe(2);
    expect(b.peak?.waiting).toBe(5);
  });

  it('uses UTC when the crisis names no time zone', async () => {
    const r = await runCrisis(synthCrisis(DST), [coverageAnalysis]);
    const s = r.report.sections.coverage as CoverageSection;
    expect(s.timezone).toBe('UTC');
    expect(s.grid.find((c) => c.weekday === 1 && c.hour === 13)!.inbound).toBe(2); // c2 13:00Z and c6 13:59Z
  });
});

const head = sharedData('twcs-head-5k');
describe.skipIf(!head.present)('coverage on twcs-head-5k', () => {
  it('accounts for every customer message and conversation', async () => {
    const r = await runCrisis(head.dir, [coverageAnalysis]);
    const s = r.report.sections.coverage as CoverageSection;
    expect(s.grid.reduce((n, c) => n + c.inbound, 0)).toBe(2777);
    expect(s.grid.reduce((n, c) => n + c.conversations, 0)).toBe(1310);
    expect(s.businessHours.inside.conversations + s.businessHours.outside.conversations).toBe(1310);
    expect(s.backlog.waitingAtEnd).toBe(0);
    expect(s.backlog.peak?.waiting).toBeGreaterThan(0);
  });
});
