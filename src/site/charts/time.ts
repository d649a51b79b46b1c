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
