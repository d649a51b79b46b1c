/**
 * Timestamp parsing for exports: ISO 8601, Twitter's `Tue Oct 31 22:10:47 +0000 2017`,
 * `2015-02-24 11:35:52 -0800`, `YYYY/M/D`, US `M/D/YYYY`, European `DD.MM.YYYY`,
 * `YYYYMMDD`, RFC 2822, epoch seconds/milliseconds, and explicit `dateFormat`s.
 * Wall times without an offset are read in a time zone through `Intl`
 * (DuckDB-WASM cannot load ICU offline, so zone work stays in TypeScript).
 */
import { zonedWallToUtc } from '../core/time-zones.ts';

export type TimestampResult = { ok: true; ms: number } | { ok: false; reason: 'unparseable timestamp' | 'impossible date'; detail: string };

export interface TimestampOptions {
  /** Day.js-style tokens: YYYY MM M DD D HH H hh h mm ss SSS A MMM Z. */
  format?: string;
  /** IANA zone for wall times that carry no offset; default UTC. */
  zone?: string;
}

interface Parts {
  y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number;
  /** Minutes east of UTC, when the text says. */
  offset?: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const OFFSET = String.raw`(Z|UTC|GMT|[+-]\d{2}:?\d{2})`;
const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?`;

const PATTERNS: { re: RegExp; parts: (m: RegExpMatchArray) => Parts }[] = [
  // 2017-10-31T22:10:47.123Z, 2015-02-24 11:35:52 -0800, 2019/1/9, 2019-01-09
  {
    re: new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]${TIME})?\s*${OFFSET}?$`, 'i'),
    parts: (m) => ({ y: +m[1], mo: +m[2], d: +m[3], ...time(m, 4), offset: offset(m[8]) }),
  },
  // Tue Oct 31 22:10:47 +0000 2017
  {
    re: new RegExp(String.raw`^[a-z]{3} ([a-z]{3}) (\d{1,2}) ${TIME} ${OFFSET} (\d{4})$`, 'i'),
    parts: (m) => ({ y: +m[8], mo: month(m[1]), d: +m[2], ...time(m, 3), offset: offset(m[7]) }),
  },
  // Tue, 31 Oct 2017 22:10:47 +0000 (RFC 2822)
  {
    re: new RegExp(String.raw`^(?:[a-z]{3},? )?(\d{1,2}) ([a-z]{3}) (\d{4}) ${TIME}\s*${OFFSET}?$`, 'i'),
    parts: (m) => ({ y: +m[3], mo: month(m[2]), d: +m[1], ...time(m, 4), offset: offset(m[8]) }),
  },
  // 3/18/2020 1:05 PM (US exports write month first)
  {
    re: new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})(?:,? ${TIME}(?:\s*([AP]M))?)?$`, 'i'),
    parts: (m) => ({ y: +m[3], mo: +m[1], d: +m[2], ...time(m, 4, m[8]) }),
  },
  // 31.10.2017 22:10 (European exports write day first)
  {
    re: new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,? ${TIME})?$`),
    parts: (m) => ({ y: +m[3], mo: +m[2], d: +m[1], ...time(m, 4) }),
  },
  // 19950103 (NHTSA), 20171031221047
  {
    re: /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/,
    parts: (m) => ({ y: +m[1], mo: +m[2], d: +m[3], h: +(m[4] ?? 0), mi: +(m[5] ?? 0), s: +(m[6] ?? 0), ms: 0 }),
  },
];

