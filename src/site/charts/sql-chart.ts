/**
 * `<Chart sql="select …" mark="lineY" x="day" y="n" />`: a chart of a SQL
 * cell's result. The result rows are the chart's CSV; time columns are drawn
 * in the crisis time zone.
 */
import * as Plot from '@observablehq/plot';
import type { Row } from '../../analysis/engine/engine.ts';
import type { CellResult } from '../sql-cells.ts';
import { isTimeType } from '../sql-cells.ts';
import type { ChartRow, ChartSpec } from './render.ts';
import { NARROW_WIDTH } from './narrow.ts';
import { marginFor, sentimentColor, trimLabel } from './spec.ts';
import { wallClock } from './time.ts';

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
    for (const c of result.columns) if (isTimeType(c.type) && typeof r[c.name] === 'number') out[c.name] = local(r[c.name] as number);
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
  const barX = props.mark === 'barX';
  const yLabels = barX && props.y ? drawn.map((d) => String(d[props.y!])) : [];
  const rows: ChartRow[] = result.rows.map((r) => {
    const out: ChartRow = {};
    for (const c of result.columns) out[c.name] = typeof r[c.name] === 'number' && isTimeType(c.type) ? new Date(r[c.name] as number) : r[c.name];
    return out;
  });
  const title = props.title ?? (props.y && props.x ? `${props.y} by ${props.x}` : 'Query result');
  const y = { label: props.y ?? null, grid: !barX, ...(asTime(props.y) ? { type: 'utc' as const } : {}) };
  // On a phone, bar names get at most 130 px (trimmed; the CSV has them whole) so the bars keep some width.
  const narrowMargin = marginFor(yLabels, 40, 130);
  const narrowName = Math.floor((narrowMargin - 12) / 6.2);
  return {
    id: props.id,
    title,
    caption: props.caption ?? `From a SQL cell${asTime(props.x) || asTime(props.y) ? ` (times in ${props.zone})` : ''}; ${result.rows.length} rows.`,
    summary: `${title}: ${result.rows.length} rows of ${names.join(', ')}.`,
    columns: names,
    rows,
    legend: colorBy ? domain.map((d, i) => ({ label: d, color: range[i] })) : undefined,
    plot: {
      height: barX ? Math.max(100, 22 * drawn.length + 30) : 200,
      marginLeft: barX ? marginFor(yLabels) : 48,
      x: { label: props.x ?? null, ...(asTime(props.x) ? { type: 'utc' as const } : {}) },
      y,
      ...(colorBy ? { color: { domain, range } } : {}),
      marks: [mark, ...(props.mark.endsWith('Y') && !props.mark.startsWith('line') ? [Plot.ruleY([0])] : [])],
    },
    narrow: barX && !asTime(props.y) ? { width: NARROW_WIDTH, marginLeft: narrowMargin, y: { ...y, tickFormat: (d: unknown) => trimLabel(String(d), narrowName) } } : undefined,
  };
}
