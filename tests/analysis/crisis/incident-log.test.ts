/**
 * Issue 10: an IT incident audit log (one row per version of an incident, `DD-MM-YYYY HH:mm`)
 * whose first incident was opened on 29 February 2016, a day and a half before the others.
 * It used to fall off the timeline as a "stray": the curve summed to one incident less than loaded.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { timelineAnalysis } from '../../../src/analysis/crisis/timeline.ts';
import type { TimelineSection } from '../../../src/analysis/crisis/types.ts';
import { runCrisis } from './helpers.ts';

const LOG = path.resolve(import.meta.dirname, '../../fixtures/ingest/incident-log');

describe('timeline of an incident audit log with a leap-day incident', () => {
  it('keeps the incident opened on 29-02-2016 01:16 on the curve, so the curve sums to the incidents loaded', async () => {
    const r = await runCrisis(LOG, [timelineAnalysis]);
    // 1,368 versions of 300 incidents: the latest version of each is loaded, the others superseded.
    expect(r.report.ledger.totals).toMatchObject({ read: 1368, loaded: 300, rejected: 0, superseded: 1068 });
    expect(r.report.counts.cases).toBe(300);
    const leapDay = r.cases.find((c) => c.id === 'INC0000045')!;
    expect(new Date(leapDay.openedAt).toISOString()).toBe('2016-02-29T00:16:00.000Z'); // 01:16 in Amsterdam
    const s = r.report.sections.timeline as TimelineSection;
    expect(s.source).toBe('cases');
    expect(s.domain).toMatchObject({ start: '2016-02-29T00:16:00.000Z', excludedBefore: 0, excludedAfter: 0 });
    expect(s.buckets.reduce((n, b) => n + b.total, 0)).toBe(300);
    expect(s.buckets.find((b) => b.start === '2016-02-29T00:00:00.000Z')?.total).toBe(1);
  });
});
