/**
 * Decoding a source: pieces small enough to stay strings of V8's own heap
 * (a decoded piece of over about a megabyte of UTF-16 would be an external
 * string, and each such megabyte kept counts towards a full collection of the
 * whole heap), characters cut at piece edges kept whole, and an invalid byte
 * still named by its offset and line when it falls in a later piece.
 */
import { describe, expect, it } from 'vitest';
import { DECODE_PIECE, decodeSource } from '../../../src/analysis/ingest/encoding.ts';
import { IngestError, bytesSource } from '../../../src/analysis/ingest/source.ts';

/** Node makes a decoded string external past this many bytes of characters (its EXTERN_APEX). */
const NODE_EXTERNAL_STRING_BYTES = 0xfbee9;

async function pieces(name: string, data: Uint8Array | string, chunkSize: number): Promise<string[]> {
  const out: string[] = [];
  for await (const part of decodeSource(bytesSource(name, data, chunkSize))) out.push(part);
  return out;
}

describe('decodeSource', () => {
  it('decodes a chunk of a mebibyte and more in pieces that stay on the heap, cut characters whole', async () => {
    // Two-, three- and four-byte characters, so some fall across the piece edges; a two-byte string is the case to bound.
    const text = Array.from({ length: 70_000 }, (_, i) => `${i},é€ ${'x'.repeat(i % 13)} 𝄞\n`).join('');
    const size = Buffer.byteLength(text);
    expect(size).toBeGreaterThan(2 * DECODE_PIECE + 1000);
    const parts = await pieces('posts.csv', text, 4 << 20);
    expect(parts.join('')).toBe(text);
    expect(parts.length).toBe(Math.ceil(size / DECODE_PIECE));
    for (const part of parts) expect(part.length * 2).toBeLessThan(NODE_EXTERNAL_STRING_BYTES);
  });

  it('names the offset and line of an invalid byte in a later piece of a chunk', async () => {
    const head = 'id,text\n' + 'a'.repeat(DECODE_PIECE + 100) + '\nline three\n';
    const bytes = new Uint8Array([...new TextEncoder().encode(head), 0x6f, 0xe9, 0x0a]);
    const error = await pieces('posts.csv', bytes, 4 << 20).catch((e: Error) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).line).toBe(4);
    expect((error as Error).message).toMatch(new RegExp(`^posts\\.csv:4: not valid UTF-8 \\(byte 0xE9 at offset ${Buffer.byteLength(head) + 1}\\)`));
  });
});