/** Parses one timestamp string into epoch milliseconds (UTC). */
export function parseTimestamp(raw: string, options: TimestampOptions = {}): TimestampResult {
  const text = raw.trim();
  let parts: Parts | undefined;
  if (options.format) {
    parts = compileFormat(options.format)(text);
    if (!parts) return { ok: false, reason: 'unparseable timestamp', detail: `"${clip(text)}" does not match dateFormat "${options.format}"` };
  } else if ((parts = twitterParts(text)) !== undefined) {
    // Read by character: X's own form, in every record of an X export.
  } else if (/^\d{10}(\.\d+)?$|^\d{13}$/.test(text)) {
    // Epoch seconds or milliseconds: 10 digits covers 2001–2286, 13 digits the same in ms.
    return { ok: true, ms: text.length === 13 ? Number(text) : Math.round(Number(text) * 1000) };
  } else {
    for (const p of PATTERNS) {
      const m = text.match(p.re);
      if (m) {
        parts = p.parts(m);
        break;
      }
    }
    if (!parts) {
      const hint = suggestDateFormat(text);
      return { ok: false, reason: 'unparseable timestamp', detail: `"${clip(text)}" is not a date/time format Debrief knows; set dateFormat for this source${hint ? `, e.g. dateFormat: ${hint}` : ''}` };
    }
  }
  const problem = impossible(parts);
  if (problem) {
    // `29/2/2016` read month first (the US way) is impossible; say how to read it day first.
    const hint = options.format ? null : suggestDateFormat(text);
    return { ok: false, reason: 'impossible date', detail: `"${clip(text)}": ${problem}${hint ? `; set dateFormat for this source, e.g. dateFormat: ${hint}` : ''}` };
  }
  const wall = Date.UTC(parts.y, parts.mo - 1, parts.d, parts.h, parts.mi, parts.s, parts.ms);
  if (parts.offset !== undefined) return { ok: true, ms: wall - parts.offset * 60_000 };
  return { ok: true, ms: options.zone && options.zone !== 'UTC' ? zonedWallToUtc(wall, options.zone) : wall };
}

/**
 * A `dateFormat` that reads `text`, for the error message, when it is a
 * numeric date with the year last (`29-02-2016 01:16`, `29 02 2016`), which
 * auto-detection leaves alone: with `-` or a space between the parts, day
 * first and month first look the same, and guessing per value would swap
 * day and month silently for the first twelve days of every month. Which
 * comes first is told by a part above 12; when neither is, both readings are
 * offered. Null when no simple format fits.
 */
export function suggestDateFormat(text: string): string | null {
  const m = text.trim().match(/^(\d{1,2})([-/. ])(\d{1,2})\2(\d{4})(?:([ T]|, )(\d{1,2}):(\d{2})(:\d{2})?(?: ?([AaPp][Mm]))?)?$/);
  if (!m) return null;
  const [, a, sep, b, , gap, , , seconds, meridiem] = m;
  const time = gap === undefined ? '' : `${gap}${meridiem ? 'h' : 'H'}:mm${seconds ? ':ss' : ''}${meridiem ? (text.includes(` ${meridiem}`) ? ' A' : 'A') : ''}`;
  // Only formats that read this very text as a date that exists (31.02.2024 stays impossible either way).
  const reads = (format: string) => {
    const parts = compileFormat(format)(text.trim());
    return !!parts && !impossible(parts);
  };
  const dayFirst = `D${sep}M${sep}YYYY${time}`;
  const monthFirst = `M${sep}D${sep}YYYY${time}`;
  const day = reads(dayFirst);
  const month = reads(monthFirst);
  if (day && month) return `"${dayFirst}" (or "${monthFirst}" when the month comes first)`;
  return day ? `"${dayFirst}"` : month ? `"${monthFirst}"` : null;
}

/** The characters of `Tue Oct 31 22:10:47 +0000 2017`: a letter, a digit, a sign, or themselves. */
const TWITTER_SHAPE = 'aaa aaa dd dd:dd:dd sdddd dddd';

/**
 * The parts of a timestamp written as X writes them, `Tue Oct 31 22:10:47
 * +0000 2017`, read by character codes; undefined for any other text (the
 * patterns read it, this form included when written otherwise, as with a
 * one-digit day). The same parts as the pattern's: a million records made a
 * match array and its strings each (1.1 s of a million posts' reading).
 */
function twitterParts(text: string): Parts | undefined {
  if (text.length !== TWITTER_SHAPE.length) return undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const want = TWITTER_SHAPE.charCodeAt(i);
    const ok =
      want === 97 ? (c >= 65 && c <= 90) || (c >= 97 && c <= 122) : want === 100 ? c >= 48 && c <= 57 : want === 115 ? c === 43 || c === 45 : c === want;
    if (!ok) return undefined;
  }
  const sign = text.charCodeAt(20) === 45 ? -1 : 1;
  return {
    y: digitsAt(text, 26, 4),
    mo: month(text.slice(4, 7)),
    d: digitsAt(text, 8, 2),
    h: digitsAt(text, 11, 2),
    mi: digitsAt(text, 14, 2),
    s: digitsAt(text, 17, 2),
    ms: 0,
    offset: sign * (digitsAt(text, 21, 2) * 60 + digitsAt(text, 23, 2)),
  };
}

/** The number written by the `n` ASCII digits of `text` from `from`. */
function digitsAt(text: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) v = v * 10 + (text.charCodeAt(i) - 48);
  return v;
}

