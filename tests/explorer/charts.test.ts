import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { barChartOptions, CHART_BARS, timelineOptions } from '../../src/explorer/charts.ts';

/** Draws options as the browser does, in a server-side DOM. */
function draw(options: Plot.PlotOptions): Element {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  return Plot.plot({ ...options, document: document as unknown as Document }) as unknown as Element;
}

const bars = Array.from({ length: 12 }, (_, i) => ({ value: `id-${i}`, label: `Label ${i}`, n: 100 - i }));

describe('explorer charts', () => {
  it('draws the first bars, most first, each with its count and share of the filtered set', () => {
    const svg = draw(barChartOptions('theme', bars, 400, 560)!);
    expect(svg.querySelectorAll('g[aria-label="bar"] rect').length).toBe(CHART_BARS);
    const texts = [...svg.querySelectorAll('g[aria-label="text"] text')].map((t) => t.textContent);
    expect(texts[0]).toBe('100 · 25%');
    expect(svg.textContent).toContain('Label 0');
    expect(svg.textContent).not.toContain('Label 8');
  });
  it('colours bars as the static pages do: themes in the accent, faults in the negative colour, sentiments by label', () => {
    const fill = (svg: Element) => [...svg.querySelectorAll('g[aria-label="bar"] rect')].map((r) => r.getAttribute('fill') ?? r.parentElement!.getAttribute('fill'));
    expect(new Set(fill(draw(barChartOptions('theme', bars, 400, 560)!)))).toEqual(new Set(['var(--c-accent)']));
    expect(new Set(fill(draw(barChartOptions('fault', bars, 400, 560)!)))).toEqual(new Set(['var(--c-neg)']));
    const sentiments = [{ value: 'negative', label: 'negative', n: 5 }, { value: 'positive', label: 'positive', n: 2 }];
    expect(fill(draw(barChartOptions('sentiment', sentiments, 7, 560)!))).toEqual(['var(--c-neg)', 'var(--c-pos)']);
  });
  it('on a phone, names go above their bars (the static pages\' phone layout)', () => {
    const wide = barChartOptions('fault', bars, 400, 560)!;
    const narrow = barChartOptions('fault', bars, 400, 320)!;
    expect(wide.marginLeft).toBeGreaterThan(40);
    expect(narrow.marginLeft).toBe(1);
    expect(draw(narrow).querySelectorAll('g[aria-label="bar"] rect').length).toBe(CHART_BARS);
  });
  it('says nothing rather than drawing an empty chart', () => {
    expect(barChartOptions('fault', [], 0, 560)).toBeNull();
  });
  it('the timeline stacks each bucket by sentiment over its whole width', () => {
    const hour = 3_600_000;
    const t = Date.UTC(2024, 9, 9);
    const node = draw(timelineOptions([{ t, sentiment: 'negative', n: 3 }, { t, sentiment: 'positive', n: 1 }, { t: t + hour, sentiment: 'neutral', n: 2 }], hour, 600, 'UTC'));
    const rects = [...node.querySelectorAll('g[aria-label="rect"] rect')];
    expect(rects.length).toBe(3);
    expect(new Set(rects.map((r) => r.getAttribute('width'))).size).toBe(1);
  });
  it('a timeline without sentiments (cases) is one colour, labelled by its noun, with no legend of sentiments', () => {
    const day = 86_400_000;
    const t = Date.UTC(2019, 1, 1);
    const options = timelineOptions([{ t, sentiment: 'unlabelled', n: 4 }, { t: t + day, sentiment: 'unlabelled', n: 2 }], day, 600, 'UTC', 'Cases');
    expect((options.y as { label: string }).label).toBe('Cases');
    const node = draw(options);
    expect(node.tagName.toLowerCase()).toBe('svg');
    expect(new Set([...node.querySelectorAll('g[aria-label="rect"] rect')].map((r) => r.getAttribute('fill') ?? r.parentElement!.getAttribute('fill')))).toEqual(new Set(['var(--c-accent)']));
  });
  it('a category chart is drawn in the accent colour, as themes are', () => {
    const fill = [...draw(barChartOptions('category', bars, 400, 560)!).querySelectorAll('g[aria-label="bar"] rect')].map((r) => r.getAttribute('fill') ?? r.parentElement!.getAttribute('fill'));
    expect(new Set(fill)).toEqual(new Set(['var(--c-accent)']));
  });
  it('a 2015–2025 timeline in New York is ticked at New Year in New York and labelled by year, never "31 Dec"', () => {
    const day = 86_400_000;
    const zone = 'America/New_York';
    // Daily buckets of complaints, as NHTSA's sample crises (epoch-aligned: UTC days).
    const first = Date.UTC(2015, 0, 1);
    const bars = Array.from({ length: 400 }, (_, i) => ({ t: first + i * 10 * day, sentiment: 'unlabelled', n: 1 + (i % 5) }));
    const node = draw(timelineOptions(bars, day, 900, zone, 'Cases'));
    const ticks = [...node.querySelectorAll('g[aria-label="x-axis tick label"] text')].map((t) => t.textContent ?? '');
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    for (const t of ticks) expect(t).toMatch(/^\d{4}$/);
    expect(ticks.join(' ')).not.toMatch(/Dec|31/);
    // Each tick sits where its year starts in New York (05:00 UTC), between the bars of 31 Dec and 1 Jan.
    const options = timelineOptions(bars, day, 900, zone, 'Cases');
    for (const d of (options.x as { ticks: Date[] }).ticks) expect(d.toISOString()).toMatch(/-01-01T05:00:00\.000Z$/);
  });
});
