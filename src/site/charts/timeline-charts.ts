/**
 * Charts over time: volume with its normal band, surges and key moments;
 * sentiment per bucket; the unanswered backlog. Each returns null when the
 * report lacks what it needs.
 */
import * as Plot from '@observablehq/plot';
import type { CrisisEvent } from '../../analysis/config/crisis-events.ts';
import { mainEpisodeOf } from '../../analysis/crisis/notions.ts';
import type { CoverageSection, KeyMoment, TimelineSection } from '../../analysis/crisis/types.ts';
import { formatDateTime, formatNumber, formatShare, zoneNote } from '../format.ts';
import { eventLegend, eventMarkers, eventMarks, eventsAsTicks, surgeLabelMarks, type Frame } from './event-marks.ts';
import { NARROW_WIDTH } from './narrow.ts';
import type { ChartRow, ChartSpec } from './render.ts';
import { sentimentColor } from './spec.ts';
import { sentimentLong, sentimentTotals } from '../sentiment-table.ts';
import { normalBand } from './normal-band.ts';
import { localTimeText, timeTickFormat, wallClock } from './time.ts';

const BUCKET_WORDS: Record<string, string> = { '5m': '5 minutes', '15m': '15 minutes', '1h': 'hour', '3h': '3 hours', '6h': '6 hours', '1d': 'day', '1w': 'week' };

/** "per hour" for the timeline's bucket. */
export function perBucket(t: TimelineSection): string {
  return `per ${BUCKET_WORDS[t.bucket.id] ?? t.bucket.id}`;
}

/** The caption's word on records left off the curve (" 10 messages far outside this span (10 before …) would need coarser buckets: …"); empty when it holds every record. */
export function offCurve(t: TimelineSection): string {
  const { excludedBefore: before, excludedAfter: after } = t.domain;
  if (!before && !after) return '';
  const n = before + after;
  const where = [before ? `${formatNumber(before)} before ${formatDateTime(t.domain.start, t.timezone)}` : '', after ? `${formatNumber(after)} after ${formatDateTime(t.domain.end, t.timezone)}` : ''].filter(Boolean).join(', ');
  return ` ${formatNumber(n)} ${t.source === 'cases' ? 'case' : 'message'}${n === 1 ? '' : 's'} far outside this span (${where}) would need coarser buckets: counted in the totals but not drawn.`;
}