function time(m: RegExpMatchArray, i: number, meridiem?: string): Pick<Parts, 'h' | 'mi' | 's' | 'ms'> {
  let h = m[i] === undefined ? 0 : +m[i];
  if (meridiem) {
    const pm = meridiem.toUpperCase() === 'PM';
    if (h === 12) h = pm ? 12 : 0;
    else if (pm) h += 12;
  }
  const frac = m[i + 3];
  return { h, mi: m[i + 1] === undefined ? 0 : +m[i + 1], s: m[i + 2] === undefined ? 0 : +m[i + 2], ms: frac ? Math.round(+`0.${frac}` * 1000) : 0 };
}

function offset(text: string | undefined): number | undefined {
  if (!text) return undefined;
  if (/^(z|utc|gmt)$/i.test(text)) return 0;
  const digits = text.replace(':', '');
  const sign = digits[0] === '-' ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}

function month(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days of month `mo` (1–12) of year `y`, as `Date.UTC` counts them (it reads years 0–99 as 1900–1999): no Date made per value. */
function daysInMonth(y: number, mo: number): number {
  const year = y >= 0 && y <= 99 ? 1900 + y : y;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return mo === 2 && leap ? 29 : MONTH_DAYS[mo - 1]!;
}

function impossible(p: Parts): string | null {
  if (!(p.mo >= 1 && p.mo <= 12)) return `month ${p.mo} does not exist`;
  const days = daysInMonth(p.y, p.mo);
  if (!(p.d >= 1 && p.d <= days)) return `day ${p.d} does not exist in ${p.y}-${String(p.mo).padStart(2, '0')}`;
  if (p.h > 23 || p.mi > 59 || p.s > 60) return `time ${p.h}:${p.mi}:${p.s} does not exist`;
  if (p.y < 1970 || p.y > 2100) return `year ${p.y} is outside 1970–2100`;
  return null;
}

const formatCache = new Map<string, (text: string) => Parts | undefined>();

/** Turns a Day.js-style format into a parser; unknown letters must match literally. */
function compileFormat(format: string): (text: string) => Parts | undefined {
  const cached = formatCache.get(format);
  if (cached) return cached;
  const tokens: string[] = [];
  const source = format.replace(/YYYY|MMM|MM|M|DD|D|HH|H|hh|h|mm|ss|SSS|A|Z|[.*+?^${}()|[\]\\]/g, (t) => {
    const groups: Record<string, string> = {
      YYYY: String.raw`(\d{4})`, MMM: '([A-Za-z]{3})', MM: String.raw`(\d{2})`, M: String.raw`(\d{1,2})`, DD: String.raw`(\d{2})`, D: String.raw`(\d{1,2})`,
      HH: String.raw`(\d{2})`, H: String.raw`(\d{1,2})`, hh: String.raw`(\d{2})`, h: String.raw`(\d{1,2})`, mm: String.raw`(\d{2})`, ss: String.raw`(\d{2})`,
      SSS: String.raw`(\d{3})`, A: '([AaPp][Mm])', Z: String.raw`(Z|[+-]\d{2}:?\d{2})`,
    };
    if (groups[t]) {
      tokens.push(t);
      return groups[t];
    }
    return '\\' + t;
  });
  const re = new RegExp(`^${source}$`);
  const parse = (text: string): Parts | undefined => {
    const m = text.match(re);
    if (!m) return undefined;
    const p: Parts = { y: 1970, mo: 1, d: 1, h: 0, mi: 0, s: 0, ms: 0 };
    let meridiem: string | undefined;
    tokens.forEach((t, i) => {
      const v = m[i + 1];
      if (t === 'YYYY') p.y = +v;
      else if (t === 'MMM') p.mo = month(v);
      else if (t === 'MM' || t === 'M') p.mo = +v;
      else if (t === 'DD' || t === 'D') p.d = +v;
      else if (t === 'HH' || t === 'H' || t === 'hh' || t === 'h') p.h = +v;
      else if (t === 'mm') p.mi = +v;
      else if (t === 'ss') p.s = +v;
      else if (t === 'SSS') p.ms = +v;
      else if (t === 'A') meridiem = v;
      else if (t === 'Z') p.offset = offset(v);
    });
    if (meridiem) p.h = (p.h % 12) + (meridiem.toUpperCase() === 'PM' ? 12 : 0);
    return p;
  };
  formatCache.set(format, parse);
  return parse;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
