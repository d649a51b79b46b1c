/**
 * Figures the export cannot support are not measurable — null with the reason beside them
 * (`…NotMeasurable`, see crisis/types.ts) — never 0 (issue 10, item 5).
 */
import { describe, expect, it } from 'vitest';
import { amplifiersAnalysis } from '../../../src/analysis/crisis/amplifiers.ts';
import { coverageAnalysis } from '../../../src/analysis/crisis/coverage.ts';
import { playbookAnalysis } from '../../../src/analysis/crisis/playbook.ts';
import { responseAnalysis } from '../../../src/analysis/crisis/response.ts';
import { detectSpikes, peakMultiple, type SpikeBucket } from '../../../src/analysis/crisis/spikes.ts';
import { createTimelineAnalysis, defaultSpikeOptions } from '../../../src/analysis/crisis/timeline.ts';
import type { AmplifiersSection, CoverageSection, PlaybookSection, TimelineSection } from '../../../src/analysis/crisis/types.ts';
import type { ResponseSection } from '../../../src/analysis/crisis/types.ts';
import { CRISIS_ANALYSES } from '../../../src/analysis/crisis/index.ts';
import { kpi } from '../../../src/site/kpis.ts';
import { runCrisis, sharedData, synthCrisis, t, type SynthMessage } from './helpers.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Customer messages only: `perHour` an hour for `hours` hours from `start`, `surge` overriding some hours. */
function customers(start: number, hours: number, perHour: number, surge: Record<number, number> = {}): SynthMessage[] {
  const out: SynthMessage[] = [];
  let id = 0;
  for (let h = 0; h < hours; h++) {
    const n = surge[h] ?? perHour;
    for (let i = 0; i < n; i++) out.push({ id: String(++id), at: start + h * HOUR + Math.floor((i * HOUR) / n), text: h in surge ? 'outage again' : 'question' });
  }
  return out;
}

describe('no brand messages: response, coverage and playbook figures are not measurable', () => {
  it('blanks the backlog, the business-hours response figures and the playbook steps, with the reason', async () => {
    const r = await runCrisis(synthCrisis(customers(t('2024-05-01T00:00:00Z'), 48, 3)), [responseAnalysis, coverageAnalysis, playbookAnalysis]);
    const cov = r.report.sections.coverage as CoverageSection;
    expect(cov.backlogNotMeasurable).toBe('the export contains no brand replies');
    expect(cov.backlog).toMatchObject({ points: [], peak: null, waitingAtEnd: null });
    for (const w of [cov.businessHours.inside, cov.businessHours.outside])
      expect(w).toMatchObject({ answered: null, responseRate: null, withinSlaShare: null, responseNotMeasurable: 'the export contains no brand replies' });
    expect(cov.grid.every((c) => c.answered === null)).toBe(true);
    // What needs no reply is still counted.
    expect(cov.businessHours.inside.conversations + cov.businessHours.outside.conversations).toBe(144);

    const pb = r.report.sections.playbook as PlaybookSection;
    expect(pb.stepsNotMeasurable).toBe('the export contains no brand replies');
    expect(pb.steps.every((s) => s.conversations === null && s.share === null)).toBe(true);
    expect(pb.customer.thanks).toEqual({ conversations: null, share: null });
    expect(pb.customer.thanksNotMeasurable).toBeTruthy();
    expect(pb.customer.angrierAfterReplyNotMeasurable).toBeTruthy();
    expect(pb.customer.stillWaiting.share).toBe(0);
  });

  it('keeps the figures when the brand replied', async () => {
    const msgs = customers(t('2024-05-01T00:00:00Z'), 4, 2);
    msgs.push({ id: 'b1', at: t('2024-05-01T00:10:00Z'), inbound: false, parent: '1', text: 'Sorry, we are on it' });
    const r = await runCrisis(synthCrisis(msgs), [coverageAnalysis, playbookAnalysis]);
    const cov = r.report.sections.coverage as CoverageSection;
    expect(cov.backlogNotMeasurable).toBeUndefined();
    expect(cov.backlog.waitingAtEnd).toBe(7);
    expect((r.report.sections.playbook as PlaybookSection).stepsNotMeasurable).toBeUndefined();
  });

  it('says no conversation has a brand reply when the brand only posted on its own', async () => {
    const msgs = customers(t('2024-05-01T00:00:00Z'), 4, 2);
    msgs.push({ id: 'b1', at: t('2024-05-01T00:10:00Z'), inbound: false, text: 'Enter our contest!' });
    const pb = (await runCrisis(synthCrisis(msgs), [playbookAnalysis])).report.sections.playbook as PlaybookSection;
    expect(pb.stepsNotMeasurable).toBe('no conversation in the export has a brand reply');
  });
});

