/** What the crisis was about: top themes, and the fault Pareto. Labels pass through the privacy filter first. */
import * as Plot from '@observablehq/plot';
import type { ThemesResult } from '../../analysis/nlp/themes/types.ts';
import { formatNumber, formatShare } from '../format.ts';
import type { FaultsView } from '../faults.ts';
import type { ChartRow, ChartSpec } from './render.ts';
import { marginFor, trimLabel } from './spec.ts';

/** Largest themes as horizontal bars. */
export function themesChart(t: ThemesResult, top = 8): ChartSpec | null {
  const themes = [...t.themes].sort((a, b) => b.messageCount - a.messageCount).slice(0, top);
  if (!themes.length) return null;
  const rows: ChartRow[] = themes.map((th) => ({ theme: th.label, messages: th.messageCount, share: th.share, top_phrases: th.phrases.slice(0, 4).map((p) => p.phrase).join('; ') }));
  const labels = rows.map((r) => trimLabel(r.theme as string, 28));
  return {
    id: 'themes',
    title: 'Top themes',
    caption: `Largest of ${t.themes.length} themes by customer messages mentioning them (a message can mention several).`,
    summary: `Top themes: ${rows.slice(0, 5).map((r) => `${r.theme} (${formatNumber(r.messages as number)} messages, ${formatShare(r.share as number)})`).join('; ')}.`,
    columns: ['theme', 'messages', 'share', 'top_phrases'],
    rows,
    plot: {
      height: Math.max(90, 22 * rows.length + 30),
      marginLeft: marginFor(labels),
      marginRight: 72,
      x: { label: null, grid: true, axis: null },
      y: { label: null, domain: rows.map((r) => r.theme as string), tickFormat: (d: string) => trimLabel(d, 28) },
      marks: [
        Plot.barX(rows, { y: 'theme', x: 'messages', fill: 'var(--c-accent)' }),
        Plot.text(rows, { y: 'theme', x: 'messages', text: (d: ChartRow) => `${formatNumber(d.messages as number)} · ${formatShare(d.share as number)}`, textAnchor: 'start', dx: 4 }),
      ],
    },
  };
}

/** Fault Pareto: messages per fault, most first, each bar labelled with its count, share and the running share. */
export function faultParetoChart(view: FaultsView, top = 10): ChartSpec | null {
  const faults = view.faults.filter((f) => f.count > 0).slice(0, top);
  if (!faults.length) return null;
  const rows: ChartRow[] = faults.map((f) => ({ fault_id: f.id, fault: f.label, messages: f.count, share: f.share, cumulative_share: f.cumulativeShare }));
  const labels = rows.map((r) => trimLabel(r.fault as string, 30));
  const wraps = rows.some((r) => (r.fault as string).length > 30);
  const topThree = rows[Math.min(2, rows.length - 1)].cumulative_share as number;
  return {
    id: 'faults',
    title: 'Faults (Pareto)',
    caption: `${view.unit[0]!.toUpperCase()}${view.unit.slice(1)} per fault of the taxonomy, most frequent first: count · share · running share (Σ) of ${formatNumber(view.classified)} classified ${view.unit}.`,
    summary: `${rows.map((r) => `${r.fault}: ${formatNumber(r.messages as number)}`).join('; ')}. The top ${Math.min(3, rows.length)} cover ${formatShare(topThree)} of classified ${view.unit}.`,
    columns: ['fault_id', 'fault', 'messages', 'share', 'cumulative_share'],
    rows,
    plot: {
      // Fault names are what leadership reads: wrapped onto two lines rather than cut.
      height: Math.max(90, (wraps ? 32 : 22) * rows.length + 24),
      marginLeft: wraps ? 200 : marginFor(labels, 40, 210),
      marginRight: 112,
      x: { axis: null },
      y: { label: null, domain: rows.map((r) => r.fault as string), axis: null },
      marks: [
        Plot.axisY({ label: null, tickSize: 0, lineWidth: 17, tickFormat: (d: string) => trimLabel(d, 60) }),
        Plot.barX(rows, { y: 'fault', x: 'messages', fill: 'var(--c-neg)', fillOpacity: 0.85 }),
        Plot.text(rows, { y: 'fault', x: 'messages', text: (d: ChartRow) => `${formatNumber(d.messages as number)} · ${formatShare(d.share as number)} · Σ ${formatShare(d.cumulative_share as number)}`, textAnchor: 'start', dx: 4 }),
      ],
    },
  };
}
