import { describe, expect, it } from 'vitest';
import { joinParts, part, partCount, PART_BYTES } from '../../src/explorer/parts.ts';

describe('files in parts', () => {
  it('keeps each part under the static hosts’ 25 MiB limit', () => {
    expect(PART_BYTES).toBeLessThan(25 * 1024 * 1024);
    expect(partCount(33_000_000)).toBe(2);
    expect(partCount(PART_BYTES)).toBe(1);
    expect(partCount(PART_BYTES + 1)).toBe(2);
  });
  it('cuts a file into parts and joins them back byte for byte', () => {
    // Small parts: the same arithmetic as 20 MiB ones, without comparing 40 MB element by element.
    const size = 1000;
    const bytes = new Uint8Array(2 * size + 123).map((_, i) => (i * 31) % 251);
    const n = partCount(bytes.length, size);
    expect(n).toBe(3);
    const parts = Array.from({ length: n }, (_, i) => part(bytes, i, size));
    expect(parts.map((p) => p.length)).toEqual([size, size, 123]);
    expect(Buffer.from(joinParts(parts)).equals(Buffer.from(bytes))).toBe(true);
  });
  it('serves an empty file as one empty part', () => {
    expect(partCount(0)).toBe(1);
    expect(part(new Uint8Array(0), 0).length).toBe(0);
  });
});
