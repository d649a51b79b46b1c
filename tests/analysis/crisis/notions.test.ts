/**
 * The shared notions (src/analysis/crisis/notions.ts): a figure named after
 * customer messages, conversations, authors or the main surge has one value
 * on every page, whichever analysis or page computes or shows it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisContext } from '../../../src/analysis/runner/analysis.ts';
import type { AnalyzeResult } from '../../../src/analysis/pipeline.ts';
import { CRISIS_ANALYSES } from '../../../src/analysis/crisis/index.ts';
import { authorsOf, conversationsOf, isCustomerMessage, mainEpisodeOf, pickMainEpisode } from '../../../src/analysis/crisis/notions.ts';
import type { AmplifiersSection, CoverageSection, PlaybookSection, ResponseSection, TimelineEpisode, TimelineSection } from '../../../src/analysis/crisis/types.ts';
import { timelineFrame } from '../../../src/analysis/language/text-messages.ts';
import type { ReportModel } from '../../../src/analysis/report/report-model.ts';
import { pinnedMoments, timelineChart } from '../../../src/site/charts/timeline-charts.ts';
import { formatDateTime } from '../../../src/site/format.ts';
import { kpi, mainEpisode } from '../../../src/site/kpis.ts';
import { runCrisis, synthCrisis, type SynthMessage } from './helpers.ts';

const smartlock = path.resolve(import.meta.dirname, '../../../data/smartlock-firmware-2024');

/** Every figure that names one notion, from the report sections and the site's KPIs (the impact table). */
function figures(r: AnalyzeResult) {
  const s = r.report.sections as Record<string, unknown>;
  const response = s.response as ResponseSection;
  const playbook = s.playbook as PlaybookSection;
  const coverage = s.coverage as CoverageSection;
  const amplifiers = s.amplifiers as AmplifiersSection;
  const value = (name: string) => kpi(r.report, name).value;
  return {
    conversations: {
      counts: r.report.counts.conversations,
      impactTable: value('conversations'),
      response: response.conversations!.conversations,
      playbook: playbook.conversations,
      coverage: coverage.businessHours.inside.conversations + coverage.businessHours.outside.conversations,
    },
    authors: { counts: r.report.counts.authors, impactTable: value('authors'), amplifiers: amplifiers.uniqueAuthors },
    customerMessages: {
      counts: r.report.counts.inboundMessages,
      impactTable: value('customerMessages'),
      response: response.firstHop!.inboundMessages,
      amplifiers: amplifiers.messages,
      timeline: (s.timeline as TimelineSection).buckets.reduce((n, b) => n + b.inbound, 0),
    },
  };
}

/** Each of `values` equal to `expected`. */
function allEqual(values: Record<string, unknown>, expected: number): void {
  expect(values).toEqual(Object.fromEntries(Object.keys(values).map((k) => [k, expected])));
}

describe.skipIf(!existsSync(smartlock))('shared notions on smartlock-firmware-2024', () => {
  let r: AnalyzeResult;
  beforeAll(async () => {
    r = await runCrisis(smartlock, [...CRISIS_ANALYSES]);
  });

  it('counts the same conversations in counts, the impact table, response, playbook and coverage', () => {
    // 4,140 reply trees, of which 13 are brand announcements nobody replied to: not conversations.
    allEqual(figures(r).conversations, 4127);
    expect(conversationsOf(r.messages)).toHaveLength(4127);
  });

  it('counts the same authors in counts, the impact table and amplifiers', () => {
    // 5,877 customers; the brand's 4 author spellings (Latchly and latchly among them) are not counted.
    allEqual(figures(r).authors, 5877);
    expect(authorsOf(r.messages).size).toBe(5877);
  });

  it('counts the same customer messages everywhere', () => {
    allEqual(figures(r).customerMessages, r.messages.filter(isCustomerMessage).length);
  });

  it('records the main surge once, and timelineFrame, the KPIs and the pinned moments all use it', () => {
    const t = r.report.sections.timeline as TimelineSection;
    expect(t.mainEpisodeIndex).toBe(1);
    const main = t.episodes[0];
    expect(main.peak.at).toBe('2024-10-09T18:00:00.000Z');
    expect(mainEpisode(r.report)).toBe(main);
    expect(timelineFrame({ report: r.report } as AnalysisContext)).toEqual({ bucketMs: t.bucket.ms, onset: Date.parse(main.onset.at), peak: Date.parse(main.peak.at) });
    const pinned = pinnedMoments(t);
    expect(pinned.length).toBeGreaterThan(0);
    expect(pinned.every((m) => m.episode === main.index)).toBe(true);
  });
});

/**
 * Threads that used to be counted differently from page to page (brand Acme):
 * a brand post nobody answered; a brand account's message the export marks
 * inbound; a customer message without an author; two ordinary threads.
 */
