/**
 * The phone rendering of a chart. Every chart is drawn twice: at its desktop
 * size and at {@link NARROW_WIDTH}, and CSS shows the second on screens up to
 * 640 px wide. Scaling the desktop SVG down instead would shrink its 11 px
 * text to 3–9 px on a phone.
 */
import * as Plot from '@observablehq/plot';
import type { ChartRow } from './render.ts';
import { textPx, wrapLabel } from './axis-labels.ts';

/**
 * Design width of the phone rendering, in CSS px: what a summary block
 * leaves for a chart on a 375 px screen (iPhone SE), so that its text is
 * drawn at its own 11 px there and on anything wider.
 */
export const NARROW_WIDTH = 320;

/** Plot options of a phone rendering: merged over the chart's desktop options (marks, when given, replace them). */
export type NarrowOptions = Partial<Omit<Plot.PlotOptions, 'document'>>;

/** Height of one bar row with a one-line name: the name above, then the bar (13 px) and 5 px of space. */
const ROW = 34;
/** Height of each further line of a wrapped name. */
const NAME_LINE = 11;

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
    /** Width of a name's line in px: longer names wrap onto further lines, never cut. */
    maxName?: number;
  },
): NarrowOptions {
  const { name, value, valueText, fill, fillOpacity, maxName = NARROW_WIDTH - 6 } = options;
  const widest = rows.reduce((m, r) => Math.max(m, Math.ceil(textPx(valueText(r)))), 0);
  const names = new Map(rows.map((r) => [String(r[name]), wrapLabel(String(r[name]), maxName).join('\n')]));
  const extra = Math.max(0, ...[...names.values()].map((n) => n.split('\n').length - 1)) * NAME_LINE;
  const row = ROW + extra;
  const insetTop = 16 + extra;
  return {
    width: NARROW_WIDTH,
    height: rows.length * row + 4,
    marginTop: 2,
    marginBottom: 2,
    marginLeft: 1,
    marginRight: widest + 8,
    x: { axis: null, label: null },
    y: { axis: null, label: null, domain: rows.map((r) => r[name] as string), paddingInner: 0, paddingOuter: 0, round: false },
    marks: [
      // Band centre is row/2 below the band's top: the name ends just above its bar (a one-line name among wrapped ones too), the bar below it.
      Plot.text(rows, { y: name, text: (r: ChartRow) => names.get(String(r[name])) ?? String(r[name]), frameAnchor: 'left', textAnchor: 'start', lineAnchor: 'bottom', dy: -row / 2 + insetTop - 3 }),
      Plot.barX(rows, { y: name, x: value, fill, fillOpacity, insetTop, insetBottom: 5 }),
      Plot.text(rows, { y: name, x: value, text: valueText, textAnchor: 'start', dx: 4, dy: (insetTop + (row - 5)) / 2 - row / 2 }),
    ],
  };
}
