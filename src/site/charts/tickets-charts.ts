/** The tickets section's chart: cases open at the end of each day (calendar days in the crisis time zone). */
import * as Plot from '@observablehq/plot';
import type { TicketsSection } from '../../analysis/sections/tickets/schema.ts';
import { backlogPoints } from '../../analysis/sections/tickets/view.ts';
import { formatDate, formatNumber } from '../format.ts';
import type { ChartRow, ChartSpec } from './render.ts';
import { timeTickFormat } from './time.ts';

/** Open cases per day, with the CSV of opened, resolved and open per day; null with fewer than two days. */
export function openCasesChart(s: TicketsSection): ChartSpec | null {
  const points = backlogPoints(s);
  if (points.length < 2) return null;
  const rows: ChartRow[] = points.map((p) => ({ day: p.day, opened: p.opened, resolved: p.resolved, open: p.open }));
  // A calendar day drawn at its UTC midnight: the utc axis then labels it with its own date.
  const x = (r: ChartRow) => new Date(`${r.day as string}T00:00:00Z`);
  const peak = s.backlog.peak;
  const last = points[points.length - 1]!;
  const cut = s.backlog.daysTotal > points.length ? ` The last ${formatNumber(points.length)} of ${formatNumber(s.backlog.daysTotal)} days.` : '';
  return {
    id: 'open-cases',
    title: 'Open cases per day',
    caption: `Cases open at the end of each calendar day (${s.timezone}): opened by then and not yet resolved.${cut}`,
    summary: `${peak ? `The backlog peaked at ${formatNumber(peak.open)} open cases on ${formatDate(`${peak.day}T12:00:00Z`)}; ` : ''}${formatNumber(last.open)} were open at the end of the data (${formatDate(`${last.day}T12:00:00Z`)}).`,
    columns: ['day', 'opened', 'resolved', 'open'],
    rows,
    plot: {
      height: 170,
      x: { type: 'utc', label: null, tickFormat: timeTickFormat() },
      y: { label: null, grid: true },
      marks: [
        Plot.areaY(rows, { x, y: 'open', fill: 'var(--c-accent2)', fillOpacity: 0.35, curve: 'step-after' }),
        Plot.lineY(rows, { x, y: 'open', stroke: 'var(--c-accent2)', curve: 'step-after' }),
        Plot.ruleY([0]),
      ],
    },
  };
}
