/** The segments page's pure pieces: headers and file-safe ids from field names as exports write them; figures not measurable for some segments. */
import { describe, expect, it } from 'vitest';
import type { SegmentBreakdown, SegmentFigures, SegmentsSection } from '../../../../src/analysis/sections/segments/schema.ts';
import { breakdownId, humanise, segmentTables } from '../../../../src/analysis/sections/segments/view.ts';

/** A segment with a volume, and the figures that are not measurable for it (with their reasons). */
function segment(value: string, volume: number, gaps: { negative?: string; response?: string } = {}): SegmentFigures {
  return {
    value, volume, share: volume / 24, fewRecords: false, conversations: null, labelled: 0, negative: 0,
    negativeShare: gaps.negative ? null : 0.5, ...(gaps.negative ? { negativeShareNotMeasurable: gaps.negative } : {}),
    firstResponse: gaps.response ? { n: 0, medianSeconds: null, p90Seconds: null } : { n: 1, medianSeconds: 60, p90Seconds: 60 }, ...(gaps.response ? { firstResponseNotMeasurable: gaps.response } : {}),
    slaDecided: 0, slaMet: 0, slaShare: null, slaShareNotMeasurable: 'no SLA', topThemes: [], topThemesTotal: 0, topThemesNotMeasurable: 'no themes', topFaults: [], topFaultsTotal: 0, topFaultsNotMeasurable: 'no faults',
  } as unknown as SegmentFigures;
}

describe('segments view', () => {
  it('humanises field names for the first column', () => {
    expect(humanise('company')).toBe('Company');
    expect(humanise('customer.plan')).toBe('Customer plan');
    expect(humanise('Submitted via')).toBe('Submitted via');
    expect(humanise('sub_product')).toBe('Sub product');
  });

  it('names each breakdown with a file-safe id, unique by its place', () => {
    const b = (field: string) => ({ field }) as SegmentBreakdown;
    expect(breakdownId(b('Consumer disputed?'), 0)).toBe('segments-1-consumer-disputed');
    expect(breakdownId(b('../etc/passwd'), 1)).toBe('segments-2-etc-passwd');
    expect(breakdownId(b('航空会社'), 2)).toBe('segments-3');
  });

  it('lists the segments a figure is not measurable for, per figure and reason, in table order', () => {
    const segments = [
      segment('Acme', 9, { negative: 'no labels', response: 'no brand reply' }),
      segment('Bolt', 7, { negative: 'too few labels' }),
      segment('Core', 5, { negative: 'no labels', response: 'no brand reply' }),
      segment('Dyne', 3, { response: 'no first message' }),
    ];
    const breakdown = { field: 'company', source: 'field', table: 'messages', slaBasis: null, overall: segment('all', 24), segments, segmentsTotal: 4, omittedVolume: 0 } as unknown as SegmentBreakdown;
    const [table] = segmentTables({ breakdowns: [breakdown] } as unknown as SegmentsSection);
    expect(table!.partly).toEqual([
      { label: 'Negative', reason: 'no labels', segments: ['Acme', 'Core'] },
      { label: 'Negative', reason: 'too few labels', segments: ['Bolt'] },
      { label: 'Median first response', reason: 'no brand reply', segments: ['Acme', 'Core'] },
      { label: 'Median first response', reason: 'no first message', segments: ['Dyne'] },
      { label: 'p90 first response', reason: 'no brand reply', segments: ['Acme', 'Core'] },
      { label: 'p90 first response', reason: 'no first message', segments: ['Dyne'] },
    ]);
    expect(table!.notMeasurable.map((n) => n.label)).toEqual(['Within SLA', 'Top themes', 'Top faults']);
  });
});
