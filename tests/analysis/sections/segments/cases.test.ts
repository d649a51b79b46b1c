/**
 * Segments of cases: the tickets fixture split by team (SLA by the tickets
 * section's own definition), and small complaint exports whose figures are
 * not measurable, each with its reason.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { responseAnalysis } from '../../../../src/analysis/crisis/response.ts';
import { segmentsAnalysis } from '../../../../src/analysis/sections/segments/analysis.ts';
import { ticketsAnalysis } from '../../../../src/analysis/sections/tickets/analysis.ts';
import { segmentTables } from '../../../../src/analysis/sections/segments/view.ts';
import { memoryCrisisFiles, runCrisis } from '../../crisis/helpers.ts';

const SERVICE_DESK = path.resolve(import.meta.dirname, '../../../fixtures/tickets/service-desk');

describe('segments of cases', () => {
  it('splits tickets by team with the tickets section\'s SLA attainment per team', async () => {
    const yaml = readFileSync(path.join(SERVICE_DESK, 'crisis.yaml'), 'utf8');
    const files = memoryCrisisFiles({ 'crisis.yaml': `${yaml}segments: [team]\n`, 'incidents.csv': readFileSync(path.join(SERVICE_DESK, 'incidents.csv'), 'utf8') });
    const r = await runCrisis(files, [ticketsAnalysis, segmentsAnalysis]);
    const [team] = r.report.sections.segments!.breakdowns;
    const tickets = r.report.sections.tickets!;
    expect(team).toMatchObject({ field: 'team', source: 'field', table: 'cases', slaBasis: 'flag', segmentsTotal: 4, omittedVolume: 0 });
    // The same groups, sizes and SLA shares as the tickets section's resolution by team (flag basis).
    expect(team!.segments.map((s) => [s.value, s.volume, s.slaShare])).toEqual(tickets.resolution.byTeam!.groups.map((g) => [g.value, g.cases, g.slaShare]));
    expect(team!.overall).toMatchObject({ volume: 11, slaDecided: 9, slaMet: 5, slaShare: tickets.sla.share, conversations: null });
    // Worked out by hand in tickets.test.ts: Network 0.6, Service Desk 0.5, Facilities 0, (none) 1.
    expect(team!.segments.map((s) => s.slaShare)).toEqual([0.6, 0.5, 0, 1]);
    expect(team!.overall).toMatchObject({
      negativeShare: null,
      negativeShareNotMeasurable: 'sentiment is scored on messages; cases carry no sentiment label',
      firstResponse: { n: 0, medianSeconds: null, p90Seconds: null },
      firstResponseNotMeasurable: 'the export has no first-response times for cases (map first_response_at in crisis.yaml)',
      topThemes: [],
      topThemesNotMeasurable: 'no themes were found in this crisis',
      topFaults: [],
      topFaultsNotMeasurable: 'no fault taxonomy in crisis.yaml (faults:)',
    });
  }, 60_000);

  const complaints = [
    'id,opened_at,first_response_at,company,text',
    '1,2024-05-01T10:00:00Z,2024-05-01T11:00:00Z,Acme,wrong balance',
    '2,2024-05-01T10:00:00Z,2024-05-01T12:00:00Z,Acme,late fee',
    '3,2024-05-01T10:00:00Z,,Bolt,no answer yet',
    '4,2024-05-01T10:00:00Z,2024-05-01T10:30:00Z,,no company given',
  ].join('\n');
  const crisis = (extra = '') =>
    memoryCrisisFiles({ 'crisis.yaml': `sources:\n  - file: complaints.csv\n    format: generic\n    table: cases\nsegments: [company]\n${extra}`, 'complaints.csv': `${complaints}\n` });

  it('measures case first response per segment as the response section does, and says when a segment has none', async () => {
    const r = await runCrisis(crisis(), [responseAnalysis, segmentsAnalysis]);
    const [company] = r.report.sections.segments!.breakdowns;
    // Acme 3600 s and 7200 s → median 5400, p90 3600 + 0.9·3600. Bolt: none. (none): case 4, 1800 s.
    expect(company!.segments.map((s) => [s.value, s.volume, s.firstResponse.n, s.firstResponse.medianSeconds, s.firstResponse.p90Seconds])).toEqual([
      ['Acme', 2, 2, 5400, 6840],
      ['(none)', 1, 1, 1800, 1800],
      ['Bolt', 1, 0, null, null],
    ]);
    expect(company!.segments[2]!.firstResponseNotMeasurable).toBe('no case of this segment has a first-response time');
    const all = r.report.sections.response!.cases!.firstResponse!;
    expect(company!.overall.firstResponse).toEqual({ n: all.n, medianSeconds: all.medianSeconds, p90Seconds: all.p90Seconds });
  }, 60_000);

  it('without any SLA basis, every SLA share is null with the tickets section\'s reason', async () => {
    const r = await runCrisis(crisis(), [segmentsAnalysis]);
    const [company] = r.report.sections.segments!.breakdowns;
    expect(company!.slaBasis).toBeNull();
    for (const s of [company!.overall, ...company!.segments]) {
      expect(s.slaShare).toBeNull();
      expect(s.slaShareNotMeasurable).toMatch(/^No SLA basis: No case has an SLA flag/);
    }
    // The page leaves out the columns no segment can fill, and says why.
    const [table] = segmentTables(r.report.sections.segments!);
    expect(table!.columns.map((c) => c.label)).toEqual(['Cases', 'Share', 'Median first response', 'p90 first response']);
    expect(table!.notMeasurable.map((n) => n.label)).toEqual(['Negative', 'SLA attainment', 'Top themes', 'Top faults']);
    expect(table!.partly).toEqual([
      { label: 'Median first response', reason: 'no case of this segment has a first-response time', segments: ['Bolt'] },
      { label: 'p90 first response', reason: 'no case of this segment has a first-response time', segments: ['Bolt'] },
    ]);
  }, 60_000);

  it('decides SLA by crisis.yaml resolution targets when that is the only basis', async () => {
    const csv = ['id,opened_at,resolved_at,priority,company', '1,2024-05-01T10:00:00Z,2024-05-01T11:00:00Z,P1,Acme', '2,2024-05-01T10:00:00Z,2024-05-01T16:00:00Z,P1,Acme', '3,2024-05-01T10:00:00Z,2024-05-01T12:00:00Z,P1,Bolt'].join('\n');
    const files = memoryCrisisFiles({
      'crisis.yaml': 'sla: { resolutionHours: { P1: 4 } }\nsources:\n  - file: t.csv\n    format: generic\n    table: cases\nsegments: [company]\n',
      't.csv': `${csv}\n`,
    });
    const r = await runCrisis(files, [ticketsAnalysis, segmentsAnalysis]);
    const [company] = r.report.sections.segments!.breakdowns;
    // Acme: 1 h within 4 h, 6 h not → 1 of 2. Bolt: 2 h → 1 of 1.
    expect(company!.slaBasis).toBe('target');
    expect(company!.segments.map((s) => [s.value, s.slaDecided, s.slaMet, s.slaShare])).toEqual([['Acme', 2, 1, 0.5], ['Bolt', 1, 1, 1]]);
    expect(company!.overall.slaShare).toBe(r.report.sections.tickets!.sla.share);
  }, 60_000);
});
