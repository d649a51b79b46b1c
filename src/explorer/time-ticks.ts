/**
 * Ticks of the explorer's timeline, placed and labelled in the crisis's time
 * zone. The timeline's x scale is in instants (the brush reads instants back
 * from it), so Plot's own ticks would sit at UTC hours, midnights and New
 * Years: written in America/New_York, a tick at 1 Jan 2015 00:00 UTC reads
 * "31 Dec 2014". Here the ticks are chosen among wall-clock boundaries of the
 * zone (hours, midnights, month and year starts) and each label is the
 * wall-clock time of its own instant: position and label always agree. Pure.
 */
import { zonedWallToUtc } from '../analysis/core/time-zones.ts';
import { timeTickFormat, wallClock } from '../site/charts/time.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A tick interval: every `every` hours, days of the month, months or years. */
interface Step {
  unit: 'hour' | 'day' | 'month' | 'year';
  every: number;
  /** Its rough length, to pick the interval giving about the ticks asked for. */
  approx: number;
}

const STEPS: readonly Step[] = [
  ...[1, 3, 6, 12].map((every) => ({ unit: 'hour' as const, every, approx: every * HOUR })),
  ...[1, 2, 7, 15].map((every) => ({ unit: 'day' as const, every, approx: every * DAY })),
  ...[1, 3, 6].map((every) => ({ unit: 'month' as const, every, approx: every * 30 * DAY })),
  ...[1, 2, 5, 10, 20, 50, 100].map((every) => ({ unit: 'year' as const, every, approx: every * 365 * DAY })),
];

/** Days of the month a day step ticks on: each day, odd days, weeks from the 1st, the 1st and 16th (never two ticks a day or two apart around a month's end). */
function dayTicked(dayOfMonth: number, every: number): boolean {
  if (every === 1) return true;
  if (every === 2) return dayOfMonth % 2 === 1 && dayOfMonth < 31;
  if (every === 7) return dayOfMonth === 1 || dayOfMonth === 8 || dayOfMonth === 15 || dayOfMonth === 22;
  return dayOfMonth === 1 || dayOfMonth === 16;
}

/** Wall-clock boundaries (ms "as if UTC") of `step` from `lo` to `hi` inclusive. */
function wallBoundaries(lo: number, hi: number, step: Step): number[] {
  const out: number[] = [];
  if (step.unit === 'hour') {
    const size = step.every * HOUR;
    for (let w = Math.ceil(lo / size) * size; w <= hi; w += size) out.push(w);
  } else if (step.unit === 'day') {
    for (let w = Math.ceil(lo / DAY) * DAY; w <= hi; w += DAY) if (dayTicked(new Date(w).getUTCDate(), step.every)) out.push(w);
  } else {
    // Months counted from year 0, stepped by whole intervals: years divisible by `every`, months of the year divisible by it.
    const months = step.unit === 'year' ? 12 * step.every : step.every;
    const first = new Date(lo);
    const start = Math.ceil((first.getUTCFullYear() * 12 + first.getUTCMonth()) / months) * months;
    for (let m = start; ; m += months) {
      const w = Date.UTC(Math.floor(m / 12), m % 12, 1);
      if (w > hi) break;
      if (w >= lo) out.push(w);
    }
  }
  return out;
}

/** The ticks of a time axis: their instants, and each one's label. */
export interface ZonedTicks {
  ticks: Date[];
  /** A tick's label by its instant (epoch ms): Plot's `tickFormat` is called with the tick's Date. */
  labels: Map<number, string>;
}

/**
 * About `count` ticks (at least 2 where the range holds them) for instants
 * `lo`..`hi` (epoch ms), at wall-clock boundaries of `zone` — hours,
 * midnights, the 1st of a month, New Year — labelled as the static pages'
 * time axes are (site/charts/time.ts `timeTickFormat`: "14:00", "9", "Oct",
 * "2024", the day, month or year under the first tick and where it changes),
 * each from the wall-clock time of its own instant.
 */
export function zonedTicks(lo: number, hi: number, count: number, zone: string): ZonedTicks {
  const wall = wallClock(zone);
  const wallLo = wall(lo).getTime();
  const wallHi = wall(hi).getTime();
  const wanted = Math.max(2, count);
  // The finest interval giving no more than the ticks wanted; the coarsest when even it gives more.
  const step = STEPS.find((s) => (wallHi - wallLo) / s.approx <= wanted) ?? STEPS[STEPS.length - 1]!;
  const instants = new Set<number>();
  // A boundary in a spring-forward gap moves to the hour after it: one tick, not two.
  for (const w of wallBoundaries(wallLo, wallHi, step)) {
    const t = zonedWallToUtc(w, zone);
    if (t >= lo && t <= hi) instants.add(t);
  }
  const ticks = [...instants].sort((a, b) => a - b).map((t) => new Date(t));
  const walls = ticks.map((d) => wall(d.getTime()));
  const format = timeTickFormat('x');
  return { ticks, labels: new Map(ticks.map((d, i) => [d.getTime(), format(walls[i]!, i, walls)])) };
}
