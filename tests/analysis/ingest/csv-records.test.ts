import { describe, expect, it } from 'vitest';
import { readCsvRecords, type CsvRecord } from '../../../src/analysis/ingest/csv-records.ts';

async function records(chunks: string[]): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  async function* text() {
    yield* chunks;
  }
  for await (const r of readCsvRecords(text(), { delimiter: ',' })) out.push(r);
  return out;
}

const BIG = 'x'.repeat(1 << 20);

describe('readCsvRecords', () => {
  it('a CRLF split between two parse steps, after a quoted and after an unquoted last field', async () => {
    // The first chunk is over the 1 MiB step, so it is parsed before the \n arrives.
    for (const last of ['"q"', 'q']) {
      const got = await records([`a,b,c\r\n1,${BIG},${last}\r`, '\n2,y,"z\r\nz"\r\n']);
      expect(got.map((r) => [r.line, r.fields.length, r.fields[2], r.problem])).toEqual([[1, 3, 'c', undefined], [2, 3, 'q', undefined], [3, 3, 'z\r\nz', undefined]]);
    }
  });

  it('a field still open across many steps is read whole, its CRLFs kept', async () => {
    const parts = Array.from({ length: 40 }, () => `${'y'.repeat(1 << 18)}\r\n`);
    const got = await records(['a,b\n1,"', ...parts, '"\n2,end\n']);
    expect(got.map((r) => [r.line, r.fields[1].length])).toEqual([[1, 1], [2, 40 * ((1 << 18) + 2)], [43, 3]]);
    expect(got[1].fields[1]).toBe(parts.join(''));
  });

  it('keeps a CR inside quotes, drops the CR of a CRLF line end, flags a CR anywhere else outside quotes', async () => {
    const got = await records(['h1,h2\r\n"a\rb",c\r\nd\r,e\r\n"f"\r,g\n']);
    expect(got.map((r) => [r.line, r.fields, r.problem?.reason])).toEqual([
      [1, ['h1', 'h2'], undefined],
      [2, ['a\rb', 'c'], undefined],
      [3, ['d\r', 'e'], 'carriage return in an unquoted field'],
      [4, ['f', 'g'], 'carriage return in an unquoted field'],
    ]);
  });
});
