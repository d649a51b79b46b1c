/**
 * How numbers, shares, durations and times read on the site. One place, so
 * a KPI tile, a notebook's inline `<Kpi>` and the browser test that compares
 * them with report.json all agree. English, fixed locale: the build must not
 * depend on the machine it runs on.
 */

const LOCALE = 'en-US';

/** `12,345`; fractions keep up to `digits` decimals. */
export function formatNumber(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return '–';
  return value.toLocaleString(LOCALE, { maximumFractionDigits: Number.isInteger(value) ? 0 : digits });
}

/** A 0–1 share as a percentage: `0.237` → `24%` (one decimal under 10%). */
export function formatShare(share: number): string {
  if (!Number.isFinite(share)) return '–';
  const pct = share * 100;
  const digits = pct !== 0 && Math.abs(pct) < 10 ? 1 : 0;
  return `${pct.toLocaleString(LOCALE, { maximumFractionDigits: digits, minimumFractionDigits: 0 })}%`;
}

/** Minutes as a readable duration: `42 min`, `3.5 h`, `2.1 d`. */
export function formatMinutes(minutes: number): string {
  if (!Number.isFinite(minutes)) return '–';
  const abs = Math.abs(minutes);
  if (abs < 1) return `${Math.round(minutes * 60)} s`;
  if (abs < 90) return `${formatNumber(Math.round(minutes * 10) / 10)} min`;
  if (abs < 48 * 60) return `${formatNumber(Math.round((minutes / 60) * 10) / 10)} h`;
  return `${formatNumber(Math.round((minutes / 1440) * 10) / 10)} d`;
}

type TimeInput = string | number | Date;

function toDate(t: TimeInput): Date {
  return t instanceof Date ? t : new Date(t);
}

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, withTime: boolean, withYear = true): Intl.DateTimeFormat {
  const key = `${zone}|${withTime}|${withYear}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      day: 'numeric',
      month: 'short',
      ...(withYear ? { year: 'numeric' } : {}),
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    });
    cache.set(key, f);
  }
  return f;
}

/** `24 Feb 2015, 11:42` in the given IANA zone. */
export function formatDateTime(t: TimeInput, zone = 'UTC'): string {
  return formatter(zone, true).format(toDate(t));
}

/** `24 Feb 2015` in the given zone. */
export function formatDate(t: TimeInput, zone = 'UTC'): string {
  return formatter(zone, false).format(toDate(t));
}

/** `17–24 Feb 2015` style range (falls back to two full dates across months/years). */
export function formatDateRange(start: TimeInput | null, end: TimeInput | null, zone = 'UTC'): string {
  if (start === null || end === null) return 'no data';
  const a = formatDate(start, zone);
  const b = formatDate(end, zone);
  if (a === b) return a;
  const [da, ma, ya] = a.split(' ');
  const [db, mb, yb] = b.split(' ');
  if (ya === yb && ma === mb) return `${da}–${db} ${mb} ${yb}`;
  if (ya === yb) return `${da} ${ma} – ${db} ${mb} ${yb}`;
  return `${a} – ${b}`;
}

/** Short zone name for labels: `America/Chicago` → `CST`/`CDT` at that time, else the IANA name. */
export function zoneLabel(zone: string, at: TimeInput = Date.now()): string {
  if (zone === 'UTC') return 'UTC';
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }).formatToParts(toDate(at)).find((p) => p.type === 'timeZoneName');
  return part && !/^GMT[+-]/.test(part.value) ? part.value : zone;
}

/** Pluralises a count: `plural(1, 'message')` → `1 message`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${formatNumber(n)} ${n === 1 ? word : many}`;
}
