/**
 * How numbers, shares, durations and times read on the site. One place, so
 * a KPI tile, a notebook's inline `<Kpi>` and the browser test that compares
 * them with report.json all agree. English, fixed locale: the build must not
 * depend on the machine it runs on.
 */

import { zoneOffsets } from '../analysis/crisis/buckets.ts';

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

/** `24 Feb 2015, 11:42` in `zone`, without the zone's name. */
function clock(t: TimeInput, zone: string): string {
  return formatter(zone, true).format(toDate(t));
}

/**
 * `24 Feb 2015, 11:42 CST`: the time in the given IANA zone with the
 * abbreviation in force at that instant (EST before a spring switch, EDT
 * after), so no time on a page can be read in the wrong zone.
 */
export function formatDateTime(t: TimeInput, zone = 'UTC'): string {
  return `${clock(t, zone)} ${zoneLabel(zone, t)}`;
}

/** `24 Feb 2015`: the calendar date in the given zone (for tables whose heading names the zone, and calendar dates). */
export function formatDate(t: TimeInput, zone = 'UTC'): string {
  return formatter(zone, false).format(toDate(t));
}

/** `24 Feb 2015 CST`: the date of an instant in `zone`, with the abbreviation in force then. */
export function formatZonedDate(t: TimeInput, zone = 'UTC'): string {
  return `${formatDate(t, zone)} ${zoneLabel(zone, t)}`;
}

/**
 * `17–24 Feb 2015 CST` (two full dates across months or years). When the
 * zone's abbreviation changes between the two ends (a switch to or from
 * summer time), each end carries its own: `18 Feb 2019 EST – 27 Apr 2019 EDT`.
 */
export function formatDateRange(start: TimeInput | null, end: TimeInput | null, zone = 'UTC'): string {
  if (start === null || end === null) return 'no data';
  const a = formatDate(start, zone);
  const b = formatDate(end, zone);
  const la = zoneLabel(zone, start);
  const lb = zoneLabel(zone, end);
  if (la !== lb) return `${a} ${la} – ${b} ${lb}`;
  if (a === b) return `${a} ${la}`;
  const [da, ma, ya] = a.split(' ');
  const [db, mb, yb] = b.split(' ');
  if (ya === yb && ma === mb) return `${da}–${db} ${mb} ${yb} ${la}`;
  if (ya === yb) return `${da} ${ma} – ${db} ${mb} ${yb} ${la}`;
  return `${a} – ${b} ${la}`;
}

const labelFormatters = new Map<string, Intl.DateTimeFormat>();
function zoneNameIn(locale: string, zone: string, at: Date): string {
  const key = `${locale}|${zone}`;
  let f = labelFormatters.get(key);
  if (!f) labelFormatters.set(key, (f = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' })));
  return f.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

const GMT_OFFSET = /^GMT[+-]/;

/**
 * Abbreviation of `zone` in force at the instant `at`: `America/New_York` →
 * `EST` in winter and `EDT` in summer. US zones are named as en-US names
 * them, European ones as en-GB does (`CET`/`CEST`, `GMT`/`BST`); a zone with
 * no common abbreviation gets its offset then, `UTC+5:30`.
 */
export function zoneLabel(zone: string, at: TimeInput): string {
  if (zone === 'UTC') return 'UTC';
  const d = toDate(at);
  const us = zoneNameIn('en-US', zone, d);
  if (!GMT_OFFSET.test(us)) return us || zone;
  const gb = zoneNameIn('en-GB', zone, d);
  return GMT_OFFSET.test(gb) ? gb.replace(/^GMT/, 'UTC') : gb;
}

/**
 * The zone of a period, for "times in …": `America/Chicago (CST)`, and when
 * the abbreviation changes within the period, every change with its local
 * time: `America/New_York (EST; EDT from 10 Mar 2019, 03:00)`.
 */
export function zoneNote(zone: string, start: TimeInput | null, end: TimeInput | null): string {
  if (zone === 'UTC') return 'UTC';
  if (start === null || end === null) return zone;
  const from = toDate(start).getTime();
  const to = toDate(end).getTime();
  let label = zoneLabel(zone, from);
  const parts = [label];
  for (const at of zoneOffsets(zone, from, to).from) {
    if (!(at > from && at <= to) || zoneLabel(zone, at) === label) continue;
    label = zoneLabel(zone, at);
    parts.push(`${label} from ${clock(at, zone)}`);
  }
  return `${zone} (${parts.join('; ')})`;
}

/** `2024-05-01`: today's date in `zone` (whether an action is past due where the crisis happened). */
export function localDate(t: TimeInput, zone = 'UTC'): string {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return f.format(toDate(t));
}

/** Pluralises a count: `plural(1, 'message')` → `1 message`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${formatNumber(n)} ${n === 1 ? word : many}`;
}

/** `not measurable — the export contains no brand replies`: how every page says a figure is not measurable (never 0). */
export function formatNotMeasurable(reason: string): string {
  return `not measurable — ${reason}`;
}
