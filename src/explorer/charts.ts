/**
 * The explorer's charts of the filtered messages: the top themes, faults and
 * sentiments as horizontal bars, laid out by the static pages' chart helpers
 * (category axis wrapping, value margins, names above bars on a phone, the
 * same fills as topic-charts.ts), and the timeline by sentiment. Plot
 * options only: the page draws them (explorer-page.ts). Pure.
 */
import * as Plot from '@observablehq/plot';
import { categoryAxis, valueMargin } from '../site/charts/axis-labels.ts';
import { NARROW_WIDTH, namesAboveBars } from '../site/charts/narrow.ts';
import type { ChartRow } from '../site/charts/render.ts';
import { sentimentColor } from '../site/charts/spec.ts';
import { formatNumber, formatShare } from '../site/format.ts';
import { zonedTicks } from './time-ticks.ts';

/** One bar: the value a click filters on, its label, and how many filtered messages have it. */
export interface Bar {
  value: string;
  label: string;
  n: number;
}

/** Which list a bar chart draws: its bars' fill is the static pages' for the same list. */
export type BarKind = 'theme' | 'fault' | 'sentiment' | 'category';

/** Most bars a chart draws (the filter's select lists more). */
export const CHART_BARS = 8;

// As themesChart and faultParetoChart (site/charts/topic-charts.ts); sentiments as spec.ts colours them.
const FILL: Record<Exclude<BarKind, 'sentiment'>, { fill: string }> = { theme: { fill: 'var(--c-accent)' }, category: { fill: 'var(--c-accent)' }, fault: { fill: 'var(--c-neg)' } };

/**
 * Plot options of a bar chart of `bars` (most first, the first
 * {@link CHART_BARS} drawn), `width` px wide: names beside the bars, or
 * above them at phone width. `total` is the filtered count the shares are of.
 * Null without bars.
 */
export function barChartOptions(kind: BarKind, bars: readonly Bar[], total: number, width: number): Plot.PlotOptions | null {
  const rows: ChartRow[] = bars.slice(0, CHART_BARS).map((b) => ({ name: b.label, value: b.value, n: b.n, color: kind === 'sentiment' ? sentimentColor(b.value) : FILL[kind].fill }));
  if (!rows.length) return null;
  const valueText = (r: ChartRow) => `${formatNumber(r.n as number)}${total > 0 ? ` · ${formatShare((r.n as number) / total)}` : ''}`;
  // Colours are site.css variables (light and dark mode), passed through as they are.
  const shared = { style: { background: 'transparent', fontSize: '11px' }, color: { type: 'identity' as const } };
  const fillOpacity = kind === 'fault' ? 0.85 : undefined;
  if (width < NARROW_WIDTH + 80) return { ...namesAboveBars(rows, { name: 'name', value: 'n', valueText, fill: 'color', fillOpacity }), ...shared, width };
  const axis = categoryAxis(rows.map((r) => r.name as string), 175);
  return {
    ...shared,
    width,
    height: Math.max(90, axis.rowHeight * rows.length + 30),
    marginLeft: axis.marginLeft,
    marginRight: valueMargin(rows.map(valueText)),
    x: { label: null, grid: true, axis: null },
    y: { label: null, domain: rows.map((r) => r.name as string), tickFormat: axis.tickFormat },
    marks: [Plot.barX(rows, { y: 'name', x: 'n', fill: 'color', fillOpacity }), Plot.text(rows, { y: 'name', x: 'n', text: valueText, textAnchor: 'start', dx: 4 })],
  };
}

/** One stacked bar of the timeline: a bucket's messages of one sentiment. */
export interface TimelineBar {
  t: number;
  sentiment: string;
  n: number;
}

/** Sentiments in stacking order, with their colours (spec.ts's). */
export const SENTIMENTS = ['negative', 'neutral', 'positive', 'unlabelled'] as const;

/** Height of the timeline, and its bottom margin: room for a tick's two lines ("Jan", "2020"). */
export const TIMELINE_HEIGHT = 180;
const TIMELINE_MARGIN_BOTTOM = 36;

/**
 * Plot options of the timeline: rows per bucket stacked by sentiment; x in
 * instants, ticked at wall-clock boundaries of `zone` (the crisis's) and
 * labelled in it (time-ticks.ts), y labelled `noun` ("Messages", "Cases").
 * Without any sentiment label (a crisis's cases) the bars are one colour,
 * with no legend of sentiments none has.
 */
export function timelineOptions(bars: readonly TimelineBar[], bucketMs: number, width: number, zone: string, noun = 'Messages'): Plot.PlotOptions {
  const labelled = bars.some((b) => b.sentiment !== 'unlabelled');
  const color = labelled
    ? { domain: [...SENTIMENTS], range: SENTIMENTS.map((s) => (s === 'unlabelled' ? 'var(--line)' : sentimentColor(s))), legend: true }
    : { domain: ['unlabelled'], range: ['var(--c-accent)'], legend: false };
  // The x domain Plot takes from the bars: from the first bucket's start to the last one's end.
  const starts = bars.map((b) => b.t);
  const lo = starts.length ? Math.min(...starts) : 0;
  const hi = starts.length ? Math.max(...starts) + bucketMs : 0;
  const { ticks, labels } = zonedTicks(lo, hi, Math.max(2, Math.floor(width / 130)), zone);
  return {
    width,
    height: TIMELINE_HEIGHT,
    marginLeft: 44,
    marginBottom: TIMELINE_MARGIN_BOTTOM,
    style: { fontSize: '12px', background: 'transparent' },
    x: { type: 'utc', label: null, ...(bars.length ? { domain: [new Date(lo), new Date(hi)], ticks } : {}), tickFormat: (d: Date) => labels.get(d.getTime()) ?? '' },
    y: { label: noun, grid: true },
    color,
    marks: [Plot.rectY(bars, { x1: (d: TimelineBar) => new Date(d.t), x2: (d: TimelineBar) => new Date(d.t + bucketMs), y: 'n', fill: 'sentiment', order: [...SENTIMENTS] })],
  };
}
