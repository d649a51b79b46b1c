/**
 * What the company did (crisis.yaml `events:`) and the later surges, as
 * marks on the volume chart: each event a vertical rule coloured by its kind
 * and lettered (A, B, …; the key under the chart says what each letter is),
 * each surge other than the main one labelled "Surge 2 · peak 17/h". Labels
 * close in time go on separate rows so none is drawn over another.
 */
import * as Plot from '@observablehq/plot';
import type { CrisisEvent, EventKind } from '../../analysis/config/crisis-events.ts';
import type { TimelineEpisode, TimelineSection } from '../../analysis/crisis/types.ts';
import { formatNumber } from '../format.ts';
import type { LegendItem } from './spec.ts';

/** How each kind of event reads in the legend and key. */
export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  detected: 'Detected',
  declared: 'Incident declared',
  statement: 'Public statement',
  mitigated: 'Mitigated',
  fix: 'Fix shipped',
  resolved: 'Resolved',
  recall: 'Recall',
  other: 'Other action',
};

/** Colour of each kind (CSS variables of site.css, so light, dark and print each get theirs). */
export const EVENT_KIND_COLORS: Record<EventKind, string> = {
  detected: 'var(--c-ev-detected)',
  declared: 'var(--c-ev-declared)',
  statement: 'var(--c-ev-statement)',
  mitigated: 'var(--c-ev-mitigated)',
  fix: 'var(--c-ev-fix)',
  resolved: 'var(--c-ev-resolved)',
  recall: 'var(--c-ev-recall)',
  other: 'var(--c-ev-other)',
};

/** An event with its letter, and whether it falls on the chart's time axis. */
export interface EventMarker {
  letter: string;
  event: CrisisEvent;
  /** False when the event is before or after the curve (listed in the key, not drawn). */
  drawn: boolean;
}

/** A, B, …, Z, AA, AB, … */
export function eventLetter(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : eventLetter(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26));
}

/** The time axis of a chart other than the volume timeline (a fault's rate per bucket): first bucket start to the end of the last bucket, UTC ms. */
export interface EventSpan {
  from: number;
  to: number;
}

/** The span the chart draws: first bucket start to the end of the last bucket. */
function span(t: TimelineSection | EventSpan): [number, number] {
  if ('from' in t) return [t.from, t.to];
  return [Date.parse(t.buckets[0].start), Date.parse(t.buckets.at(-1)!.start) + t.bucket.ms];
}

/** More events than this are drawn as unlettered ticks (a recall list): their letters would pile up; the key lists them. */
export const MAX_LETTERED_EVENTS = 15;

/** True when the drawn events are too many to letter on the chart. */
export function eventsAsTicks(markers: readonly EventMarker[]): boolean {
  return markers.filter((m) => m.drawn).length > MAX_LETTERED_EVENTS;
}

/** The events lettered in time order, each marked drawn when it is within the curve's span (the volume timeline's, or an {@link EventSpan}). */
export function eventMarkers(events: readonly CrisisEvent[], t: TimelineSection | EventSpan): EventMarker[] {
  if ('buckets' in t && !t.buckets.length) return [];
  const [from, to] = span(t);
  return [...events]
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .map((event, i) => ({ letter: eventLetter(i), event, drawn: Date.parse(event.at) >= from && Date.parse(event.at) <= to }));
}

/** Approximate width of the charts' 11 px text, per character (as `marginFor` reckons). */
const CHAR_PX = 6.2;

/**
 * Rows for labels at pixel positions `xs` (in order) of widths `widths`: each
 * label takes the first row whose previous label ends `gap` px before it.
 */
export function labelRows(xs: number[], widths: number[], gap = 4): number[] {
  const ends: number[] = [];
  return xs.map((x, i) => {
    let row = ends.findIndex((end) => end + gap <= x);
    if (row < 0) row = ends.length;
    ends[row] = x + widths[i];
    return row;
  });
}

/** Options of the chart the marks are drawn on: its width and horizontal margins, to place labels in pixels. */
export interface Frame {
  width: number;
  marginLeft: number;
  marginRight: number;
}

const pixel = (t: TimelineSection | EventSpan, frame: Frame) => {
  const [from, to] = span(t);
  const inner = frame.width - frame.marginLeft - frame.marginRight;
  return (at: string) => ((Date.parse(at) - from) / (to - from)) * inner;
};

/**
 * Rules and letters for the drawn events; `x` maps an ISO time to the chart's
 * x value. Beyond {@link MAX_LETTERED_EVENTS}, kind-coloured ticks (▲) on the
 * time axis instead: they may touch, no label is drawn over another.
 */
