/**
 * `<Chart sql="select …" mark="lineY" x="day" y="n" />`: a chart of a SQL
 * cell's result, in the built-in charts' style. The result rows are the
 * chart's CSV; time columns are drawn in the crisis time zone with 24-hour
 * ticks, axis labels are the column names in words
 * (`median_first_reply_hours` → "Median first reply (hours)"), and the chart
 * is drawn at the width of the built-in chart of its kind (a time series as
 * wide as the volume timeline, anything else as the bar charts), so its text
 * shows at the same size beside them, on screen and in print.
 */
import * as Plot from '@observablehq/plot';
import type { Row } from '../../analysis/engine/engine.ts';
import type { CellResult } from '../sql-cells.ts';
import { isTimeType } from '../sql-cells.ts';
import { humanise } from '../labels.ts';
import { categoryAxis, rotatedLabelsMargin, textPx } from './axis-labels.ts';
import { NARROW_WIDTH } from './narrow.ts';
import type { ChartRow, ChartSpec } from './render.ts';
import { sentimentColor } from './spec.ts';
import { timeTickFormat, wallClock } from './time.ts';

export const SQL_MARKS = ['lineY', 'lineX', 'areaY', 'barY', 'barX', 'rectY', 'dot', 'cell', 'tickX'] as const;
export type SqlMark = (typeof SQL_MARKS)[number];

export interface SqlChartProps {
  id: string;
  mark: string;
  x?: string;
  y?: string;
  /** Column to colour by, or a colour (`var(--c-neg)`). */
  fill?: string;
  stroke?: string;
  title?: string;
  caption?: string;
  zone: string;
}

const PALETTE = ['var(--c-accent)', 'var(--c-accent2)', 'var(--c-neg)', 'var(--c-pos)', 'var(--c-neu)'];

/** Design width and height of a chart over time: the volume timeline's (timeline-charts.ts), so both scale alike. */
export const TIME_CHART_SIZE = { width: 1180, height: 200 } as const;
/** Design width of any other chart: the built-in bar charts' (render.ts defaults). */
const OTHER_WIDTH = 420;

/** A calendar date (DuckDB `DATE`) is a day, not an instant: drawn at its own UTC midnight, never shifted by the zone. */
const isDateOnly = (type: string) => /^DATE$/i.test(type.trim());