/** Moments worth pinning on the curve: those of the main surge (onset, peak, first response, containment). */
export function pinnedMoments(t: TimelineSection): KeyMoment[] {
  const kinds = new Set(['onset', 'peak', 'first-brand-response', 'containment']);
  const main = mainEpisodeOf(t)?.index ?? null;
  return t.keyMoments.filter((m) => kinds.has(m.kind) && (main === null || m.episode === main)).sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * Volume per bucket: customer and brand messages, the normal band, surges
 * shaded (the later ones labelled), key moments of the main surge numbered,
 * and what the company did (crisis.yaml `events:`) as lettered rules.
 */
export function timelineChart(t: TimelineSection, options: { width?: number; height?: number; events?: readonly CrisisEvent[] } = {}): ChartSpec | null {
  if (!t.buckets.length) return null;
  const local = wallClock(t.timezone);
  const localText = localTimeText(t.timezone);
  const seriesLabel = t.source === 'cases' ? 'Cases opened' : t.detection.series === 'inbound' ? 'Customer messages' : 'All messages';
  const value = (b: TimelineSection['buckets'][number]) => (t.detection.series === 'inbound' ? b.inbound : b.total);
  const hasBrand = t.source === 'messages' && t.buckets.some((b) => b.brand > 0);
  const band = normalBand(t, t.buckets.flatMap((b) => (hasBrand ? [value(b), b.brand] : [value(b)])), perBucket(t));
  const rows: ChartRow[] = t.buckets.map((b, i) => ({
    start_utc: b.start,
    start_local: localText(b.start),
    total: b.total,
    inbound: b.inbound,
    brand: b.brand,
    baseline: b.baseline,
    normal_low: band.normalLow[i],
    upper: b.upper,
    anomalous: b.anomalous,
  }));
  const x = (r: ChartRow) => local(r.start_utc as string);
  const y = (r: ChartRow) => (t.detection.series === 'inbound' ? (r.inbound as number) : (r.total as number));
  // The band's edges as drawn (see normal-band.ts); NaN breaks the area where it is not drawn.
  const bandEdge = (edge: 'low' | 'high') => (_: ChartRow, i: number) => band.edges[i]?.[edge] ?? NaN;
  const end = t.buckets.at(-1)!.start;
  const surges = t.episodes.map((e) => ({ x1: local(e.onset.at), x2: local(e.containment?.at ?? end), index: e.index }));
  const moments = pinnedMoments(t).map((m, i) => ({ x: local(m.at), n: String(i + 1), label: m.label }));
  const curve: Plot.Markish[] = [
    Plot.rect(surges, { x1: 'x1', x2: 'x2', fill: 'var(--c-phase)' }),
    ...(band.drawn ? [Plot.areaY(rows, { x, y1: bandEdge('low'), y2: bandEdge('high'), fill: 'var(--c-band)', curve: 'step-after' })] : []),
    Plot.lineY(rows, { x, y, stroke: 'var(--c-accent)', strokeWidth: 1.6, curve: 'step-after' }),
  ];
  if (hasBrand) curve.push(Plot.lineY(rows, { x, y: 'brand', stroke: 'var(--c-accent2)', strokeWidth: 1.2, curve: 'step-after' }));
  const numbered: Plot.Markish[] = [
    Plot.ruleX(moments, { x: 'x', stroke: 'currentColor', strokeOpacity: 0.45, strokeDasharray: '2,2' }),
    // Alternate label heights so moments close in time stay readable.
    Plot.text(moments.filter((_, i) => i % 2 === 0), { x: 'x', text: 'n', frameAnchor: 'top', dy: -6, dx: 5, fontWeight: 700 }),
    Plot.text(moments.filter((_, i) => i % 2 === 1), { x: 'x', text: 'n', frameAnchor: 'top', dy: 8, dx: 5, fontWeight: 700 }),
    Plot.ruleY([0]),
  ];
  const markers = eventMarkers(options.events ?? [], t);
  const main = mainEpisodeOf(t);
  const width = options.width ?? 1180;
  // Label rows are worked out in pixels, so each rendering gets its own.
  const frame = (w: number): Frame => ({ width: w, marginLeft: 44, marginRight: 20 });
  const marks = [...curve, ...eventMarks(markers, t, frame(width), local), ...numbered, ...surgeLabelMarks(t, main?.index ?? null, frame(width), local)];
  // On a phone the surge labels would run into each other: the events' letters and the moments' numbers stay.
  const narrowMarks = [...curve, ...eventMarks(markers, t, frame(NARROW_WIDTH), local), ...numbered];
  const drawnEvents = markers.filter((m) => m.drawn).length;
  const summary = main
    ? `${seriesLabel} ${perBucket(t)} from ${formatDateTime(t.domain.start, t.timezone)} to ${formatDateTime(t.domain.end, t.timezone)}. ${t.episodes.length} surge${t.episodes.length === 1 ? '' : 's'}; the largest began ${formatDateTime(main.onset.at, t.timezone)} and peaked at ${formatNumber(main.peak.volume)} ${perBucket(t)} (${main.peak.multiple === null ? 'no baseline yet' : `${formatNumber(main.peak.multiple)} times the baseline`}) at ${formatDateTime(main.peak.at, t.timezone)}.`
    : `${seriesLabel} ${perBucket(t)} from ${formatDateTime(t.domain.start, t.timezone)} to ${formatDateTime(t.domain.end, t.timezone)}; no surge above the normal band.`;
  return {
    id: 'timeline',
    title: `Volume ${perBucket(t)}`,
    caption: `${seriesLabel}${hasBrand ? ' and brand replies' : ''} ${perBucket(t)} (${zoneNote(t.timezone, t.domain.start, t.domain.end)}); ${band.note}, shaded = surge, numbers = key moments${drawnEvents ? (eventsAsTicks(markers) ? ', ticks (▲) on the time axis = what the company did, listed below' : ', letters = what the company did') : ''}.${offCurve(t)}`,
    summary: drawnEvents ? `${summary} ${drawnEvents} compan${drawnEvents === 1 ? 'y action is' : 'y actions are'} marked: ${markers.filter((m) => m.drawn).map((m) => `${m.letter}, ${m.event.label} (${formatDateTime(m.event.at, t.timezone)})`).join('; ')}.` : summary,
    columns: ['start_utc', 'start_local', 'total', 'inbound', 'brand', 'baseline', 'normal_low', 'upper', 'anomalous'],
    rows,
    legend: [
      { label: seriesLabel, color: 'var(--c-accent)', shape: 'line' },
      ...(hasBrand ? [{ label: 'Brand messages', color: 'var(--c-accent2)', shape: 'line' as const }] : []),
      ...(band.drawn ? [{ label: 'Normal band', color: 'var(--c-band)', edge: 'var(--c-band-edge)', shape: 'band' as const }] : []),
      ...(surges.length ? [{ label: 'Surge', color: 'var(--c-phase)', edge: 'var(--c-phase-edge)', shape: 'band' as const }] : []),
      ...eventLegend(markers),
    ],
    narrow: { marks: narrowMarks },
    plot: {
      width,
      height: options.height ?? 200,
      marginTop: 16,
      x: { type: 'utc', label: null, tickFormat: timeTickFormat() },
      // The data's own scale: the band never stretches the axis (normal-band.ts).
      y: { label: null, grid: true, domain: [0, band.top] },
      marks,
    },
  };
}

/** Messages per bucket by sentiment label, stacked. */
export function sentimentChart(t: TimelineSection): ChartSpec | null {
  const s = t.bySentiment;
  if (!s || !s.labels.length) return null;
  const local = wallClock(t.timezone);
  const localText = localTimeText(t.timezone);
  // The per-label counts folded into one row per bucket and label: the long shape a stacked area takes.
  const rows = sentimentLong(t, { start_utc: t.buckets.map((b) => b.start), start_local: t.buckets.map((b) => localText(b.start)) })!.objects() as ChartRow[];
  const { byLabel: totals, all } = sentimentTotals(t)!;
  const scope = s.scope === 'inbound' ? 'Customer messages' : 'Messages';
  return {
    id: 'sentiment',
    title: 'Sentiment over time',
    caption: `${scope} ${perBucket(t)} by sentiment label, stacked (${zoneNote(t.timezone, t.domain.start, t.domain.end)}).`,
    summary: `${scope} by sentiment: ${s.labels.map((l) => `${l} ${formatShare(all ? totals[l] / all : 0)}`).join(', ')} overall.`,
    columns: ['start_utc', 'start_local', 'label', 'messages'],
    rows,
    legend: s.labels.map((l) => ({ label: l, color: sentimentColor(l) })),
    plot: {
      height: 170,
      x: { type: 'utc', label: null, tickFormat: timeTickFormat() },
      y: { label: null, grid: true },
      color: { domain: s.labels, range: s.labels.map(sentimentColor) },
      marks: [Plot.areaY(rows, { x: (r: ChartRow) => local(r.start_utc as string), y: 'messages', fill: 'label', order: s.labels }), Plot.ruleY([0])],
    },
  };
}

/** Conversations waiting for a first brand reply over time. */
export function backlogChart(c: CoverageSection): ChartSpec | null {
  const points = c.backlog.points;
  // Not measurable without brand messages (`backlogNotMeasurable`): no curve rather than one climbing to every conversation.
  if (points.length < 2 || c.backlog.waitingAtEnd === null) return null;
  const local = wallClock(c.timezone);
  const localText = localTimeText(c.timezone);
  const rows: ChartRow[] = points.map((p) => ({ at_utc: p.at, at_local: localText(p.at), waiting: p.waiting }));
  const peak = c.backlog.peak;
  return {
    id: 'backlog',
    title: 'Unanswered backlog',
    caption: `Conversations still waiting for a first brand reply at the end of each bucket (${zoneNote(c.timezone, points[0].at, points[points.length - 1].at)}).`,
    summary: peak
      ? `The backlog peaked at ${formatNumber(peak.waiting)} waiting conversations at ${formatDateTime(peak.at, c.timezone)}; ${formatNumber(c.backlog.waitingAtEnd)} were still waiting when the data ends.`
      : `${formatNumber(c.backlog.waitingAtEnd)} conversations were waiting when the data ends.`,
    columns: ['at_utc', 'at_local', 'waiting'],
    rows,
    plot: {
      height: 170,
      x: { type: 'utc', label: null, tickFormat: timeTickFormat() },
      y: { label: null, grid: true },
      marks: [Plot.areaY(rows, { x: (r: ChartRow) => local(r.at_utc as string), y: 'waiting', fill: 'var(--c-accent2)', fillOpacity: 0.35, curve: 'step-after' }), Plot.lineY(rows, { x: (r: ChartRow) => local(r.at_utc as string), y: 'waiting', stroke: 'var(--c-accent2)', curve: 'step-after' }), Plot.ruleY([0])],
    },
  };
}
