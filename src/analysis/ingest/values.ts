/**
 * Cell-level cleaning shared by every format: missing markers, ids, booleans,
 * counts, entities. Missing-value markers (`NA`, `null`, `-` …) mean "empty"
 * for ids, timestamps, numbers, flags and labels; a message's text and an
 * author's name are taken as written ({@link textValue}, {@link authorValue}):
 * `null` is a real reply and a real user name.
 */

const MISSING = new Set(['', 'na', 'n/a', 'null', 'none', '-', '?', 'nan', 'undefined']);
const LONGEST_MARKER = 9;
// What String.prototype.trim removes (white space and line terminators) is what \s matches.
const SPACE = /\s/;

/** True for the usual missing-value markers (empty, NA, N/A, null, None, -, ?). */
export function isMissing(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== 'string') return false;
  // Every cell is asked: one longer than any marker is one only when spaces pad it, so most are not trimmed and lowered.
  if (value.length > LONGEST_MARKER && !SPACE.test(value[0]!) && !SPACE.test(value[value.length - 1]!)) return false;
  return MISSING.has(value.trim().toLowerCase());
}

/** A cell as a trimmed string, or null when missing. */
export function cell(value: unknown): string | null {
  if (isMissing(value)) return null;
  return typeof value === 'string' ? value.trim() : String(value);
}

/**
 * A text exactly as written: no trimming, no markers, no entity decoding
 * (formats that document an escaping undo it in map-record.ts). Null only when
 * there is nothing but whitespace.
 */
export function textValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'string' ? value : String(value);
  return text.trim() === '' ? null : text;
}

/** An author's name or handle: padding trimmed, missing-value markers kept (`null` and `NaN` are user names too). */
export function authorValue(value: unknown): string | null {
  const text = textValue(value);
  return text === null ? null : text.trim();
}

/**
 * An id as a string. Pandas writes integer ids that passed through a float
 * column as `3.0`; that suffix is not part of the id. Scientific notation
 * (`5.70306E+17`) means a spreadsheet destroyed the id, which we refuse. JSON
 * integers beyond 2^53 arrive as their digits (exact-json.ts); a number that is
 * still beyond 2^53 was written with a fraction or exponent and is refused too.
 */
export function cleanId(value: unknown): { ok: true; id: string | null } | { ok: false; detail: string } {
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
    return { ok: false, detail: `id ${value} is a number too large to be exact (written with a fraction or exponent, its last digits are lost); export ids as integers or text` };
  }
  const text = cell(value);
  if (text === null) return { ok: true, id: null };
  if (/^\d+\.0+$/.test(text)) return { ok: true, id: text.replace(/\.0+$/, '') };
  if (/^\d+(\.\d+)?e\+?\d+$/i.test(text)) return { ok: false, detail: `id "${text}" is in scientific notation (a spreadsheet rounded it); export ids as text` };
  return { ok: true, id: text };
}

/** Several ids in one cell (`"2,5,7"`), as TWCS's `response_tweet_id`. */
export function idList(value: unknown): string[] {
  const text = cell(value);
  if (!text) return [];
  return text.split(/[,;\s]+/).map((s) => s.replace(/\.0+$/, '')).filter(Boolean);
}

/** `true/false`, `TRUE/FALSE`, `yes/no`, `1/0`, `y/n`; undefined when it is none of these. */
export function parseBool(value: unknown): boolean | null | undefined {
  if (typeof value === 'boolean') return value;
  const text = cell(value);
  if (text === null) return null;
  const t = text.toLowerCase();
  if (['true', 't', 'yes', 'y', '1'].includes(t)) return true;
  if (['false', 'f', 'no', 'n', '0'].includes(t)) return false;
  return undefined;
}

/** A non-negative count (`1,234` allowed); undefined when unparseable. */
export function parseCount(value: unknown): number | null | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
  const text = cell(value);
  if (text === null) return null;
  const n = Number(text.replace(/[,_ ]/g, ''));
  return Number.isFinite(n) && n >= 0 ? Math.round(n) : undefined;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…', mdash: '—', ndash: '–', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“' };

/** Decodes HTML entities the way exports leave them (`&amp;`, `&#39;`, `&#x1F600;`). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

/** Text for ledger examples: one line, at most `max` characters. */
export function excerpt(text: string, max = 120): string {
  // Only the head is ever shown: a 200 MB field is not rewritten whole to show 120 characters of it.
  const head = text.length > max * 8 ? text.slice(0, max * 8) : text;
  const flat = head.replace(/\s+/g, ' ').trim();
  return flat.length > max || head.length < text.length ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Line feeds in a text: how line numbers advance. */
export function countLineFeeds(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** A handle compared case-insensitively without its `@`. */
export function normalizeHandle(handle: string): string {
  return handle.trim().replace(/^@/, '').toLowerCase();
}
