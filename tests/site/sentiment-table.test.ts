/**
 * The timeline's sentiment counts as tables (src/site/sentiment-table.ts):
 * folded bucket by bucket for the stacked chart, totalled per label for its
 * summary and the negative-share KPI, whatever text the labels are.
 */
import { describe, expect, it } from 'vitest';
import type { TimelineSection } from '../../src/analysis/crisis/types.ts';
import type { ReportModel } from '../../src/analysis/report/report-model.ts';
import { sentimentChart } from '../../src/site/charts/timeline-charts.ts';
import { negativeShare } from '../../src/site/kpis.ts';
import { sentimentLong, sentimentTotals } from '../../src/site/sentiment-table.ts';

function section(counts: Record<string, number[]> | null, buckets = 3): TimelineSection {
  const start = Date.parse('2024-10-09T00:00:00Z');
  return {
    source: 'messages', timezone: 'UTC', bucket: { id: '1h', ms: 3_600_000, chosenBy: 'span', dateOnly: false },
    domain: { start: new Date(start).toISOString(), end: new Date(start + buckets * 3_600_000).toISOString(), excludedBefore: 0, excludedAfter: 0 },
    buckets: Array.from({ length: buckets }, (_, i) => ({ start: new Date(start + i * 3_600_000).toISOString(), total: 0, inbound: 0, brand: 0 })),
    ...(counts ? { bySentiment: { labels: Object.keys(counts), counts, scope: 'inbound', total: [], shares: {} } } : {}),
    episodes: [], keyMoments: [], definitions: {},
  } as unknown as TimelineSection;
}

describe('sentiment tables', () => {
  it('fold the counts into one row per bucket and label, bucket by bucket, labels in display order', () => {
    const t = section({ negative: [5, 0, 2], neutral: [1, 1, 1], positive: [0, 3, 0] });
    expect(sentimentLong(t, { n: [1, 2, 3] })!.objects()).toEqual([
      { n: 1, label: 'negative', messages: 5 }, { n: 1, label: 'neutral', messages: 1 }, { n: 1, label: 'positive', messages: 0 },
      { n: 2, label: 'negative', messages: 0 }, { n: 2, label: 'neutral', messages: 1 }, { n: 2, label: 'positive', messages: 3 },
      { n: 3, label: 'negative', messages: 2 }, { n: 3, label: 'neutral', messages: 1 }, { n: 3, label: 'positive', messages: 0 },
    ]);
    expect(sentimentTotals(t)).toEqual({ byLabel: { negative: 7, neutral: 3, positive: 3 }, all: 13 });
  });

  it('keep labels that read like column names apart from the columns', () => {
    const t = section({ label: [1, 2], messages: [3, 4], start_utc: [0, 1] }, 2);
    const long = sentimentLong(t, { start_utc: ['a', 'b'] })!;
    expect(long.columnNames()).toEqual(['start_utc', 'label', 'messages']);
    expect(long.objects().slice(0, 3)).toEqual([
      { start_utc: 'a', label: 'label', messages: 1 },
      { start_utc: 'a', label: 'messages', messages: 3 },
      { start_utc: 'a', label: 'start_utc', messages: 0 },
    ]);
    expect(sentimentTotals(t)).toEqual({ byLabel: { label: 3, messages: 7, start_utc: 1 }, all: 11 });
  });

  it('count 0 for a label without a count in a bucket, and for every label without buckets', () => {
    expect(sentimentTotals(section({ negative: [2], positive: [1, 1, 1] }))).toEqual({ byLabel: { negative: 2, positive: 3 }, all: 5 });
    expect(sentimentTotals(section({ negative: [], positive: [] }, 0))).toEqual({ byLabel: { negative: 0, positive: 0 }, all: 0 });
    expect(sentimentLong(section(null))).toBeNull();
    expect(sentimentTotals(section({}))).toBeNull();
  });

  it('give the chart its rows and shares, and the KPI its negative share', () => {
    const t = section({ negative: [6, 0, 3], neutral: [2, 2, 2], positive: [0, 1, 0] });
    const chart = sentimentChart(t)!;
    expect(chart.rows).toHaveLength(9);
    expect(chart.rows[0]).toEqual({ start_utc: '2024-10-09T00:00:00.000Z', start_local: expect.any(String), label: 'negative', messages: 6 });
    expect(Object.keys(chart.rows[4]!)).toEqual(['start_utc', 'start_local', 'label', 'messages']);
    expect(chart.summary).toBe('Customer messages by sentiment: negative 56%, neutral 38%, positive 6.3% overall.');
    const report = (timeline: TimelineSection) => ({ sections: { timeline } }) as unknown as ReportModel;
    expect(negativeShare(report(t))).toBeCloseTo(9 / 16, 12);
    expect(negativeShare(report(section({ negative: [0, 0, 0], positive: [0, 0, 0] })))).toBeNull();
    expect(negativeShare(report(section({ positive: [1, 2, 3] })))).toBeNull();
  });
});
