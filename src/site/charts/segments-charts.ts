/** The segments page's chart: volume per segment, the negative share drawn as the red part of each bar when it is measurable. */
import { label as fieldLabel } from '../labels.ts';
import * as Plot from '@observablehq/plot';
import type { SegmentTable } from '../../analysis/sections/segments/view.ts';
import { formatNumber, formatShare, plural } from '../format.ts';
import type { ChartRow, ChartSpec } from './render.ts';
import { categoryAxis, sharesTellApart, valueMargin } from './axis-labels.ts';

/** Most segments the chart draws (its CSV has every listed segment). */
export const CHART_SEGMENTS = 15;

/**
 * Horizontal bars, largest segment first: the `top` largest segments drawn,
 * every segment of the report in the CSV. Null without segments.
 */
export function segmentsChart(t: SegmentTable, top = CHART_SEGMENTS): ChartSpec | null {
  if (!t.rows.length) return null;
  const withNegative = t.rows.some((f) => f.negativeShare !== null);
  const toRow = (f: SegmentTable['rows'][number]): ChartRow => ({ segment: f.value, volume: f.volume, share: f.share, negative_share: f.negativeShare });
  const rows = t.rows.slice(0, top).map(toRow);
  const axis = categoryAxis(rows.map((r) => r.segment as string), 175);
  const listed = t.total > t.rows.length ? `the ${formatNumber(t.rows.length)} largest of ${formatNumber(t.total)} segments` : plural(t.rows.length, 'segment');
  const drawn = rows.length < t.rows.length ? `the ${formatNumber(rows.length)} largest of ${listed} (the CSV has all ${formatNumber(t.rows.length)})` : `all ${listed}`;
  const unit = `${t.unit[0]!.toUpperCase()}${t.unit.slice(1)}`;
  const negativePart = (r: ChartRow) => (r.negative_share === null ? 0 : (r.volume as number) * (r.negative_share as number));
  // The red part shows each bar's negative share; written after the bars too, unless it is the same for every one (then once, in the caption).
  const negatives = rows.map((r) => r.negative_share as number | null);
  const perBar = sharesTellApart(negatives);
  const common = negatives.find((v) => v !== null);
  const label = (r: ChartRow) => `${formatNumber(r.volume as number)}${!perBar || r.negative_share === null ? '' : ` · ${formatShare(r.negative_share as number)} negative`}`;
  return {
    // The table's CSV is `<id>.csv`; the chart's, of what it draws, beside it.
    id: `${t.id}-chart`,
    title: withNegative ? `Volume and negative share by ${inSentence(fieldLabel(t.breakdown.field))}` : `Volume by ${inSentence(fieldLabel(t.breakdown.field))}`,
    caption: `${unit} per segment, ${drawn}${withNegative ? `; the red part of each bar is its negative share${perBar || common === undefined || common === null ? '' : ` (${formatShare(common)} in every segment drawn)`}` : ''}.`,
    summary: rows
      .slice(0, 5)
      .map((r) => `${r.segment}: ${formatNumber(r.volume as number)} ${t.unit}${r.negative_share === null ? '' : `, ${formatShare(r.negative_share as number)} negative`}`)
      .join('; '),
    columns: ['segment', 'volume', 'share', 'negative_share'],
    rows,
    csvRows: t.rows.map(toRow),
    legend: withNegative ? [{ label: t.unit, color: 'var(--c-accent)' }, { label: 'negative share', color: 'var(--c-neg)' }] : [],
    plot: {
      height: Math.max(90, axis.rowHeight * rows.length + 30),
      marginLeft: axis.marginLeft,
      marginRight: valueMargin(rows.map(label)),
      x: { label: null, grid: true, axis: null },
      y: { label: null, domain: rows.map((r) => r.segment as string), tickFormat: axis.tickFormat },
      marks: [
        Plot.barX(rows, { y: 'segment', x: 'volume', fill: 'var(--c-accent)', fillOpacity: withNegative ? 0.35 : 1 }),
        ...(withNegative ? [Plot.barX(rows, { y: 'segment', x: negativePart, fill: 'var(--c-neg)' })] : []),
        Plot.text(rows, { y: 'segment', x: 'volume', text: label, textAnchor: 'start', dx: 4 }),
      ],
    },
  };
}

/** A label inside a sentence: "Model year" → "model year", but "SLA met" stays. */
function inSentence(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
