/** The timeline chart says how many records it leaves off and where (issue 10: a record left off silently). */
import { describe, expect, it } from 'vitest';
import type { TimelineSection } from '../../src/analysis/crisis/types.ts';
import { offCurve, timelineChart } from '../../src/site/charts/timeline-charts.ts';

function section(excludedBefore: number, excludedAfter: number): TimelineSection {
  const start = Date.parse('2017-09-26T18:00:00Z');
  const buckets = Array.from({ length: 4 }, (_, i) => ({
    start: new Date(start + i * 6 * 3_600_000).toISOString(), total: 2, inbound: 2, brand: 0, byChannel: { twitter: 2 }, baseline: 2, upper: 6, anomalous: false, baselineMethod: 'global',
  }));
  return {
    source: 'messages', timezone: 'UTC', bucket: { id: '6h', ms: 6 * 3_600_000, chosenBy: 'span', dateOnly: false },
    domain: { start: '2017-09-26T21:39:47.000Z', end: '2017-09-27T15:00:00.000Z', excludedBefore, excludedAfter },
    detection: { series: 'inbound', windowBuckets: 12, seasonBuckets: 0, k: 3, minExcess: 3, sustainBuckets: 2, containBuckets: 3, description: '' },
    channels: ['twitter'], buckets, episodes: [], mainEpisodeIndex: null, keyMoments: [], definitions: {},
  } as unknown as TimelineSection;
}

describe('records left off the timeline', () => {
  it('are counted in the caption, with the side they lie on', () => {
    const caption = timelineChart(section(10, 1))!.caption;
    expect(caption).toContain(' 11 messages far outside this span (10 before ');
    expect(caption).toMatch(/, 1 after [^)]+\) would need coarser buckets: counted in the totals but not drawn\.$/);
  });

  it('add nothing when the curve holds every record', () => {
    expect(offCurve(section(0, 0))).toBe('');
    expect(timelineChart(section(0, 0))!.caption).toMatch(/numbers = key moments\.$/);
  });
});
