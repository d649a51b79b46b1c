/**
 * Wall-clock views of UTC instants in the crisis time zone. DuckDB-WASM
 * offline has no ICU (no `TIMESTAMPTZ`, no `AT TIME ZONE`), so zone work is
 * done here with `Intl`, which follows the IANA rules including DST changes.
 */
import { zoneOffsetMinutes } from '../ingest/timestamps.ts';

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

/**
 * Returns a function mapping epoch ms to local time in `zone`. Offsets are
 * cached per 15-minute UTC slot: every zone change since 1970 happens on a
 * quarter hour, and `Intl.formatToParts` per message would dominate the run
 * time on large crises.
 */
export function localTimeIn(zone: string): (ms: number) => LocalTime {
  const cache = new Map<number, number>();
  return (ms: number) => {
    const slot = Math.floor(ms / SLOT_MS);
    let offset = cache.get(slot);
    if (offset === undefined) {
      offset = zone === 'UTC' ? 0 : zoneOffsetMinutes(slot * SLOT_MS, zone);
      cache.set(slot, offset);
    }
    const local = new Date(ms + offset * 60_000);
    const hour = local.getUTCHours();
    return { weekday: ((local.getUTCDay() + 6) % 7) + 1, hour, minuteOfDay: hour * 60 + local.getUTCMinutes(), offsetMinutes: offset };
  };
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
