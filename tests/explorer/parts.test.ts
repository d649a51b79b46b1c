import { describe, expect, it } from 'vitest';
import { joinParts, part, partCount, PART_BYTES } from '../../src/explorer/parts.ts';

describe('files in parts', () => {
  it('cuts a file into parts under the static hosts’ 25 MiB limit and joins them back byte for byte', () => {
    expect(PART_BYTES).toBeLessThan(25 * 1024 * 1024);
    const bytes = new Uint8Array(2 * PART_BYTES + 123).map((_, i) => (i * 31) % 251);
    const n = partCount(bytes.length);
    expect(n).toBe(3);
    const parts = Array.from({ length: n }, (_, i) => part(bytes, i));
    expect(parts.map((p) => p.length)).toEqual([PART_BYTES, PART_BYTES, 123]);
    expect(joinParts(parts)).toEqual(bytes);
  });
  it('serves an empty file as one empty part', () => {
    expect(partCount(0)).toBe(1);
    expect(part(new Uint8Array(0), 0).length).toBe(0);
  });
});
