/**
 * A fault's rate over time in one crisis, for `/faults/<id>/`: records with
 * the fault per 1,000 records in scope per time bin (the faults section's
 * buckets, several pooled into one with Arquero's groupby and rollup when
 * there are more than {@link MAX_POINTS}: a weekly rate of a few records is
 * noise), the fix and recall events that name it marked as on the crisis
 * timeline (lettered, or ticks when there are many: charts/event-marks.ts),
 * and the mean rate before and after the last of them drawn as two level
 * lines (fault-fix.ts).
 */
import * as Plot from '@observablehq/plot';
import { op, table } from 'arquero';
import type { CrisisEvent } from '../analysis/config/crisis-events.ts';
import { eventLegend, eventMarkers, eventMarks, eventsAsTicks, type EventMarker, type EventSpan, type Frame } from './charts/event-marks.ts';
import { NARROW_WIDTH } from './charts/narrow.ts';
import type { ChartRow, ChartSpec } from './charts/render.ts';
import { localTimeText, wallClock } from './charts/time.ts';
import { afterFixText, type AfterFix } from './fault-fix.ts';
import { formatDate, formatZonedDate } from './format.ts';

/** Most bins a chart draws; buckets are pooled (records and records in scope summed) beyond it. */
export const MAX_POINTS = 120;

/** What the chart needs of a fault in one crisis (a {@link import('./faults-all.ts').FaultInCrisis}). */
export interface FaultFixChartInput {
  title: string;
  zone: string;
  bucketMs: number;
  bucketStarts: number[];
  consideredVolume: number[];
  fault: { volume: number[] };
  fixes: CrisisEvent[];
  afterFix: AfterFix | null;
}

/** The chart and its events lettered as drawn (the page lists them under it); null without a time line. */
export function faultFixChart(id: string, label: string, b: FaultFixChartInput): { spec: ChartSpec; markers: EventMarker[] } | null {
  const n = b.bucketStarts.length;
  if (!n || b.consideredVolume.length !== n || b.fault.volume.length !== n) return null;
  const local = wallClock(b.zone);
  const localText = localTimeText(b.zone);
  const pool = Math.ceil(n / MAX_POINTS);
  // Consecutive buckets binned `pool` at a time, records and records in scope summed per bin, the rate derived from the sums.
  const bins = table({ start: b.bucketStarts, records: b.fault.volume, in_scope: b.consideredVolume })
    .params({ pool })
    .derive({ bin: '(d, $) => floor((row_number() - 1) / $.pool)' } as never)
    .groupby('bin')
    // Bucket starts ascend: a bin starts at its smallest.
    .rollup({ start: op.min('start'), records: op.sum('records'), in_scope: op.sum('in_scope') })
    .derive({ rate_per_1000: 'd => d.in_scope ? 1000 * d.records / d.in_scope : null' } as never)
    .objects() as { start: number; records: number; in_scope: number; rate_per_1000: number | null }[];
  const rows: ChartRow[] = bins.map((r) => ({ start_utc: new Date(r.start).toISOString(), start_local: localText(r.start), records: r.records, in_scope: r.in_scope, rate_per_1000: r.rate_per_1000 }));
  const word = bucketWord(b.bucketMs);
  const per = pool === 1 ? word : /^\d/.test(word) ? `${pool} × ${word}` : `${pool} ${word}s`;
  const x = (r: ChartRow) => local(r.start_utc as string);
  const span: EventSpan = { from: b.bucketStarts[0]!, to: b.bucketStarts[n - 1]! + b.bucketMs };
  const markers = eventMarkers(b.fixes, span);
  const frame = (w: number): Frame => ({ width: w, marginLeft: 44, marginRight: 20 });
  const at = (ms: number) => local(new Date(ms).toISOString());
  // The two mean rates the verdict compares, each over its own period.
  const a = b.afterFix;
  const levels =
    a && a.before.rate !== null && a.after.rate !== null && a.before.from !== null && a.after.from !== null
      ? [
          { x1: at(a.before.from), x2: at(a.before.to! + b.bucketMs), y: a.before.rate },
          { x1: at(a.after.from), x2: at(a.after.to! + b.bucketMs), y: a.after.rate },
        ]
      : [];
  const curve: Plot.Markish[] = [
    Plot.lineY(rows, { x, y: 'rate_per_1000', stroke: 'var(--c-neg)', strokeWidth: 1.1, curve: 'step-after' }),
    ...(levels.length ? [Plot.ruleY(levels, { y: 'y', x1: 'x1', x2: 'x2', stroke: 'currentColor', strokeWidth: 2, strokeDasharray: '5,3' })] : []),
    Plot.ruleY([0]),
  ];
  const width = 1180;
  const drawn = markers.filter((m) => m.drawn);
  const marksAs = eventsAsTicks(markers) ? 'ticks (▲) on the time axis' : 'letters';
  const verdict = a ? ` Dashed: the mean rate before and after the last fix or recall (${formatZonedDate(a.fix.at, b.zone)}): ${afterFixText(a)}.` : '';
  return {
    markers,
    spec: {
      id: `fault-${id}`,
      title: `${label}: rate per 1,000 in scope, ${b.title}`,
      caption: `Records with the fault per 1,000 records in scope per ${per} (dates in ${b.zone} time)${drawn.length ? `; ${marksAs} = the fixes and recalls that name it, listed below` : ''}.${verdict}`,
      summary: `${label} in ${b.title}: records with the fault per 1,000 in scope per ${per}, from ${formatDate(b.bucketStarts[0]!, b.zone)} to ${formatDate(b.bucketStarts[n - 1]!, b.zone)}.${drawn.length ? ` ${drawn.length} fix or recall event${drawn.length === 1 ? '' : 's'} marked: ${drawn.map((m) => `${m.letter}, ${m.event.label} (${formatZonedDate(m.event.at, b.zone)})`).join('; ')}.` : ''}${verdict}`,
      columns: ['start_utc', 'start_local', 'records', 'in_scope', 'rate_per_1000'],
      rows,
      legend: [{ label: 'Rate per 1,000 in scope', color: 'var(--c-neg)', shape: 'line' }, ...(levels.length ? [{ label: 'Mean before / after the last fix', color: 'currentColor', shape: 'line' as const }] : []), ...eventLegend(markers)],
      narrow: { marks: [...curve, ...eventMarks(markers, span, frame(NARROW_WIDTH), local)] },
      plot: {
        width,
        height: 180,
        marginTop: 16,
        x: { type: 'utc', label: null },
        y: { label: null, grid: true, nice: true },
        marks: [...curve, ...eventMarks(markers, span, frame(width), local)],
      },
    },
  };
}

const BUCKETS: Record<number, string> = { 300_000: '5 minutes', 900_000: '15 minutes', 3_600_000: 'hour', 10_800_000: '3 hours', 21_600_000: '6 hours', 86_400_000: 'day', 604_800_000: 'week' };

/** "week" for a bucket of 7 days. */
function bucketWord(ms: number): string {
  return BUCKETS[ms] ?? `${Math.round(ms / 3_600_000)} hours`;
}
