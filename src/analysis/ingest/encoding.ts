/**
 * Bytes → text. UTF-8 (with or without BOM) and UTF-16 with a BOM are decoded;
 * anything else is refused with the line where it stops being UTF-8, unless the
 * source says `encoding: latin1` (Windows-1252, which is what "Latin-1" exports are).
 * Loading mojibake silently is never an option.
 */
import { IngestError, type FileSource } from './source.ts';
import { countLineFeeds } from './values.ts';

export type Encoding = 'utf-8' | 'latin1' | 'utf-16le' | 'utf-16be';

/**
 * Bytes decoded at a time: at most 491,520 UTF-16 units, under the 1,031,913 bytes past which Node makes a decoded
 * string *external* (its characters outside V8's heap). Why: a decoded piece lives while its records are parsed,
 * long enough to reach the old generation, where only a full collection frees it, and V8 counts an external one as
 * external memory, starting a full marking of the whole heap for about every 64 MB of them. Decoded a mebibyte at a
 * time, three million posts started 15 of the reading's 19 full markings that way (2 in these pieces), and ten
 * million posts' reading made 56 full collections, each marking every message read so far (docs/scaling.md).
 */
export const DECODE_PIECE = 480 * 1024;

/** Decoded text of a source, in pieces of at most {@link DECODE_PIECE} bytes, with its BOM removed. */
export async function* decodeSource(source: FileSource, declared?: 'latin1' | 'utf-8'): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let lines = 1;
  let lastByteOffset = 0;
  for await (const bytes of source.chunks()) {
    if (!decoder) {
      const encoding = declared === 'latin1' ? 'latin1' : sniff(bytes);
      decoder = new TextDecoder(encoding === 'latin1' ? 'windows-1252' : encoding, { fatal: true, ignoreBOM: false });
    }
    for (let at = 0; at < bytes.length; at += DECODE_PIECE) {
      const piece = bytes.subarray(at, at + DECODE_PIECE);
      let text: string;
      try {
        text = decoder.decode(piece, { stream: true });
      } catch {
        const bad = firstInvalidUtf8(piece);
        throw new IngestError(
          source.name,
          lines + countNewlines(piece.subarray(0, Math.max(0, bad))),
          `not valid UTF-8 (byte 0x${(piece[bad] ?? 0).toString(16).toUpperCase()} at offset ${lastByteOffset + bad}); ` +
            'it looks like Latin-1/Windows-1252. Re-save it as UTF-8, or add `encoding: latin1` to this source in crisis.yaml.',
        );
      }
      lines += countLineFeeds(text);
      lastByteOffset += piece.length;
      if (text) yield text;
    }
  }
  if (decoder) {
    try {
      const tail = decoder.decode();
      if (tail) yield tail;
    } catch {
      throw new IngestError(source.name, lines, 'ends in the middle of a UTF-8 character (the file is truncated or not UTF-8).');
    }
  }
}

function sniff(bytes: Uint8Array): Encoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

function countNewlines(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b === 10) n++;
  return n;
}

/** Offset of the first byte that breaks UTF-8 in this chunk (an estimate across chunk edges). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (i + k < bytes.length && (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return 0;
}
