/**
 * JSON and NDJSON values over the size cap: an NDJSON line is rejected and
 * reading goes on with the next line; a whole document past the string limit
 * is refused naming file and line (unless it is NDJSON under a .json name).
 */
import { describe, expect, it } from 'vitest';
import { readJsonValues, type JsonItem, type JsonOptions } from '../../../src/analysis/ingest/json-records.ts';
import { IngestError } from '../../../src/analysis/ingest/source.ts';

async function values(text: string, name: string, size: number, options: JsonOptions): Promise<JsonItem[]> {
  const out: JsonItem[] = [];
  async function* chunks() {
    for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
  }
  for await (const item of readJsonValues(chunks(), name, options)) out.push(item);
  return out;
}

const brief = (items: JsonItem[]) => items.map((i) => [i.line, i.value ?? null, i.reason ?? null, i.error ?? null, i.raw]);

describe('readJsonValues: a value over the size cap', () => {
  it('an NDJSON line over the cap is rejected with its line, unread; the lines after it load with their numbers, however the text is cut', async () => {
    const big = JSON.stringify({ id: 2, text: 'x'.repeat(300) });
    const text = `{"id":1}\r\n${big}\r\n\n{"id":3}\n{"id":4}`;
    const got = await values(text, 'posts.ndjson', text.length, { maxRecordChars: 100 });
    expect(got.map((i) => [i.line, i.value, i.reason])).toEqual([
      [1, { id: 1 }, undefined],
      [2, undefined, 'field too large'],
      [4, { id: 3 }, undefined],
      [5, { id: 4 }, undefined],
    ]);
    expect(got[1].error).toBe(
      `the NDJSON line starting on line 2 is ${big.length + 1} characters, over the 100 one record may hold (an unclosed quote or a field far over limits.maxFieldBytes); it is rejected unread and reading continues after it`,
    );
    expect(got[1].raw).toBe(big.slice(0, 240));
    for (const size of [1, 5, 64, 101]) expect(brief(await values(text, 'posts.ndjson', size, { maxRecordChars: 100 })), `pieces of ${size}`).toEqual(brief(got));
  });

  it('an NDJSON file ending inside a line over the cap rejects that line', async () => {
    const text = `{"id":1}\n{"id":2,"text":"${'y'.repeat(200)}`;
    for (const size of [text.length, 3]) {
      const got = await values(text, 'posts.jsonl', size, { maxRecordChars: 100 });
      expect(got.map((i) => [i.line, i.reason, i.error?.split(',')[0]]), `pieces of ${size}`).toEqual([
        [1, undefined, undefined],
        [2, 'field too large', 'the NDJSON line starting on line 2 is 216 characters'],
      ]);
    }
  });

  it('a JSON document past the document limit is refused naming file and line, never a RangeError', async () => {
    const text = `[\n${Array.from({ length: 50 }, (_, i) => JSON.stringify({ id: i, text: 'z'.repeat(40) })).join(',\n')}\n]\n`;
    // `[`, then 10 lines of 60 characters and 61 from the 11th: character 1,001 is on line 18, however the text is cut.
    for (const size of [1, 64, 999, 1000, text.length]) {
      const error = await values(text, 'posts.json', size, { maxDocumentChars: 1000 }).catch((e: unknown) => e);
      expect(error, `pieces of ${size}`).toBeInstanceOf(IngestError);
      expect((error as Error).message).toMatch(/^posts\.json:18: this JSON document passes 1,000 characters on this line, more than one JavaScript string can hold, and a \.json file is read whole\. Export the records as NDJSON/);
    }
    // Under the limit it loads whole.
    expect((await values(text, 'posts.json', 64, { maxDocumentChars: text.length })).map((i) => [i.line, (i.value as unknown[]).length])).toEqual([[1, 50]]);
  });

  it('NDJSON under a .json name past the document limit is streamed line by line instead', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify({ id: i }));
    lines[30] = JSON.stringify({ id: 30, text: 'w'.repeat(200) });
    const text = `${lines.join('\n')}\n`;
    const got = await values(text, 'posts.json', 7, { maxDocumentChars: 300, maxRecordChars: 100 });
    expect(got.map((i) => i.line)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(got.filter((i) => i.reason).map((i) => i.line)).toEqual([31]);
    expect(got.filter((i) => !i.reason).map((i) => (i.value as { id: number }).id)).toEqual(Array.from({ length: 50 }, (_, i) => i).filter((i) => i !== 30));
    // The same file under the limit takes the same path as before: a failed whole parse, then NDJSON.
    expect(brief(await values(text, 'posts.json', 7, { maxRecordChars: 100 }))).toEqual(brief(got));
  });
});