describe('engagement without the columns is not measurable', () => {
  it('likes and shares absent from every message, no reply threads: not 0, not "none engaged"', async () => {
    const r = await runCrisis(synthCrisis(customers(t('2024-05-01T00:00:00Z'), 3, 2)), [amplifiersAnalysis]);
    const a = r.report.sections.amplifiers as AmplifiersSection;
    expect(a.likesNotMeasurable).toBe('the export has no likes column');
    expect(a.sharesNotMeasurable).toBeTruthy();
    expect(a.engagementNotMeasurable).toBeTruthy();
    expect(a.mostEngagedPosts).toEqual([]);
    expect(a.topAuthorsByMessages.every((x) => x.engagement === null)).toBe(true);
  });

  it('shares exported, likes not: only likes are not measurable', async () => {
    const msgs = customers(t('2024-05-01T00:00:00Z'), 3, 2).map((m, i) => ({ ...m, shares: i }));
    const a = (await runCrisis(synthCrisis(msgs), [amplifiersAnalysis])).report.sections.amplifiers as AmplifiersSection;
    expect(a.likesNotMeasurable).toBe('the export has no likes column');
    expect(a.sharesNotMeasurable).toBeUndefined();
    expect(a.engagementNotMeasurable).toBeUndefined();
    expect(a.mostEngagedPosts[0]).toMatchObject({ likes: null, shares: 5 });
  });
});

describe('the "first brand reply" key moment is a reply to the episode', () => {
  /** Four days at 6 an hour, a surge on day 3 from 10:00, and brand posts after its onset. */
  function surge(extra: SynthMessage[]): SynthMessage[] {
    return [...customers(t('2024-04-30T00:00:00Z'), 96, 6, { 58: 40, 59: 80, 60: 120, 61: 60, 62: 30 }), ...extra];
  }
  const moments = async (extra: SynthMessage[]) => {
    const r = await runCrisis(synthCrisis(surge(extra)), [createTimelineAnalysis({ bucket: '1h' })]);
    return (r.report.sections.timeline as TimelineSection).keyMoments.filter((k) => k.kind === 'first-brand-response');
  };

  it('a brand post replying to nothing in the episode is not pinned', async () => {
    // A contest tweet 30 min after onset, and a late reply to a message from day 1.
    expect(await moments([
      { id: 'contest', at: t('2024-05-02T10:30:00Z'), inbound: false, text: 'Win a trip! RT to enter' },
      { id: 'old', at: t('2024-05-02T10:40:00Z'), inbound: false, parent: '1', text: 'Sorry for the wait' },
    ])).toEqual([]);
  });

  it('the brand’s reply to a surge message is', async () => {
    const firstOfSurge = String(58 * 6 + 1);
    const found = await moments([
      { id: 'contest', at: t('2024-05-02T10:30:00Z'), inbound: false, text: 'Win a trip! RT to enter' },
      { id: 'reply', at: t('2024-05-02T11:00:00Z'), inbound: false, parent: firstOfSurge, text: 'We are on it' },
    ]);
    expect(found.map((k) => k.messageId)).toEqual(['reply']);
    expect(found[0].label).toBe('First brand reply: 60 min after onset');
  });
});

