/**
 * Strings that hold only their own characters. A field V8 cuts out of a
 * parsed chunk (13 characters or more) is a view into that chunk: one kept
 * id or text keeps the whole chunk alive, as two bytes per character as soon
 * as the chunk holds one character beyond Latin-1 (an emoji, a curly quote).
 * A copy made through a codec stands alone, one byte per character when its
 * own characters allow: a live message of a realistic 300k-post crisis went
 * from 709 to 476 bytes.
 */

const COPIED_BELOW = 13;
const SURROGATE = /[\ud800-\udfff]/;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
/**
 * One buffer every copy goes through. Node's `Buffer.from`, used before, took each string's bytes from a pool of
 * 8 KiB that it replaces when full: a million posts' fields made about 25,000 of them, and V8 starts a marking of
 * its whole heap for about every 64 MB of new buffers (three while a million posts were read).
 */
let scratch = new Uint8Array(1 << 16);
/** Longer strings (a rare huge field) go through a buffer of their own, not kept. */
const SCRATCH_MAX = 1 << 20;

/** `s` as a string of its own (a copy when V8 might have made it a view into a larger string). */
export function ownString(s: string): string {
  if (s.length < COPIED_BELOW) return s;
  // A round trip through UTF-8 is the fastest copy (a million 170-character lines, with the check below: 0.49–0.52 s,
  // against 0.59–0.61 s through Buffer.from), but UTF-8 has no lone surrogate (a tweet cut inside an emoji) and
  // would replace it: text with surrogates goes through JSON (about 0.7 µs), which keeps every code unit.
  if (SURROGATE.test(s)) return JSON.parse(JSON.stringify(s)) as string;
  // A UTF-16 unit takes at most 3 bytes of UTF-8: the buffer always holds the whole string.
  const need = s.length * 3;
  if (need > scratch.length && need <= SCRATCH_MAX) scratch = new Uint8Array(SCRATCH_MAX);
  const bytes = need <= scratch.length ? scratch : new Uint8Array(need);
  return decoder.decode(bytes.subarray(0, encoder.encodeInto(s, bytes).written));
}

/** `s` as {@link ownString}, null kept. */
export function ownStringOrNull(s: string | null): string | null {
  return s === null ? null : ownString(s);
}
