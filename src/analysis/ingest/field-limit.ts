/**
 * The field size limit: a field larger than `limits.maxFieldBytes` (UTF-8
 * bytes; default 1 MiB, DEFAULT_MAX_FIELD_BYTES in crisis-config.ts) rejects
 * its record with its `file:line`. A tweet is under 1 KB and a long complaint
 * narrative a few tens; a field of hundreds of megabytes is a broken export
 * (an unclosed quote swallowing the file) or an attack, and carried on it
 * would exhaust memory in the language analyses.
 */

/** Ledger reason for a record with an oversized field. */
export const FIELD_TOO_LARGE = 'field too large';

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
  const n = (x: number) => x.toLocaleString('en-US');
  return `${field.name} is ${n(field.bytes)} bytes, over the limit of ${n(maxBytes)} bytes per field (limits.maxFieldBytes in crisis.yaml)`;
}
