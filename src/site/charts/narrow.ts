/**
 * The phone rendering of a chart. Every chart is drawn twice: at its desktop
 * size and at {@link NARROW_WIDTH}, and CSS shows the second on screens up to
 * 640 px wide. Scaling the desktop SVG down instead would shrink its 11 px
 * text to 3–9 px on a phone.
 */
import * as Plot from '@observablehq/plot';
import type { ChartRow } from './render.ts';
import { trimLabel } from './spec.ts';

/**
 * Design width of the phone rendering, in CSS px: what a summary block
 * leaves for a chart on a 375 px screen (iPhone SE), so that its text is
 * drawn at its own 11 px there and on anything wider.
 */
export const NARROW_WIDTH = 320;

/** Plot options of a phone rendering: merged over the chart's desktop options (marks, when given, replace them). */
export type NarrowOptions = Partial<Omit<Plot.PlotOptions, 'document'>>;

/** Approximate width of 11 px system-ui text: 6.2 px per character (as `marginFor` reckons). */
const textWidth = (text: string) => Math.ceil(text.length * 6.2);

/** Height of one bar row: its label line above, then the bar. */
const ROW = 34;

/**
 * Horizontal bars laid out for a phone: each name on its own line above its
 * bar, the value after the bar. Side by side (desktop), names would take
 * most of a 320 px chart and leave the bars no room.
 */
export function namesAboveBars(
  rows: ChartRow[],
  options: {
    /** Column naming the bar (the band scale's domain, so its values must be distinct). */
    name: string;
    /** Column of the bar's length. */
    value: string;
    /** Text after the bar. */
    valueText: (row: ChartRow) => string;
    /** A colour, or a column coloured by the chart's color scale. */
    fill: string;
    fillOpacity?: number;
    /** Longest name shown whole; the CSV keeps every name whole. */
    maxName?: number;
  },
): NarrowOptions {
  const { name, value, valueText, fill, fillOpacity, maxName = 48 } = options;
  const widest = rows.reduce((m, r) => Math.max(m, textWidth(valueText(r))), 0);
  return {
    width: NARROW_WIDTH,
    height: rows.length * ROW + 4,
    marginTop: 2,
    marginBottom: 2,
    marginLeft: 1,
    marginRight: widest + 8,
    x: { axis: null, label: null },
    y: { axis: null, label: null, domain: rows.map((r) => r[name] as string), paddingInner: 0, paddingOuter: 0, round: false },
    marks: [
      // Band centre is ROW/2 below the band's top: the name sits at the top, the bar below it.
      Plot.text(rows, { y: name, text: (r: ChartRow) => trimLabel(String(r[name]), maxName), frameAnchor: 'left', textAnchor: 'start', lineAnchor: 'top', dy: -ROW / 2 + 1 }),
      Plot.barX(rows, { y: name, x: value, fill, fillOpacity, insetTop: 16, insetBottom: 5 }),
      Plot.text(rows, { y: name, x: value, text: valueText, textAnchor: 'start', dx: 4, dy: (16 + (ROW - 5)) / 2 - ROW / 2 }),
    ],
  };
}
