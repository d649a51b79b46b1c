import { describe, expect, it } from 'vitest';
import { setColumn, type Analysis } from '../../../src/analysis/runner/analysis.ts';
import { createTimelineAnalysis, timelineAnalysis } from '../../../src/analysis/crisis/timeline.ts';
import type { TimelineSection } from '../../../src/analysis/crisis/types.ts';
import { memoryCrisisFiles, runCrisis, sharedData, synthCrisis, t, type SynthMessage } from './helpers.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

/**
 * Four days of steady traffic (6 customer messages an hour) with a surge on
 * 2024-05-02: 40, 80, 120, 60, 30 customer messages in the hours from 10:00
 * UTC, then back to normal. The brand answers the background at 08:00 and
 * the surge first at 10:25.
 */
function surgeCrisis(): SynthMessage[] {
  const out: SynthMessage[] = [];
  const start = t('2024-04-30T00:00:00Z');
  const surge: Record<number, number> = { 58: 40, 59: 80, 60: 120, 61: 60, 62: 30 };
  let id = 0;
  for (let h = 0; h < 96; h++) {
    const n = surge[h] ?? 6;
    for (let i = 0; i < n; i++) out.push({ id: String(++id), at: start + h * HOUR + Math.floor((i * HOUR) / n), text: h in surge ? 'outage again' : 'question' });
  }
  out.push({ id: 'b1', at: t('2024-05-02T08:00:00Z'), inbound: false, parent: '300', text: 'We can help' });
  const surgeFirst = out.find((m) => m.at === t('2024-05-02T10:00:00Z'))!;
  out.push({ id: 'b2', at: t('2024-05-02T10:25:00Z'), inbound: false, parent: surgeFirst.id, text: 'We are aware of the outage' });
  out.push({ id: 'b3', at: t('2024-05-02T10:26:00Z'), inbound: false, parent: '1', text: 'late reply to an old question' });
  return out;
}

