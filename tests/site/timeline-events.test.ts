/** The volume chart marks what the company did (lettered, kind-coloured rules with a legend) and labels the later surges. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { CrisisEvent } from '../../src/analysis/config/crisis-events.ts';
import type { TimelineSection } from '../../src/analysis/crisis/types.ts';
import { eventLetter, eventMarkers, eventsAsTicks, labelRows } from '../../src/site/charts/event-marks.ts';
import { renderChart } from '../../src/site/charts/render.ts';
import { timelineChart } from '../../src/site/charts/timeline-charts.ts';

const report = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../golden/smartlock-firmware-2024/report.json'), 'utf8'));
const t = report.sections.timeline as TimelineSection;
const events: CrisisEvent[] = [
  { at: '2024-10-09T16:20:00.000Z', label: 'Rollout paused', kind: 'mitigated' },
  { at: '2024-10-09T17:00:00.000Z', label: 'Extra agents', kind: 'other' },
  { at: '2024-10-17T14:00:00.000Z', label: 'Post-mortem', kind: 'statement' },
  { at: '2024-09-01T12:00:00.000Z', label: 'Long before', kind: 'other' },
];
const texts = (svg: string) => [...parseHTML(`<html><body>${svg}</body></html>`).document.querySelectorAll('text')].map((n) => n.textContent);

describe('events on the timeline', () => {
  it('are lettered in time order; one before the curve is listed, not drawn', () => {
    expect(eventMarkers(events, t).map((m) => [m.letter, m.event.label, m.drawn])).toEqual([
      ['A', 'Long before', false],
      ['B', 'Rollout paused', true],
      ['C', 'Extra agents', true],
      ['D', 'Post-mortem', true],
    ]);
    expect([0, 25, 26, 27].map(eventLetter)).toEqual(['A', 'Z', 'AA', 'AB']);
  });

  it('draw letters, a legend entry per kind, the key in the chart description, and label later surges', () => {
    const spec = timelineChart(t, { events })!;
    expect(spec.legend!.map((l) => l.label)).toEqual(expect.arrayContaining(['Mitigated', 'Public statement', 'Other action']));
    expect(spec.legend!.map((l) => l.label)).not.toContain('Fix shipped');
    expect(spec.summary).toContain('B, Rollout paused (9 Oct 2024, 12:20 EDT)');
    expect(spec.caption).toContain('letters = what the company did');
    const chart = renderChart(spec);
    const drawn = texts(chart.svg);
    expect(drawn).toEqual(expect.arrayContaining(['B', 'C', 'D', 'Surge 2 · peak 17/h', 'Surge 3 · peak 14/h', 'Surge 4 · peak 10/h']));
    expect(drawn).not.toContain('A');
    expect(drawn).not.toContain('Surge 1 · peak 292/h');
    // On a phone the letters stay and the surge labels, which would collide, go.
    const narrow = texts(chart.narrowSvg);
    expect(narrow).toEqual(expect.arrayContaining(['B', 'C', 'D']));
    expect(narrow.some((s) => s?.startsWith('Surge'))).toBe(false);
  });

  it('without events the chart is as before: no letters, no event legend', () => {
    const spec = timelineChart(t)!;
    expect(spec.legend!.map((l) => l.label)).toEqual(['Customer messages', 'Brand messages', 'Normal band', 'Surge']);
    expect(spec.caption).not.toContain('letters');
  });

  it('beyond 15 events (a recall list) draws kind-coloured ticks on the time axis instead of letters, and says so', () => {
    const start = Date.parse(t.buckets[0]!.start);
    const many: CrisisEvent[] = Array.from({ length: 20 }, (_, i) => ({ at: new Date(start + i * 1_800_000).toISOString(), label: `Recall ${i}`, kind: i % 2 ? 'recall' : 'fix' }));
    expect(eventsAsTicks(eventMarkers(many, t))).toBe(true);
    expect(eventsAsTicks(eventMarkers(many.slice(0, 15), t))).toBe(false);
    const spec = timelineChart(t, { events: many })!;
    expect(spec.caption).toContain('ticks (▲) on the time axis = what the company did, listed below');
    expect(spec.summary).toContain('T, Recall 19');
    const chart = renderChart(spec);
    const { document } = parseHTML(`<html><body>${chart.svg}</body></html>`);
    expect(texts(chart.svg)).not.toContain('A');
    // One triangle per event, in its kind's colour.
    expect(document.querySelectorAll('g[fill="var(--c-ev-recall)"] path')).toHaveLength(10);
    expect(document.querySelectorAll('g[fill="var(--c-ev-fix)"] path')).toHaveLength(10);
  });

  it('mark a span of their own (a fault\'s rate chart): drawn within it, listed outside', () => {
    const span = { from: Date.parse('2024-10-09T00:00:00Z'), to: Date.parse('2024-10-10T00:00:00Z') };
    expect(eventMarkers(events, span).map((m) => [m.letter, m.drawn])).toEqual([['A', false], ['B', true], ['C', true], ['D', false]]);
  });

  it('labels close together go on separate rows', () => {
    expect(labelRows([0, 3, 100, 104, 200], [10, 10, 10, 10, 10])).toEqual([0, 1, 0, 1, 0]);
    expect(labelRows([0, 20, 40], [10, 10, 10])).toEqual([0, 0, 0]);
  });
});