export function eventMarks(markers: readonly EventMarker[], t: TimelineSection | EventSpan, frame: Frame, x: (iso: string) => Date): Plot.Markish[] {
  const drawn = markers.filter((m) => m.drawn);
  if (!drawn.length) return [];
  if (eventsAsTicks(markers)) {
    const ticks = drawn.map((m) => ({ x: x(m.event.at), kind: m.event.kind }));
    return (Object.keys(EVENT_KIND_COLORS) as EventKind[])
      .filter((kind) => ticks.some((d) => d.kind === kind))
      .map((kind) => Plot.dot(ticks.filter((d) => d.kind === kind), { x: 'x', frameAnchor: 'bottom', symbol: 'triangle', r: 3.5, fill: EVENT_KIND_COLORS[kind], stroke: 'var(--bg)', strokeWidth: 0.75 }));
  }
  const px = pixel(t, frame);
  const rows = labelRows(drawn.map((m) => px(m.event.at)), drawn.map((m) => m.letter.length * 7 + 4), 2);
  const data = drawn.map((m, i) => ({ x: x(m.event.at), letter: m.letter, kind: m.event.kind, row: rows[i] }));
  const marks: Plot.Markish[] = [];
  for (const kind of Object.keys(EVENT_KIND_COLORS) as EventKind[]) {
    const of = data.filter((d) => d.kind === kind);
    if (of.length) marks.push(Plot.ruleX(of, { x: 'x', stroke: EVENT_KIND_COLORS[kind], strokeWidth: 1.5, strokeOpacity: 0.75 }));
  }
  for (let row = 0; row <= Math.max(...rows); row++) {
    const of = data.filter((d) => d.row === row);
    marks.push(Plot.text(of, { x: 'x', text: 'letter', frameAnchor: 'bottom', dy: -6 - row * 12, dx: 3, textAnchor: 'start', fontWeight: 700, fill: (d: { kind: EventKind }) => EVENT_KIND_COLORS[d.kind], stroke: 'var(--bg)', strokeWidth: 3, paintOrder: 'stroke' }));
  }
  return marks;
}

const PER_SHORT: Record<string, string> = { '5m': '5 min', '15m': '15 min', '1h': 'h', '3h': '3 h', '6h': '6 h', '1d': 'day', '1w': 'week' };

/** "Surge 2 · peak 17/h". */
export function surgeLabel(e: TimelineEpisode, t: TimelineSection): string {
  return `Surge ${e.index} · peak ${formatNumber(e.peak.volume)}/${PER_SHORT[t.bucket.id] ?? t.bucket.id}`;
}

/** Labels of every surge but the main one (whose moments are numbered), at their onsets, under the moment numbers. */
export function surgeLabelMarks(t: TimelineSection, mainIndex: number | null, frame: Frame, x: (iso: string) => Date): Plot.Markish[] {
  const others = t.episodes.filter((e) => e.index !== mainIndex).sort((a, b) => a.index - b.index);
  if (!others.length || !t.buckets.length) return [];
  const px = pixel(t, frame);
  const inner = frame.width - frame.marginLeft - frame.marginRight;
  const labels = others.map((e) => ({ e, text: surgeLabel(e, t), at: px(e.onset.at) }));
  // A label that would run past the right edge ends at its surge instead.
  const starts = labels.map((l) => (l.at + l.text.length * CHAR_PX > inner ? l.at - l.text.length * CHAR_PX : l.at));
  const rows = labelRows(starts, labels.map((l) => l.text.length * CHAR_PX));
  const data = labels.map((l, i) => ({ x: x(l.e.onset.at), text: l.text, row: rows[i], end: starts[i] !== l.at }));
  const marks: Plot.Markish[] = [];
  for (let row = 0; row <= Math.max(...rows); row++)
    for (const end of [false, true]) {
      const of = data.filter((d) => d.row === row && d.end === end);
      if (of.length) marks.push(Plot.text(of, { x: 'x', text: 'text', frameAnchor: 'top', dy: 22 + row * 12, dx: end ? -2 : 2, textAnchor: end ? 'end' : 'start', fill: 'var(--muted)', stroke: 'var(--bg)', strokeWidth: 3, paintOrder: 'stroke' }));
    }
  return marks;
}

/** Legend entries for the kinds of event drawn. */
export function eventLegend(markers: readonly EventMarker[]): LegendItem[] {
  const kinds = new Set(markers.filter((m) => m.drawn).map((m) => m.event.kind));
  return (Object.keys(EVENT_KIND_LABELS) as EventKind[]).filter((k) => kinds.has(k)).map((k) => ({ label: EVENT_KIND_LABELS[k], color: EVENT_KIND_COLORS[k], shape: 'line' as const }));
}
