/**
 * Wall-clock views of UTC instants in the crisis time zone. DuckDB-WASM
 * offline has no ICU (no `TIMESTAMPTZ`, no `AT TIME ZONE`), so zone work is
 * done here with `Intl`, which follows the IANA rules including DST changes.
 */
import { zoneOffsetMinutes } from '../core/time-zones.ts';
import { zoneOffsets } from './buckets.ts';

/** Local calendar view of one instant. */
export interface LocalTime {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  hour: number;
  /** Minutes since local midnight. */
  minuteOfDay: number;
  /** Minutes east of UTC in force at that instant. */
  offsetMinutes: number;
}

const SLOT_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

/**
 * Returns a function giving the UTC offset (minutes) in `zone` at an
 * instant. Offsets are cached per 15-minute UTC slot: every zone change since
 * 1970 happens on a quarter hour, and `Intl.formatToParts` per message would
 * dominate the run time on large crises.
 */
function offsetsIn(zone: string): (ms: number) => number {
  const cache = new Map<number, number>();
  return (ms: number) => {
    const slot = Math.floor(ms / SLOT_MS);
    let offset = cache.get(slot);
    if (offset === undefined) {
      offset = zone === 'UTC' ? 0 : zoneOffsetMinutes(slot * SLOT_MS, zone);
      cache.set(slot, offset);
    }
    return offset;
  };
}

/** Returns a function mapping epoch ms to local time in `zone` (offsets cached per 15-minute slot, as above). */
export function localTimeIn(zone: string): (ms: number) => LocalTime {
  const offsetOf = offsetsIn(zone);
  return (ms: number) => {
    const offset = offsetOf(ms);
    const local = new Date(ms + offset * 60_000);
    const hour = local.getUTCHours();
    return { weekday: ((local.getUTCDay() + 6) % 7) + 1, hour, minuteOfDay: hour * 60 + local.getUTCMinutes(), offsetMinutes: offset };
  };
}

/** Minutes in a week: {@link minuteOfWeekIn} returns 0 … MINUTES_PER_WEEK − 1. */
export const MINUTES_PER_WEEK = 7 * 1440;

/**
 * Returns a function mapping epoch ms (whole milliseconds) to the minute of
 * the local week in `zone`: (ISO weekday − 1) × 1440 + minute of the day, the
 * same instant {@link localTimeIn} describes, with no object per call — for
 * loops over every message.
 */
export function minuteOfWeekIn(zone: string): (ms: number) => number {
  const offsetOf = offsetsIn(zone);
  return (ms: number) => {
    const local = ms + offsetOf(ms) * 60_000;
    const day = Math.floor(local / DAY_MS);
    // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday = 0.
    const weekday = (((day + 3) % 7) + 7) % 7;
    return weekday * 1440 + Math.floor((local - day * DAY_MS) / 60_000);
  };
}

/**
 * SQL for {@link minuteOfWeekIn} of a TIMESTAMP column, exact for instants in
 * `[start, end]` (epoch ms). The zone's offset changes over the span come
 * from {@link zoneOffsets}; each takes effect from the first 15-minute slot
 * starting at or after it, as the slot cache of {@link minuteOfWeekIn} sees
 * it (the same instant for every real zone change since 1970).
 */
export function minuteOfWeekSql(zone: string, column: string, start: number, end: number): string {
  const t = `epoch_ms(${column})`;
  const { from, minutes } = zone === 'UTC' ? { from: [-Infinity], minutes: [0] } : zoneOffsets(zone, start, end);
  const offset =
    from.length === 1
      ? String(minutes[0])
      : `CASE ${from
          .slice(1)
          .map((f, i) => `WHEN ${t} < ${Math.ceil(f / SLOT_MS) * SLOT_MS} THEN ${minutes[i]}`)
          .join(' ')} ELSE ${minutes[minutes.length - 1]} END`;
  const local = `(${t} + (${offset}) * 60000)`;
  const day = `floor(${local} / ${DAY_MS})`;
  return `CAST(((((${day} + 3) % 7) + 7) % 7) * 1440 + floor((${local} - ${day} * ${DAY_MS}) / 60000) AS INTEGER)`;
}

/** Business hours as configured in crisis.yaml. */
export interface BusinessHours {
  days: number[];
  start: string;
  end: string;
}

/**
 * Returns a predicate: is a local time inside business hours? `HH:mm` bounds,
 * start inclusive, end exclusive; `24:00` means midnight at the end of the
 * day. When start is after end (a night shift) the window wraps midnight and
 * the weekday of the local time decides.
 */
export function businessHoursPredicate(hours: BusinessHours): (t: LocalTime) => boolean {
  const minutes = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    return h * 60 + m;
  };
  const start = minutes(hours.start);
  const end = minutes(hours.end);
  const days = new Set(hours.days);
  return (t) => {
    if (!days.has(t.weekday)) return false;
    if (start === end) return true;
    return start < end ? t.minuteOfDay >= start && t.minuteOfDay < end : t.minuteOfDay >= start || t.minuteOfDay < end;
  };
}

/** {@link businessHoursPredicate} as a table by minute of the week (see {@link minuteOfWeekIn}): 1 inside, 0 outside. */
export function businessMinutes(hours: BusinessHours): Uint8Array {
  const inside = businessHoursPredicate(hours);
  const out = new Uint8Array(MINUTES_PER_WEEK);
  for (let i = 0; i < MINUTES_PER_WEEK; i++) {
    const minuteOfDay = i % 1440;
    out[i] = inside({ weekday: Math.floor(i / 1440) + 1, hour: Math.floor(minuteOfDay / 60), minuteOfDay, offsetMinutes: 0 }) ? 1 : 0;
  }
  return out;
}
