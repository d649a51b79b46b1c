/**
 * The timeline's grey "normal" band never makes thin data look abnormal
 * (issue 13 item 5): it spans baseline ± 3σ from 0 up, only where earlier
 * buckets measure the baseline, on the data's own scale, and is left out
 * with a note when it would fill the whole chart.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { TimelineSection } from '../../src/analysis/crisis/types.ts';
import { niceTop, normalBand } from '../../src/site/charts/normal-band.ts';
import { renderChart } from '../../src/site/charts/render.ts';
import { timelineChart } from '../../src/site/charts/timeline-charts.ts';

const golden = (slug: string) => JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../golden/${slug}/report.json`), 'utf8')).sections.timeline as TimelineSection;

/** An hourly timeline of `values`, every bucket with the given baseline method, baseline and upper edge. */
function section(values: number[], method: 'seasonal' | 'trailing' | 'global', baseline: number, upper: number): TimelineSection {
  const start = Date.parse('2024-03-04T00:00:00Z');
  const buckets = values.map((v, i) => ({ start: new Date(start + i * 3_600_000).toISOString(), total: v, inbound: v, brand: 0, byChannel: { x: v }, baseline, upper, anomalous: false, baselineMethod: method }));
  return {
    source: 'messages', timezone: 'UTC', bucket: { id: '1h', ms: 3_600_000, chosenBy: 'span', dateOnly: false },
    domain: { start: buckets[0]!.start, end: buckets.at(-1)!.start, excludedBefore: 0, excludedAfter: 0 },
    detection: { series: 'inbound', windowBuckets: 24, seasonBuckets: 24, k: 3, minExcess: 3, sustainBuckets: 2, containBuckets: 3, description: '' },
    channels: ['x'], buckets, episodes: [], mainEpisodeIndex: null, keyMoments: [], definitions: {},
  } as unknown as TimelineSection;
}

const bandPaths = (svg: string) => [...parseHTML(`<div>${svg}</div>`).document.querySelectorAll('[fill="var(--c-band)"]')];

describe('the normal band', () => {
  it('is drawn only where earlier buckets measure the baseline, from baseline − 3σ (at least 0) to the upper edge', () => {
    const t = golden('cfpb-credit-bureaus-2019');
    const values = t.buckets.map((b) => b.total);
    const band = normalBand(t, values, 'per day');
    expect(band.drawn).toBe(true);
    t.buckets.forEach((b, i) => {
      if (b.baselineMethod === 'global') return expect(band.edges[i]).toBeNull();
      expect(band.edges[i]).toEqual({ low: Math.min(Math.max(0, 2 * b.baseline - b.upper), band.top), high: Math.min(b.upper, band.top) });
    });
    // The golden data starts with whole-series baselines (11–49/day over 2–18 a day): none of that is drawn.
    expect(t.buckets.filter((b) => b.baselineMethod === 'global').length).toBeGreaterThan(0);
    expect(band.note).toBe('grey band = normal range where earlier data can measure it');
  });

  it('puts no bucket of thin data (a baseline under 10) under the band', () => {
    for (const slug of ['smartlock-firmware-2024', 'cfpb-credit-bureaus-2019']) {
      const t = golden(slug);
      const band = normalBand(t, t.buckets.map((b) => b.inbound + b.total), 'per bucket');
      const thin = t.buckets.flatMap((b, i) => (b.baseline < 10 && band.edges[i] ? [band.edges[i]!] : []));
      expect(thin.length).toBeGreaterThan(10);
      for (const edge of thin) expect(edge.low).toBe(0);
    }
  });

  it('keeps the y axis on the data: its top is the data maximum rounded up, and the band is cut there', () => {
    const t = golden('smartlock-firmware-2024');
    const spec = timelineChart(t)!;
    const max = Math.max(...t.buckets.flatMap((b) => [b.inbound, b.brand]));
    expect(spec.plot.y).toMatchObject({ domain: [0, niceTop(max)] });
    expect([niceTop(292), niceTop(84), niceTop(9), niceTop(0.3), niceTop(0)]).toEqual([300, 90, 9, 0.3, 1]);
    // Thin data under a wide band: the axis stays at the data's 10, not the band's 40.
    const thin = section([5, 7, 10, 6, 8, 9, 5, 6], 'seasonal', 8, 40);
    expect(normalBand(thin, thin.buckets.map((b) => b.inbound), 'per hour').top).toBe(10);
  });

  it('is left out, with a note, when it would fill the chart everywhere (a band wider than the data)', () => {
    const t = section([5, 7, 10, 6, 8, 9, 5, 6], 'seasonal', 8, 40);
    const spec = timelineChart(t)!;
    expect(spec.caption).toContain('no normal band drawn: the normal range (up to 40 per hour or more) is wider than the data');
    expect(spec.legend!.map((l) => l.label)).not.toContain('Normal band');
    expect(bandPaths(renderChart(spec).svg)).toHaveLength(0);
  });

  it('is left out, with a note, when no bucket has earlier data to measure a baseline', () => {
    const t = section([2, 3, 2, 4], 'global', 8, 39);
    const spec = timelineChart(t)!;
    expect(spec.caption).toContain('no normal band: too little earlier data to measure one');
    expect(bandPaths(renderChart(spec).svg)).toHaveLength(0);
  });

  it('is drawn, and in the legend, where it says something', () => {
    const t = section([1, 2, 1, 30, 2, 1, 2, 1], 'trailing', 2, 6.2);
    const spec = timelineChart(t)!;
    expect(spec.legend!.map((l) => l.label)).toContain('Normal band');
    expect(spec.caption).toContain('grey band = normal range,');
    expect(bandPaths(renderChart(spec).svg)).toHaveLength(1);
    expect(renderChart(spec).csv.split('\n')[0]).toBe('start_utc,start_local,total,inbound,brand,baseline,normal_low,upper,anomalous');
  });
});
