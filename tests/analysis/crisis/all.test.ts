import { describe, expect, it } from 'vitest';
import { CRISIS_ANALYSES } from '../../../src/analysis/crisis/index.ts';
import type { PlaybookSection, TimelineSection } from '../../../src/analysis/crisis/types.ts';
import { sentimentAnalysis, type SentimentSection } from '../../../src/analysis/language/sentiment-analysis.ts';
import { runCrisis, sharedData } from './helpers.ts';

const SECTIONS = ['timeline', 'response', 'coverage', 'playbook', 'amplifiers'];

const head = sharedData('twcs-head-5k');
describe.skipIf(!head.present)('all crisis analyses together on twcs-head-5k', () => {
  it('write every section and column, identically on a second run', async () => {
    const a = await runCrisis(head.dir, [...CRISIS_ANALYSES]);
    expect(CRISIS_ANALYSES.map((x) => x.name)).toEqual(SECTIONS);
    expect(Object.keys(a.report.sections)).toEqual(SECTIONS);
    expect(a.columnNames).toEqual(
      expect.arrayContaining(['spike_episode', 'first_response_s', 'conversation_first_response_s', 'playbook_step', 'customer_signal', 'repeat_count']),
    );
    const csv = a.csv();
    expect(csv.split('\n')[0]).toContain('first_response_s');
    const b = await runCrisis(head.dir, [...CRISIS_ANALYSES]);
    expect(JSON.stringify(b.report.sections)).toBe(JSON.stringify(a.report.sections));
    expect(b.csv()).toBe(csv);
  });
});

describe.skipIf(!head.present)('after the sentiment analysis', () => {
  it('split the timeline by sentiment and judge anger by the sentiment columns', async () => {
    const r = await runCrisis(head.dir, [sentimentAnalysis, ...CRISIS_ANALYSES]);
    const timeline = r.report.sections.timeline as TimelineSection;
    expect(timeline.bySentiment?.labels).toEqual(['negative', 'neutral', 'positive']);
    const counted = timeline.bySentiment!.labels.reduce((n, l) => n + timeline.bySentiment!.counts[l].reduce((a, b) => a + b, 0), 0);
    expect(counted).toBe(timeline.buckets.reduce((n, b) => n + b.inbound, 0));
    // The same split as shares per bucket, in the same place (timeline.bySentiment).
    const overTime = timeline.bySentiment!;
    expect(overTime.total.length).toBe(timeline.buckets.length);
    const i = overTime.total.findIndex((n) => n >= 10);
    // The busiest 6 h (31 Oct 18:00 UTC): 1,455 customer messages, 56% negative by the shipped model.
    const peak = timeline.buckets.findIndex((b) => b.start === '2017-10-31T18:00:00.000Z');
    expect(overTime.total[peak]).toBe(1455);
    expect(overTime.shares['negative']![peak]).toBe(0.5622);
    expect(overTime.shares['negative']![i]).toBe(Math.round((timeline.bySentiment!.counts['negative']![i]! / overTime.total[i]!) * 10_000) / 10_000);
    expect(overTime.total.every((n, k) => n > 0 || overTime.shares['neutral']![k] === null)).toBe(true);
    const playbook = r.report.sections.playbook as PlaybookSection;
    expect(playbook.negativity).toBe('sentiment-column');
    expect(playbook.customer.angrierAfterReply.conversations).toBeGreaterThan(0);
  });
});

const cfpb = sharedData('cfpb-complaints-sample');
describe.skipIf(!cfpb.present)('all crisis analyses on a cases-only crisis', () => {
  it('write the sections cases support and skip the rest', async () => {
    const r = await runCrisis(cfpb.dir, [...CRISIS_ANALYSES]);
    expect(Object.keys(r.report.sections)).toEqual(['timeline', 'response']);
  });
});