/** Builds the spec; throws a plain Error naming the problem (the caller adds file:line). */
export function sqlChartSpec(result: CellResult, props: SqlChartProps): ChartSpec {
  if (!(SQL_MARKS as readonly string[]).includes(props.mark)) throw new Error(`mark="${props.mark}" is not one of ${SQL_MARKS.join(', ')}`);
  const names = result.columns.map((c) => c.name);
  for (const key of ['x', 'y'] as const) {
    const col = props[key];
    if (col !== undefined && !names.includes(col)) throw new Error(`${key}="${col}" is not a column of the result (columns: ${names.join(', ')})`);
  }
  const typeOf = (name: string | undefined) => result.columns.find((c) => c.name === name)?.type ?? 'unknown';
  const local = wallClock(props.zone);
  const asTime = (name: string | undefined) => name !== undefined && isTimeType(typeOf(name));
  // Plot draws from copies with time columns shifted to wall-clock time; the CSV keeps the query's rows.
  const drawn = result.rows.map((r: Row) => {
    const out: Record<string, unknown> = { ...r };
    for (const c of result.columns) {
      if (!isTimeType(c.type) || typeof r[c.name] !== 'number') continue;
      out[c.name] = isDateOnly(c.type) ? new Date(r[c.name] as number) : local(r[c.name] as number);
    }
    return out;
  });
  const colorChannel = (value: string | undefined) => (value && names.includes(value) ? value : undefined);
  const colorBy = colorChannel(props.fill) ?? colorChannel(props.stroke);
  const domain = colorBy ? [...new Set(result.rows.map((r) => String(r[colorBy])))] : [];
  const range = domain.every((d) => /neg|neu|pos/i.test(d)) ? domain.map(sentimentColor) : domain.map((_, i) => PALETTE[i % PALETTE.length]);
  const lineLike = props.mark.startsWith('line') || props.mark === 'tickX' || props.mark === 'dot';
  const paint = lineLike
    ? { stroke: colorChannel(props.stroke) ?? colorChannel(props.fill) ?? props.stroke ?? 'var(--c-accent)' }
    : { fill: colorChannel(props.fill) ?? props.fill ?? 'var(--c-accent)' };
  const channels = { x: props.x, y: props.y, ...paint, ...(colorBy ? { z: colorBy } : {}) };
  const mark = (Plot[props.mark as SqlMark] as (data: unknown[], options: Record<string, unknown>) => Plot.Markish)(drawn, channels);
  const rows: ChartRow[] = result.rows.map((r) => {
    const out: ChartRow = {};
    for (const c of result.columns) out[c.name] = typeof r[c.name] === 'number' && isTimeType(c.type) ? new Date(r[c.name] as number) : r[c.name];
    return out;
  });
  const xLabel = props.x === undefined ? null : humanise(props.x);
  const yLabel = props.y === undefined ? null : humanise(props.y);
  const title = props.title ?? (yLabel && xLabel ? `${yLabel} by ${xLabel.toLowerCase()}` : 'Query result');
  const overTime = asTime(props.x) || asTime(props.y);
  const width = overTime ? TIME_CHART_SIZE.width : OTHER_WIDTH;
  const barX = props.mark === 'barX';
  // Bars across: names wrapped onto further lines (never cut), the axis given their room.
  const barNames = barX && props.y && !asTime(props.y) ? drawn.map((d) => String(d[props.y!])) : [];
  const yAxis = barNames.length ? categoryAxis(barNames) : null;
  // Bars up: names under them turned when the longest would not fit its bar's width.
  const xNames = (props.mark === 'barY' || props.mark === 'rectY') && props.x && !asTime(props.x) ? [...new Set(drawn.map((d) => String(d[props.x!])))] : [];
  const turn = xNames.length > 0 && Math.max(...xNames.map(textPx)) > (width - 68) / xNames.length - 4;
  const x = { label: xLabel, labelArrow: 'none' as const, ...(asTime(props.x) ? { type: 'utc' as const, tickFormat: timeTickFormat('x') } : {}), ...(turn ? { tickRotate: -30 } : {}) };
  const y = { label: yLabel, labelArrow: 'none' as const, grid: !barX, ...(asTime(props.y) ? { type: 'utc' as const, tickFormat: timeTickFormat('y') } : {}), ...(yAxis ? { tickFormat: yAxis.tickFormat } : {}) };
  const marginBottom = turn ? rotatedLabelsMargin(xNames, 30) + (xLabel ? 14 : 0) : undefined;
  // On a phone, bar names get at most 130 px, wrapped onto more lines (the CSV has them whole) so the bars keep some width.
  const narrowAxis = barNames.length ? categoryAxis(barNames, 118, 130) : null;
  return {
    id: props.id,
    title,
    caption: props.caption ?? `From a SQL cell${overTime ? ` (times in ${props.zone}, 24-hour clock)` : ''}; ${result.rows.length} rows.`,
    summary: `${title}: ${result.rows.length} rows of ${names.join(', ')}.`,
    columns: names,
    rows,
    legend: colorBy ? domain.map((d, i) => ({ label: d, color: range[i] })) : undefined,
    plot: {
      width,
      height: yAxis ? Math.max(100, yAxis.rowHeight * new Set(barNames).size + 30) : overTime ? TIME_CHART_SIZE.height : 200 + (marginBottom ? marginBottom - 30 : 0),
      marginLeft: yAxis ? yAxis.marginLeft : 48,
      ...(marginBottom ? { marginBottom } : {}),
      x,
      y,
      ...(colorBy ? { color: { domain, range } } : {}),
      marks: [mark, ...(props.mark.endsWith('Y') && !props.mark.startsWith('line') ? [Plot.ruleY([0])] : [])],
    },
    narrow: narrowAxis
      ? { width: NARROW_WIDTH, height: Math.max(100, narrowAxis.rowHeight * new Set(barNames).size + 30), marginLeft: narrowAxis.marginLeft, y: { ...y, tickFormat: narrowAxis.tickFormat } }
      : undefined,
  };
}
