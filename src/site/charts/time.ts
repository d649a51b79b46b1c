/**
 * Time axes in the crisis time zone. Plot formats `utc` scales in UTC, so a
 * chart shows an instant shifted by the zone's offset at that instant (its
 * wall-clock time "as if UTC"): ticks then read as local time whatever the
 * zone of the machine that builds the site.
 */
import { localTimeIn } from '../../analysis/crisis/local-time.ts';
import { zoneLabel } from '../format.ts';

/** Returns a function mapping an ISO instant (or epoch ms) to its wall-clock time in `zone`, as a UTC Date. */
export function wallClock(zone: string): (t: string | number) => Date {
  const local = localTimeIn(zone);
  return (t) => {
    const ms = typeof t === 'number' ? t : Date.parse(t);
    return new Date(ms + local(ms).offsetMinutes * 60_000);
  };
}

/** `2015-02-24 11:42` from a wall-clock Date (for CSV columns next to the UTC instant). */
export function wallClockText(d: Date): string {
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Returns a function giving `2015-02-24 11:42 CST` for an instant: its
 * wall-clock time in `zone` with the abbreviation in force then, so the hour
 * repeated when clocks go back reads twice, once `EDT` and once `EST`.
 */
export function localTimeText(zone: string): (t: string | number) => string {
  const local = wallClock(zone);
  return (t) => `${wallClockText(local(t))} ${zoneLabel(zone, t)}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** The finest calendar unit any of `ticks` needs (all at midnight: days; all on the 1st: months …). */
function tickUnit(ticks: readonly Date[]): 'second' | 'minute' | 'day' | 'month' | 'year' {
  if (ticks.some((d) => d.getUTCSeconds() || d.getUTCMilliseconds())) return 'second';
  if (ticks.some((d) => d.getUTCHours() || d.getUTCMinutes())) return 'minute';
  if (ticks.some((d) => d.getUTCDate() !== 1)) return 'day';
  if (ticks.some((d) => d.getUTCMonth())) return 'month';
  return 'year';
}

/** A tick's own text and its context (the day of a time, the month of a day, the year of a month). */
function tickParts(d: Date, unit: ReturnType<typeof tickUnit>): [string, string] {
  const day = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  if (unit === 'second') return [`${clock}:${pad(d.getUTCSeconds())}`, day];
  if (unit === 'minute') return [clock, day];
  if (unit === 'day') return [String(d.getUTCDate()), MONTHS[d.getUTCMonth()]!];
  if (unit === 'month') return [MONTHS[d.getUTCMonth()]!, String(d.getUTCFullYear())];
  return [String(d.getUTCFullYear()), ''];
}

/**
 * Tick labels of a wall-clock time axis (see {@link wallClock}): 24-hour
 * times ("14:00"), days as "9", months as "Oct", years as "2024", with the
 * day, month or year under the first tick and wherever it changes, as
 * Plot's own time axes do but never in 12-hour time. `axis: 'y'` writes
 * both on one line ("9 Oct 14:00"), as a vertical axis has room across.
 * For Plot's `tickFormat`, which passes each tick, its index and (mapping
 * the array of ticks) all ticks.
 */
export function timeTickFormat(axis: 'x' | 'y' = 'x'): (d: Date, i: number, ticks?: readonly Date[]) => string {
  // Plot maps the ticks array, so `ticks` is there; without it a tick is read on its own.
  return (d, i, ticks = [d]) => {
    const unit = tickUnit(ticks);
    const [own, context] = tickParts(d, unit);
    if (!context) return own;
    if (axis === 'y') return unit === 'day' || unit === 'month' ? `${own} ${context}` : `${context} ${own}`;
    const previous = i > 0 ? ticks[i - 1] : undefined;
    return previous && tickParts(previous, unit)[1] === context ? own : `${own}\n${context}`;
  };
}
