/**
 * The field size limit: a field larger than `limits.maxFieldBytes` (UTF-8
 * bytes; default 1 MiB, DEFAULT_MAX_FIELD_BYTES in crisis-config.ts) rejects
 * its record with its `file:line`. A tweet is under 1 KB and a long complaint
 * narrative a few tens; a field of hundreds of megabytes is a broken export
 * (an unclosed quote swallowing the file) or an attack, and carried on it
 * would exhaust memory in the language analyses.
 */

/** Ledger reason for a record with an oversized field, or a record over the record cap (recordCharCap). */
export const FIELD_TOO_LARGE = 'field too large';

/** The ledger reason of a record whose quoted field is never closed. */
export const UNTERMINATED_QUOTE = 'unterminated quote';

/**
 * The most characters one record (a CSV record, an NDJSON line) may hold by
 * default; a longer one is skipped unread and rejected. 64 Mi: 64 times the
 * default field limit, so only an unclosed quote or a broken export gets here,
 * and small enough to hold in memory while it is parsed (decoded text takes two
 * bytes a character: 128 MB; a 600 MB field costs ~400 MB of RSS in all).
 */
export const MAX_RECORD_CHARS = 64 * 1024 * 1024;
/** The cap never passes half V8's maximum string length (2^29 − 24 UTF-16 units), whatever the field limit. */
const RECORD_CHARS_CEILING = 256 * 1024 * 1024;

/**
 * The record cap for a field limit: MAX_RECORD_CHARS, or room for two fields
 * at a raised limits.maxFieldBytes (a field has no more characters than UTF-8
 * bytes), at most 256 Mi.
 */
export function recordCharCap(maxFieldBytes: number): number {
  return Math.min(RECORD_CHARS_CEILING, Math.max(MAX_RECORD_CHARS, 2 * maxFieldBytes));
}

/** UTF-8 length of a string, as TextEncoder would write it (a lone surrogate counts as U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The first string value over `maxBytes` UTF-8 bytes, as `{ name, bytes }`, or
 * null. Only values longer than a third of the limit in UTF-16 units are
 * measured (no unit takes more than 3 bytes), so the usual record costs one
 * length comparison per field.
 */
export function oversizedField(values: readonly unknown[], names: readonly string[], maxBytes: number): { name: string; bytes: number } | null {
  const cheap = Math.floor(maxBytes / 3);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'string' || v.length <= cheap) continue;
    const bytes = utf8Length(v);
    if (bytes > maxBytes) return { name: names[i] ?? `field ${i + 1}`, bytes };
  }
  return null;
}

/** The ledger detail for an oversized field. */
export function oversizedDetail(field: { name: string; bytes: number }, maxBytes: number): string {
  return `${field.name} is ${thousands(field.bytes)} bytes, over the limit of ${thousands(maxBytes)} bytes per field (limits.maxFieldBytes in crisis.yaml)`;
}

/** Thousands separated, as every ledger detail writes counts. */
export function thousands(n: number): string {
  return n.toLocaleString('en-US');
}

/** The ledger detail for a record over MAX_RECORD_CHARS, skipped unread. */
export function oversizedRecordDetail(what: string, line: number, chars: number, lines: number, cap: number): string {
  const span = lines > 1 ? ` (${thousands(lines)} lines)` : '';
  return `${what} starting on line ${thousands(line)} is ${thousands(chars)} characters${span}, over the ${thousands(cap)} one record may hold (an unclosed quote or a field far over limits.maxFieldBytes); it is rejected unread and reading continues after it`;
}