describe('surge multiples need a baseline with history', () => {
  const verdict = (method: SpikeBucket['method'], baseline: number): SpikeBucket => ({ method, baseline, upper: baseline + 3, anomalous: true });
  const ctx15 = { bucketMs: 15 * MIN, bucketLabel: '15m', firstBucketPartial: false };

  it('no multiple against the whole-series fallback, a few hours of night or a baseline under 1', () => {
    const o15 = defaultSpikeOptions(15 * MIN, 3 * DAY);
    expect(peakMultiple(19, 40, verdict('global', 1), o15, ctx15)).toMatchObject({ multiple: null, reason: expect.stringMatching(/^no baseline yet/) });
    // A 15-minute trailing window is 12 hours: a morning ramp against the night, not a surge multiple.
    expect(peakMultiple(19, 60, verdict('trailing', 1), o15, ctx15)).toMatchObject({ multiple: null, reason: expect.stringMatching(/^no baseline yet/) });
    const oHour = defaultSpikeOptions(HOUR, 10 * DAY);
    const ctxHour = { bucketMs: HOUR, bucketLabel: '1h', firstBucketPartial: false };
    expect(peakMultiple(292, 200, verdict('seasonal', 0.5), oHour, ctxHour)).toMatchObject({ multiple: null, reason: expect.stringMatching(/under 1 record/) });
    expect(peakMultiple(120, 200, verdict('seasonal', 6), oHour, ctxHour)).toEqual({ multiple: 20, reason: null });
    // The sample crisis's ×292: hourly buckets against the trailing day before an export's first surge.
    expect(peakMultiple(292, 60, verdict('trailing', 1), oHour, ctxHour)).toMatchObject({ multiple: null, reason: expect.stringMatching(/^no baseline yet/) });
  });

  it('no multiple against a partial first day', () => {
    const oDay = defaultSpikeOptions(DAY, 20 * DAY);
    const ctxDay = { bucketMs: DAY, bucketLabel: '1d', firstBucketPartial: true };
    expect(peakMultiple(50, oDay.window, verdict('trailing', 4), oDay, ctxDay).multiple).toBeNull();
    expect(peakMultiple(50, oDay.window + 1, verdict('trailing', 4), oDay, ctxDay).multiple).toBe(12.5);
  });

  it('a surge on the first day of an export says "no baseline yet", not ×N of a floor of 1', async () => {
    // Nearly empty night, then a burst: too little history for any baseline.
    const msgs = customers(t('2024-05-01T00:00:00Z'), 12, 0, { 2: 1, 4: 1, 8: 40, 9: 60, 10: 5, 11: 1 });
    const r = await runCrisis(synthCrisis(msgs), [createTimelineAnalysis({ bucket: '1h' })]);
    const s = r.report.sections.timeline as TimelineSection;
    expect(s.episodes.length).toBeGreaterThan(0);
    for (const e of s.episodes) {
      expect(e.peak.multiple).toBeNull();
      expect(e.peak.multipleNotMeasurable).toMatch(/^no baseline yet/);
    }
    expect(s.keyMoments.filter((k) => k.kind === 'peak').every((k) => k.label.includes('no baseline yet'))).toBe(true);
  });
});

describe('no contradictory labels', () => {
  it('a long surge that comes back into its old band is back to normal, not a new normal', () => {
    const o = { ...defaultSpikeOptions(HOUR, 20 * DAY), season: 0 };
    const series = [...new Array(48).fill(10), ...new Array(o.maxIgnore + 6).fill(60), ...new Array(24).fill(10)];
    const { episodes } = detectSpikes(series, o);
    const long = episodes.find((e) => e.lastAnomalous - e.onset >= o.maxIgnore);
    expect(long).toBeDefined();
    expect(long!.containment).not.toBeNull();
    expect(long!.levelShift).toBe(false);
  });
});

const airline = sharedData('airline-sentiment');
describe.skipIf(!airline.present)('the airline export (customer tweets only, no likes column)', () => {
  it('says response, backlog, playbook and likes are not measurable, with the reason, never 0', async () => {
    const r = await runCrisis(airline.dir, [...CRISIS_ANALYSES]);
    const reason = 'the export contains no brand replies';
    const s = r.report.sections;
    const resp = s.response as ResponseSection;
    expect(resp.conversations).toMatchObject({ responseRate: null, withinSlaShare: null, unanswered: null, responseNotMeasurable: reason });
    expect(resp.conversations?.time).toMatchObject({ medianSeconds: null, p90Seconds: null });
    expect(s.coverage).toMatchObject({ backlogNotMeasurable: reason, backlog: { waitingAtEnd: null, peak: null, points: [] } });
    expect(s.playbook?.stepsNotMeasurable).toBe(reason);
    expect(s.playbook?.steps.every((x) => x.share === null)).toBe(true);
    expect(s.amplifiers?.likesNotMeasurable).toBe('the export has no likes column');
    expect(s.amplifiers?.mostEngagedPosts.every((p) => p.likes === null)).toBe(true);
    // The pages' figures: "not measurable — …", never "0%".
    for (const name of ['response.responseRate', 'response.withinSla', 'response.conversationFirstResponse.median'])
      expect(kpi(r.report, name)).toMatchObject({ value: null, text: 'not measurable', notMeasurable: reason });
    expect(kpi(r.report, 'coverage.backlog.waitingAtEnd')).toMatchObject({ text: 'not measurable', notMeasurable: reason });
    // No episode says both "new normal" and "back to normal", nor "ongoing" for an export that just ends.
    const t = s.timeline as TimelineSection;
    for (const e of t.episodes) if (e.levelShift) expect(t.keyMoments.some((k) => k.episode === e.index && k.label.startsWith('Back to normal'))).toBe(false);
  }, 600_000);
});