const EDGES: SynthMessage[] = [
  { id: 'b1', at: '2024-06-03T08:00:00Z', author: 'Acme', inbound: false, text: 'Update: we are on it' },
  { id: 'b2', at: '2024-06-03T08:05:00Z', author: 'acme', inbound: true, text: 'Posted from the wrong tool' },
  { id: 'c1', at: '2024-06-03T09:00:00Z', author: 'ann', text: 'my lock is dead' },
  { id: 'r1', at: '2024-06-03T09:10:00Z', author: 'Acme', inbound: false, parent: 'c1', text: 'sorry, DM us' },
  { id: 'c2', at: '2024-06-03T09:30:00Z', author: '', text: 'same here' },
  { id: 'c3', at: '2024-06-03T10:00:00Z', author: 'bob', text: 'RT @ann: my lock is dead' },
];

describe('shared notions on edge threads', () => {
  it('leaves brand-only threads, brand accounts and missing authors out of every figure alike', async () => {
    const r = await runCrisis(synthCrisis(EDGES, 'brand:\n  handles: [Acme]\n'), [...CRISIS_ANALYSES]);
    const f = figures(r);
    allEqual(f.conversations, 3);
    allEqual(f.authors, 2);
    allEqual(f.customerMessages, 3);
  });
});

/** An episode whose peak, excess and onset are given. */
function episode(index: number, peak: number, excess: number, onsetHour: number): TimelineEpisode {
  const at = (h: number) => new Date(Date.UTC(2024, 5, 3, h)).toISOString();
  return {
    index,
    onset: { at: at(onsetHour), bucketIndex: onsetHour, volume: 20, baseline: 5 },
    peak: { at: at(onsetHour + 1), bucketIndex: onsetHour + 1, volume: peak, baseline: 5, multiple: peak / 5 },
    containment: { at: at(onsetHour + 3), bucketIndex: onsetHour + 3 },
    lastAnomalous: { at: at(onsetHour + 2), bucketIndex: onsetHour + 2 },
    durationMinutes: 180,
    ongoing: false,
    levelShift: false,
    volume: excess + 15,
    excessVolume: excess,
    firstBrandResponse: null,
    firstBrandReplyToEpisode: null,
  };
}

/** A timeline with two surges of the same peak; the second is the bigger one. */
function tiedTimeline(record: boolean): TimelineSection {
  const episodes = [episode(1, 50, 60, 2), episode(2, 50, 400, 12)];
  const buckets = Array.from({ length: 24 }, (_, h) => ({
    start: new Date(Date.UTC(2024, 5, 3, h)).toISOString(), total: 5, inbound: 5, brand: 0, byChannel: { twitter: 5 }, baseline: 5, upper: 12, anomalous: false, baselineMethod: 'trailing' as const,
  }));
  const keyMoments = episodes.flatMap((e) => [
    { kind: 'onset' as const, at: e.onset.at, label: `Onset (episode ${e.index})`, episode: e.index, messageId: null, value: e.onset.volume },
    { kind: 'peak' as const, at: e.peak.at, label: `Peak (episode ${e.index})`, episode: e.index, messageId: null, value: e.peak.volume },
  ]);
  return {
    source: 'messages', timezone: 'UTC', bucket: { id: '1h', ms: 3_600_000, chosenBy: 'span', dateOnly: false },
    domain: { start: buckets[0].start, end: buckets[23].start, excludedBefore: 0, excludedAfter: 0 },
    detection: { series: 'inbound', windowBuckets: 12, seasonBuckets: 0, k: 3, minExcess: 3, sustainBuckets: 2, containBuckets: 3, description: '' },
    channels: ['twitter'], buckets, episodes, keyMoments, definitions: {},
    ...(record ? { mainEpisodeIndex: pickMainEpisode(episodes)!.index } : {}),
  };
}

describe('main surge', () => {
  it('breaks a tie of peaks by volume above baseline, and every consumer agrees', () => {
    for (const record of [true, false]) {
      const t = tiedTimeline(record);
      const report = { counts: { messages: 120 }, crisis: { timezone: 'UTC' }, sections: { timeline: t } } as unknown as ReportModel;
      expect(mainEpisodeOf(t)?.index).toBe(2);
      expect(mainEpisode(report)?.index).toBe(2);
      expect(timelineFrame({ report } as AnalysisContext).onset).toBe(Date.parse(t.episodes[1].onset.at));
      expect(pinnedMoments(t).map((m) => m.episode)).toEqual([2, 2]);
      expect(timelineChart(t)?.summary).toContain(`the largest began ${formatDateTime(t.episodes[1].onset.at, 'UTC')}`);
    }
  });

  it('is read from the timeline section, not worked out again by each page', () => {
    // Whatever the timeline recorded (here episode 2, though episode 1 peaks higher), every consumer shows that one.
    const base = tiedTimeline(true);
    const t = { ...base, episodes: [{ ...base.episodes[0], peak: { ...base.episodes[0].peak, volume: 60 } }, base.episodes[1]], mainEpisodeIndex: 2 };
    const report = { counts: { messages: 120 }, crisis: { timezone: 'UTC' }, sections: { timeline: t } } as unknown as ReportModel;
    expect(mainEpisode(report)?.index).toBe(2);
    expect(timelineFrame({ report } as AnalysisContext).peak).toBe(Date.parse(t.episodes[1].peak.at));
    expect(pinnedMoments(t).map((m) => m.episode)).toEqual([2, 2]);
  });
});
