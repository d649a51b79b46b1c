/** What the crisis was about: top themes, and the fault Pareto. Labels pass through the privacy filter first. */
import * as Plot from '@observablehq/plot';
import type { Theme, ThemesResult } from '../../analysis/nlp/themes/types.ts';
import { formatNumber, formatShare } from '../format.ts';
import type { FaultView, FaultsView } from '../faults.ts';
import { namesAboveBars } from './narrow.ts';
import type { ChartRow, ChartSpec } from './render.ts';
import { categoryAxis, sharesTellApart, valueMargin } from './axis-labels.ts';

/**
 * Largest themes as horizontal bars: the `top` largest of the report's
 * themes (the strongest `themes.length` of `themesTotal` found) drawn, every
 * theme of the report in the CSV.
 */
export function themesChart(t: Omit<ThemesResult, 'ranking' | 'contextRanking'>, top = 8): ChartSpec | null {
  const all = [...t.themes].sort((a, b) => b.messageCount - a.messageCount);
  if (!all.length) return null;
  const toRow = (th: Theme): ChartRow => ({ theme: th.label, messages: th.messageCount, share: th.share, top_phrases: th.phrases.slice(0, 4).map((p) => p.phrase).join('; ') });
  const rows = all.slice(0, top).map(toRow);
  const axis = categoryAxis(rows.map((r) => r.theme as string), 175);
  const withShare = sharesTellApart(rows.map((r) => r.share as number));
  const valueText = (d: ChartRow) => `${formatNumber(d.messages as number)}${withShare ? ` · ${formatShare(d.share as number)}` : ''}`;
  const found = t.themesTotal > all.length ? `the ${formatNumber(all.length)} strongest of ${formatNumber(t.themesTotal)} themes found` : `${formatNumber(all.length)} themes found`;
  const drawn = rows.length < all.length ? `The ${formatNumber(rows.length)} largest of ${found} (the CSV has all ${formatNumber(all.length)})` : `All ${found}`;
  return {
    id: 'themes',
    title: 'Top themes',
    caption: `${drawn}, by customer messages mentioning them (a message can mention several).`,
    summary: `Top themes: ${rows.slice(0, 5).map((r) => `${r.theme} (${formatNumber(r.messages as number)} messages, ${formatShare(r.share as number)})`).join('; ')}.`,
    columns: ['theme', 'messages', 'share', 'top_phrases'],
    rows,
    csvRows: all.map(toRow),
    plot: {
      height: Math.max(90, axis.rowHeight * rows.length + 30),
      marginLeft: axis.marginLeft,
      marginRight: valueMargin(rows.map(valueText)),
      x: { label: null, grid: true, axis: null },
      y: { label: null, domain: rows.map((r) => r.theme as string), tickFormat: axis.tickFormat },
      marks: [
        Plot.barX(rows, { y: 'theme', x: 'messages', fill: 'var(--c-accent)' }),
        Plot.text(rows, { y: 'theme', x: 'messages', text: valueText, textAnchor: 'start', dx: 4 }),
      ],
    },
    narrow: namesAboveBars(rows, { name: 'theme', value: 'messages', valueText, fill: 'var(--c-accent)' }),
  };
}

/**
 * Fault Pareto: messages per fault, most first, each bar labelled with its
 * count, share and the running share; the `top` most frequent of the faults
 * that matched anything are drawn, all of them are in the CSV.
 */
export function faultParetoChart(view: FaultsView, top = 10): ChartSpec | null {
  const matched = view.faults.filter((f) => f.count > 0);
  if (!matched.length) return null;
  const toRow = (f: FaultView): ChartRow => ({ fault_id: f.id, fault: f.label, messages: f.count, share: f.share, cumulative_share: f.cumulativeShare });
  const rows = matched.slice(0, top).map(toRow);
  const axis = categoryAxis(rows.map((r) => r.fault as string));
  const topThree = rows[Math.min(2, rows.length - 1)].cumulative_share as number;
  const unit = `${view.unit[0]!.toUpperCase()}${view.unit.slice(1)}`;
  // One fault of everything ("· 100% · Σ 100%") or the same share on every bar: the count alone.
  const withShare = sharesTellApart(rows.map((r) => r.share as number));
  const valueText = (d: ChartRow) => `${formatNumber(d.messages as number)}${withShare ? ` · ${formatShare(d.share as number)} · Σ ${formatShare(d.cumulative_share as number)}` : ''}`;
  const drawn = rows.length < matched.length ? `the ${formatNumber(rows.length)} most frequent of ${formatNumber(matched.length)} faults that matched (the CSV has all ${formatNumber(matched.length)})` : `every fault that matched (${formatNumber(matched.length)} of ${formatNumber(view.faults.length)} in the taxonomy)`;
  return {
    id: 'faults',
    title: 'Faults (Pareto)',
    caption: `${unit} per fault of the taxonomy, ${drawn}, most frequent first${withShare ? `: count · share · running share (Σ) of ${formatNumber(view.classified)} classified ${view.unit}` : ` (of ${formatNumber(view.classified)} classified ${view.unit})`}.`,
    summary: `${rows.map((r) => `${r.fault}: ${formatNumber(r.messages as number)}`).join('; ')}. The top ${Math.min(3, rows.length)} cover ${formatShare(topThree)} of classified ${view.unit}.`,
    columns: ['fault_id', 'fault', 'messages', 'share', 'cumulative_share'],
    rows,
    csvRows: matched.map(toRow),
    plot: {
      // Fault names are what leadership reads: wrapped onto further lines rather than cut.
      height: Math.max(90, axis.rowHeight * rows.length + 24),
      marginLeft: axis.marginLeft,
      marginRight: valueMargin(rows.map(valueText)),
      x: { axis: null },
      y: { label: null, domain: rows.map((r) => r.fault as string), axis: null },
      marks: [
        Plot.axisY({ label: null, tickSize: 0, tickFormat: axis.tickFormat }),
        Plot.barX(rows, { y: 'fault', x: 'messages', fill: 'var(--c-neg)', fillOpacity: 0.85 }),
        Plot.text(rows, { y: 'fault', x: 'messages', text: valueText, textAnchor: 'start', dx: 4 }),
      ],
    },
    narrow: namesAboveBars(rows, { name: 'fault', value: 'messages', valueText, fill: 'var(--c-neg)', fillOpacity: 0.85 }),
  };
}
