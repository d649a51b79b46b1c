/**
 * The grey "normal" band of the volume chart, drawn so that thin data never
 * looks abnormal:
 *
 * - it spans the normal range around the baseline, baseline ± 3σ (σ is
 *   (upper − baseline) / 3, as the detector sets it), floored at 0. Drawn
 *   from the baseline up, a quiet hour under the baseline sat below the band
 *   and read as "below normal"; with σ ≥ √baseline the range of a baseline
 *   under 10 always reaches 0, so low counts are inside it;
 * - only where the baseline is measured from earlier buckets: the
 *   detector's whole-series fallback (`baselineMethod: 'global'`, before
 *   there is enough history) takes the median and spread of the whole
 *   export, crisis included, which put an 8–39/h band over a quiet 2–5/h
 *   start;
 * - on the data's own scale: the y axis runs to the data's rounded maximum
 *   and the band is cut at the top of the chart, so a band wider than the
 *   data never stretches the axis and squashes the curve;
 * - and not at all, with a note, when what is left would fill the whole
 *   chart everywhere (a band wider than the data says nothing).
 */
import type { TimelineSection } from '../../analysis/crisis/types.ts';
import { formatNumber } from '../format.ts';

/** The band as the chart draws it. */
export interface NormalBand {
  /** Top of the y axis: the data's maximum, rounded up to a tick. */
  top: number;
  /** Per bucket: the band's lower and upper edge as drawn, or null where it is not drawn. */
  edges: ({ low: number; high: number } | null)[];
  /** Per bucket: the lower edge of the normal range (baseline − 3σ, at least 0), null where the baseline is not measurable. */
  normalLow: (number | null)[];
  /** False: no band at all (see `note`). */
  drawn: boolean;
  /** What the caption says about the band. */
  note: string;
}

/** The step of about `count` ticks from 0 to `stop` (1, 2 or 5 × a power of ten), as d3 picks it. */
function tickStep(stop: number, count: number): number {
  const step = stop / count;
  const power = Math.floor(Math.log10(step));
  const error = step / 10 ** power;
  const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  return factor * 10 ** power;
}

/** `max` rounded up to a tick of a 0-based axis of about `count` ticks (what Plot's `nice` does); 1 for no data. */
export function niceTop(max: number, count = 10): number {
  if (!(max > 0)) return 1;
  let top = max;
  for (let i = 0; i < 5; i++) {
    const step = tickStep(top, count);
    const next = Number((Math.ceil(Number((top / step).toPrecision(12))) * step).toPrecision(12));
    if (next === top) break;
    top = next;
  }
  return top;
}

/** The band for a timeline whose drawn series are `values` (every series the chart draws, so the axis holds them all). */
export function normalBand(t: TimelineSection, values: readonly number[], per: string): NormalBand {
  const top = niceTop(values.reduce((m, v) => Math.max(m, v), 0));
  const normalLow = t.buckets.map((b) => (b.baselineMethod === 'global' ? null : Math.max(0, 2 * b.baseline - b.upper)));
  const edges = t.buckets.map((b, i) => {
    const low = normalLow[i];
    return low === null ? null : { low: Math.min(low, top), high: Math.min(b.upper, top) };
  });
  const measured = edges.filter((e) => e !== null);
  if (!measured.length) return { top, edges: edges.map(() => null), normalLow, drawn: false, note: 'no normal band: too little earlier data to measure one' };
  if (measured.every((e) => e.low === 0 && e.high >= top)) {
    const lowest = Math.min(...t.buckets.filter((b) => b.baselineMethod !== 'global').map((b) => b.upper));
    return { top, edges: edges.map(() => null), normalLow, drawn: false, note: `no normal band drawn: the normal range (up to ${formatNumber(lowest)} ${per} or more) is wider than the data's own range` };
  }
  const partly = measured.length < edges.length ? ' where earlier data can measure it' : '';
  return { top, edges, normalLow, drawn: true, note: `grey band = normal range${partly}` };
}