describe('timeline on a generated crisis', () => {
  it('finds onset, peak, containment and the brand’s first response', async () => {
    const r = await runCrisis(synthCrisis(surgeCrisis()), [createTimelineAnalysis({ bucket: '1h' })]);
    const s = r.report.sections.timeline as TimelineSection;
    expect(s.bucket).toEqual({ id: '1h', ms: HOUR, chosenBy: 'option', dateOnly: false });
    expect(s.buckets).toHaveLength(96);
    expect(s.buckets.reduce((n, b) => n + b.total, 0)).toBe(r.messages.length);
    expect(s.buckets.reduce((n, b) => n + b.brand, 0)).toBe(3);
    expect(s.channels).toEqual(['twitter']);
    expect(s.detection.series).toBe('inbound');
    expect(s.episodes).toHaveLength(1);
    const [e] = s.episodes;
    expect(e.onset).toMatchObject({ at: '2024-05-02T10:00:00.000Z', volume: 40, baseline: 6 });
    // One day of history before the surge: an hourly baseline needs the same hour on 3 earlier days.
    expect(e.peak).toMatchObject({ at: '2024-05-02T12:00:00.000Z', volume: 120, multiple: null, multipleNotMeasurable: expect.stringMatching(/^no baseline yet/) });
    expect(e.containment?.at).toBe('2024-05-02T15:00:00.000Z');
    expect(e.durationMinutes).toBe(300);
    expect(e.ongoing).toBe(false);
    expect(e.levelShift).toBe(false);
    expect(e.volume).toBe(330);
    expect(e.firstBrandResponse).toEqual({ at: '2024-05-02T10:25:00.000Z', messageId: 'b2', minutesAfterOnset: 25 });
    expect(e.firstBrandReplyToEpisode?.messageId).toBe('b2');
    expect(s.keyMoments.map((k) => k.kind)).toEqual(expect.arrayContaining(['onset', 'peak', 'first-brand-response', 'containment']));
    // Per-message episode column: surge messages are in episode 1, the rest are not.
    const col = (id: string) => r.columns.get(id)?.spike_episode;
    const inSurge = r.messages.find((m) => m.createdAt === t('2024-05-02T12:30:00Z'))!;
    expect(col(inSurge.id)).toBe(1);
    expect(col('1')).toBeNull();
  });

  it('chooses the bucket from the span and aligns it to the crisis time zone', async () => {
    const yaml = 'timezone: America/New_York\n';
    const r = await runCrisis(synthCrisis(surgeCrisis(), yaml), [timelineAnalysis]);
    const s = r.report.sections.timeline as TimelineSection;
    expect(s.bucket).toMatchObject({ id: '1h', chosenBy: 'span' }); // 4 days → 96 hourly buckets
    expect(s.timezone).toBe('America/New_York');
    expect(s.buckets[0].start).toBe('2024-04-30T00:00:00.000Z'); // 20:00 EDT: an hour boundary either way
    const daily = await runCrisis(synthCrisis(surgeCrisis(), yaml), [createTimelineAnalysis({ bucket: '1d' })]);
    const d = daily.report.sections.timeline as TimelineSection;
    expect(d.buckets[0].start).toBe('2024-04-29T04:00:00.000Z'); // midnight EDT
  });

  it('adds sentiment per bucket from a sentiment column, which the runner computes first whatever the order given', async () => {
    const sentiment: Analysis = {
      name: 'fake-sentiment',
      sections: [],
      columns: ['sentiment'],
      async run(ctx) {
        for (const m of ctx.messages) setColumn(ctx, m.id, 'sentiment', m.text.includes('outage') ? 'negative' : 'neutral');
      },
    };
    const r = await runCrisis(synthCrisis(surgeCrisis()), [sentiment, createTimelineAnalysis({ bucket: '1h' })]);
    const s = r.report.sections.timeline as TimelineSection;
    expect(s.bySentiment?.labels).toEqual(['negative', 'neutral']);
    expect(s.bySentiment?.counts.negative[60]).toBe(120);
    expect(s.bySentiment?.counts.neutral[60]).toBe(0);
    expect(s.bySentiment?.counts.neutral[0]).toBe(6);
    // Brand messages are not counted.
    expect(s.bySentiment!.counts.negative.reduce((a, b) => a + b, 0) + s.bySentiment!.counts.neutral.reduce((a, b) => a + b, 0)).toBe(r.messages.length - 3);

    expect(s.bySentiment!.total[60]).toBe(120);
    expect(s.bySentiment!.shares.negative![60]).toBe(1);

    const reversed = await runCrisis(synthCrisis(surgeCrisis()), [createTimelineAnalysis({ bucket: '1h' }), sentiment]);
    expect(reversed.report.sections.timeline).toEqual(s);
    const without = await runCrisis(synthCrisis(surgeCrisis()), [createTimelineAnalysis({ bucket: '1h' })]);
    expect(without.report.sections.timeline!.bySentiment).toBeUndefined();
  });

  it('is deterministic', async () => {
    const a = await runCrisis(synthCrisis(surgeCrisis()), [timelineAnalysis]);
    const b = await runCrisis(synthCrisis(surgeCrisis()), [timelineAnalysis]);
    expect(JSON.stringify(a.report.sections.timeline)).toBe(JSON.stringify(b.report.sections.timeline));
  });
});

