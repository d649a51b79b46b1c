/** Response charts: first-response distribution against the SLA, and the hour × weekday coverage heatmap. */
import * as Plot from '@observablehq/plot';
import type { CaseGroupTiming, CaseResponse, CoverageSection, ResponseSection } from '../../analysis/crisis/types.ts';
import { formatMinutes, formatNumber, formatShare } from '../format.ts';
import { categoryAxis, rotatedLabelsMargin, sharesTellApart, valueMargin } from './axis-labels.ts';
import { namesAboveBars } from './narrow.ts';
import type { ChartRow, ChartSpec } from './render.ts';
import { HEAT_OPACITY } from './spec.ts';

/** Rotation of the band names under the first-response bars, in degrees. */
const TICK_ROTATE = 25;

const SLA_COLORS: Record<string, string> = { yes: 'var(--c-pos)', partly: 'var(--c-neu)', no: 'var(--c-accent2)', 'no reply': 'var(--c-neg)' };

/** Conversations by first-response band, coloured by whether the band is within the SLA; unanswered as the last bar. */
export function responseBandsChart(r: ResponseSection, brandMessages: number): ChartSpec | null {
  const c = r.conversations;
  // Without brand messages in the export every conversation looks unanswered: no chart rather than a false one.
  if (!c || !c.conversations || !c.bands.length || brandMessages === 0 || c.answered === null || c.unanswered === null) return null;
  const sla = r.slaMinutes * 60;
  const rows: ChartRow[] = c.bands.map((b) => ({
    band: b.label,
    from_seconds: b.fromSeconds,
    to_seconds: b.toSeconds,
    conversations: b.conversations,
    within_sla: b.toSeconds !== null && b.toSeconds <= sla ? 'yes' : b.fromSeconds >= sla ? 'no' : 'partly',
  }));
  rows.push({ band: 'no reply', from_seconds: null, to_seconds: null, conversations: c.unanswered, within_sla: 'no reply' });
  const order = rows.map((row) => row.band as string);
  const present = Object.keys(SLA_COLORS).filter((k) => rows.some((row) => row.within_sla === k));
  // Room for the longest rotated band name ("3 days or more" ran into the caption in 44 px).
  const bottom = rotatedLabelsMargin(order, TICK_ROTATE);
  return {
    id: 'first-response',
    title: 'First response time',
    caption: `Conversations by time to the brand's first response; SLA ${formatMinutes(r.slaMinutes)}.`,
    summary: `${formatNumber(c.conversations)} conversations: ${formatNumber(c.answered)} answered, median first response ${c.time.medianSeconds === null ? 'unknown' : formatMinutes(c.time.medianSeconds / 60)}; ${c.withinSlaShare === null ? 'SLA share unknown' : `${formatShare(c.withinSlaShare)} answered within ${formatMinutes(r.slaMinutes)}`}; ${formatNumber(c.unanswered)} never answered.`,
    columns: ['band', 'from_seconds', 'to_seconds', 'conversations', 'within_sla'],
    rows,
    legend: present.map((k) => ({ label: k === 'yes' ? 'within SLA' : k === 'no' ? 'over SLA' : k === 'partly' ? 'straddles SLA' : 'no reply', color: SLA_COLORS[k] })),
    plot: {
      height: 126 + bottom,
      marginBottom: bottom,
      marginRight: 20,
      x: { domain: order, label: null, tickRotate: -TICK_ROTATE },
      y: { label: null, grid: true },
      color: { domain: Object.keys(SLA_COLORS), range: Object.values(SLA_COLORS) },
      marks: [
        Plot.barY(rows, { x: 'band', y: 'conversations', fill: 'within_sla' }),
        Plot.text(rows, { x: 'band', y: 'conversations', text: (d: ChartRow) => formatNumber(d.conversations as number), dy: -6 }),
        Plot.ruleY([0]),
      ],
    },
    // Nine columns of rotated band names do not fit a phone: one bar per line there, in band order.
    narrow: namesAboveBars(rows, { name: 'band', value: 'conversations', valueText: (d: ChartRow) => formatNumber(d.conversations as number), fill: 'within_sla' }),
  };
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function inBusinessHours(c: CoverageSection, weekday: number, hour: number): boolean {
  const { days, start, end } = c.businessHours;
  const s = Number(start.slice(0, 2)) + Number(start.slice(3)) / 60;
  const e = Number(end.slice(0, 2)) + Number(end.slice(3)) / 60;
  if (!days.includes(weekday)) return false;
  return s <= e ? hour >= s && hour + 1 <= e + 1e-9 : hour >= s || hour + 1 <= e;
}

/** Customer messages per local hour and weekday; business hours outlined. */
export function coverageChart(c: CoverageSection, options: { height?: number } = {}): ChartSpec | null {
  if (!c.grid.some((g) => g.inbound > 0)) return null;
  const rows: ChartRow[] = c.grid.map((g) => ({
    weekday: DAYS[g.weekday - 1],
    hour: g.hour,
    inbound: g.inbound,
    conversations: g.conversations,
    answered: g.answered,
    median_first_response_s: g.medianFirstResponseSeconds,
    business_hours: inBusinessHours(c, g.weekday, g.hour),
  }));
  const max = Math.max(...c.grid.map((g) => g.inbound));
  const busiest = c.grid.reduce((a, b) => (b.inbound > a.inbound ? b : a));
  const out = c.businessHours.outside;
  const inside = c.businessHours.inside;
  return {
    id: 'coverage',
    title: 'When customers wrote',
    // "Darker = more" was true on a light page only: cells are one colour at rising opacity, so on a dark page more is lighter.
    caption: `Customer messages per hour of the week (${c.timezone}); stronger colour = more (scale above), outlined = business hours.`,
    summary: `Busiest hour: ${DAYS[busiest.weekday - 1]} ${String(busiest.hour).padStart(2, '0')}:00 with ${formatNumber(busiest.inbound)} customer messages. ${formatNumber(out.conversations)} of ${formatNumber(out.conversations + inside.conversations)} conversations began outside business hours.`,
    columns: ['weekday', 'hour', 'inbound', 'conversations', 'answered', 'median_first_response_s', 'business_hours'],
    rows,
    legend: [
      { label: 'Customer messages', color: 'var(--c-accent)', shape: 'ramp', ends: ['0', formatNumber(max)] },
      ...(rows.some((r) => r.business_hours) ? [{ label: 'business hours', color: 'transparent', edge: 'currentColor', shape: 'band' as const }] : []),
    ],
    plot: {
      width: 420,
      height: options.height ?? 180,
      marginLeft: 34,
      marginBottom: 26,
      padding: 0.06,
      x: { type: 'band', domain: Array.from({ length: 24 }, (_, h) => h), label: null, ticks: [0, 3, 6, 9, 12, 15, 18, 21], tickFormat: (h: number) => String(h).padStart(2, '0') },
      y: { type: 'band', domain: DAYS, label: null },
      opacity: { domain: [0, max], range: [...HEAT_OPACITY] },
      marks: [
        Plot.cell(rows, { x: 'hour', y: 'weekday', fill: 'var(--c-accent)', fillOpacity: 'inbound' }),
        Plot.cell(
          rows.filter((r) => r.business_hours),
          { x: 'hour', y: 'weekday', fill: 'none', stroke: 'currentColor', strokeOpacity: 0.55, strokeWidth: 0.8 },
        ),
      ],
    },
  };
}

/**
 * Cases per category (issue), the `top` largest drawn, with each category's
 * timely share when the export has the flag. The caption says how many of
 * how many categories are drawn; the CSV has every category.
 */
export function caseCategoriesChart(cases: CaseResponse, top = 10): ChartSpec | null {
  const all = cases.byCategory;
  if (all.length < 2) return null;
  const toRow = (g: CaseGroupTiming): ChartRow => ({ category: g.value, cases: g.cases, timely_share: g.timely?.share ?? null, median_first_response_s: g.firstResponse?.medianSeconds ?? null });
  const rows = all.slice(0, top).map(toRow);
  const axis = categoryAxis(rows.map((r) => r.category as string));
  const covered = rows.reduce((sum, r) => sum + (r.cases as number), 0);
  const drawn =
    rows.length < all.length
      ? `The ${formatNumber(rows.length)} largest of ${formatNumber(all.length)} issue categories (${formatNumber(covered)} of ${formatNumber(cases.cases)} cases; the CSV has all ${formatNumber(all.length)})`
      : `All ${formatNumber(all.length)} issue categories`;
  const none = all.some((g) => g.value === '(none)') ? '; “(none)”: no category in the export' : '';
  // "· 100%" after every bar says nothing bar by bar: the share goes after the bars only when it differs between them, else once in the caption.
  const shares = rows.map((r) => r.timely_share as number | null);
  const perBar = sharesTellApart(shares);
  const common = shares.find((v) => v !== null);
  const timely = !cases.timely ? '' : perBar ? '; share answered on time after each bar' : common === undefined || common === null ? '' : `; answered on time: ${formatShare(common)} in every issue drawn`;
  const valueText = (d: ChartRow) => `${formatNumber(d.cases as number)}${!perBar || d.timely_share === null ? '' : ` · ${formatShare(d.timely_share as number)}`}`;
  return {
    id: 'case-categories',
    title: 'Cases by issue',
    caption: `${drawn} by cases opened${timely}${none}.`,
    summary: `Largest issues: ${rows.slice(0, 5).map((r) => `${r.category} (${formatNumber(r.cases as number)} cases)`).join('; ')}.`,
    columns: ['category', 'cases', 'timely_share', 'median_first_response_s'],
    rows,
    csvRows: all.map(toRow),
    plot: {
      height: Math.max(90, axis.rowHeight * rows.length + 24),
      marginLeft: axis.marginLeft,
      marginRight: valueMargin(rows.map(valueText)),
      x: { axis: null },
      y: { label: null, domain: rows.map((r) => r.category as string), tickFormat: axis.tickFormat },
      marks: [
        Plot.barX(rows, { y: 'category', x: 'cases', fill: 'var(--c-accent)' }),
        Plot.text(rows, { y: 'category', x: 'cases', text: valueText, textAnchor: 'start', dx: 4 }),
      ],
    },
    narrow: namesAboveBars(rows, { name: 'category', value: 'cases', valueText, fill: 'var(--c-accent)' }),
  };
}