describe('timeline on date-only cases', () => {
  it('buckets by local calendar day across a DST change', async () => {
    // 40 days of complaints stamped with dates only, 10 a day, with a surge of 60, 90, 50 on 12–14 March 2024
    // (just after New York moved to daylight saving time on the 10th).
    const surge: Record<string, number> = { '2024-03-12': 60, '2024-03-13': 90, '2024-03-14': 50 };
    const lines = ['complaint_id,opened_at,status'];
    let id = 0;
    for (let d = 0; d < 40; d++) {
      const date = new Date(Date.UTC(2024, 1, 20 + d)).toISOString().slice(0, 10);
      for (let i = 0; i < (surge[date] ?? 10); i++) lines.push(`C${++id},${date},closed`);
    }
    const files = memoryCrisisFiles({ 'complaints.csv': lines.join('\n'), 'crisis.yaml': 'timezone: America/New_York\n' });
    const r = await runCrisis(files, [timelineAnalysis]);
    const s = r.report.sections.timeline as TimelineSection;
    expect(s.source).toBe('cases');
    expect(s.bucket).toMatchObject({ id: '1d', dateOnly: true });
    expect(s.buckets).toHaveLength(40);
    const byDay = Object.fromEntries(s.buckets.map((b) => [new Date(Date.parse(b.start) + 12 * HOUR).toISOString().slice(0, 10), b.total]));
    expect(Object.keys(byDay)).toHaveLength(40);
    for (const [day, n] of Object.entries(byDay)) expect(n).toBe(surge[day] ?? 10);
    expect(byDay['2024-03-13']).toBe(90);
    expect(s.episodes).toHaveLength(1);
    expect(s.episodes[0].onset.at).toBe('2024-03-12T04:00:00.000Z'); // local midnight, EDT
    expect(s.episodes[0].peak).toMatchObject({ at: '2024-03-13T04:00:00.000Z', volume: 90 });
    expect(s.episodes[0].containment?.at).toBe('2024-03-15T04:00:00.000Z');
  });
});

const head = sharedData('twcs-head-5k');
describe.skipIf(!head.present)('timeline on twcs-head-5k', () => {
  it('finds the 31 October surge', async () => {
    const r = await runCrisis(head.dir, [timelineAnalysis]);
    const s = r.report.sections.timeline as TimelineSection;
    expect(s.bucket.id).toBe('6h');
    // Ten old tweets (2011 to 8 August 2017) would need coarser buckets than 6 h: counted and left off. From 26 September on, 6 h buckets hold everything.
    expect(s.domain).toMatchObject({ start: '2017-09-26T21:39:47.000Z', end: '2017-12-03T18:52:36.000Z', excludedBefore: 10, excludedAfter: 0 });
    expect(s.buckets.reduce((n, b) => n + b.total, 0)).toBe(4999 - 10);
    const biggest = [...s.episodes].sort((a, b) => b.peak.volume - a.peak.volume)[0];
    expect(biggest.peak).toMatchObject({ at: '2017-10-31T18:00:00.000Z', volume: 1455 });
    expect(biggest.onset.at).toBe('2017-10-29T12:00:00.000Z');
    expect(biggest.containment?.at).toBe('2017-11-02T18:00:00.000Z');
    expect(biggest.firstBrandResponse).not.toBeNull();
    expect(s.keyMoments.filter((k) => k.kind === 'most-engaged')).toHaveLength(5);
  });
});

const airline = sharedData('airline-sentiment');
describe.skipIf(!airline.present)('timeline on the airline tweets', () => {
  it('finds the 22–24 February surge and no brand response (the export has none)', async () => {
    const r = await runCrisis(airline.dir, [timelineAnalysis]);
    const s = r.report.sections.timeline as TimelineSection;
    expect(s.bucket.id).toBe('1h');
    expect(s.detection.seasonBuckets).toBe(24);
    const biggest = [...s.episodes].sort((a, b) => b.peak.volume - a.peak.volume)[0];
    expect(biggest.peak).toMatchObject({ at: '2015-02-22T22:00:00.000Z', volume: 209 });
    expect(biggest.onset.at).toBe('2015-02-22T02:00:00.000Z');
    expect(biggest.ongoing).toBe(true);
    expect(biggest.firstBrandResponse).toBeNull();
  });
});

const cfpb = sharedData('cfpb-complaints-sample');
describe.skipIf(!cfpb.present)('timeline on CFPB cases', () => {
  it('counts cases by week', async () => {
    const r = await runCrisis(cfpb.dir, [timelineAnalysis]);
    const s = r.report.sections.timeline as TimelineSection;
    expect(s.source).toBe('cases');
    expect(s.bucket.id).toBe('1w');
    expect(s.buckets.reduce((n, b) => n + b.total, 0) + s.domain.excludedBefore + s.domain.excludedAfter).toBe(6623);
    const biggest = [...s.episodes].sort((a, b) => b.peak.volume - a.peak.volume)[0];
    expect(biggest.peak).toMatchObject({ at: '2019-04-01T00:00:00.000Z', volume: 819 });
  });
});
