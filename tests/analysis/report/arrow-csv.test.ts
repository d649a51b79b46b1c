/**
 * A table's CSV is written from its Arrow batches (arrow-csv.ts); it must be
 * exactly the text csvChunks makes of the values the batches were built
 * from: quoting, doubled quotes, defused formulas, numbers, flags,
 * timestamps, nulls, non-ASCII characters and lone surrogates alike.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { arrowIpc, arrowIpcChunks, type ArrowColumn, type ArrowColumnType } from '../../../src/analysis/core/arrow-columns.ts';
import { arrowBatchCsv } from '../../../src/analysis/report/arrow-csv.ts';
import { csvHeader } from '../../../src/analysis/report/csv-bytes.ts';
import { csvChunks, type CellValue } from '../../../src/analysis/report/messages-csv.ts';

const utf8 = new TextEncoder();

/** Rows of cells as csvChunks writes them, and as arrowBatchCsv writes their Arrow table (timestamps as CSV's ISO text). */
async function expectSameBytes(types: ArrowColumnType[], rows: CellValue[][], mixed: string[] = []): Promise<void> {
  const names = types.map((_, k) => `c${k}`);
  const columns: ArrowColumn<CellValue[]>[] = types.map((type, k) => ({ name: names[k]!, type, value: (r) => r[k] }));
  const cells = (i: number) => rows[i]!.map((v, k) => (types[k] === 'timestamp' && typeof v === 'number' ? new Date(v).toISOString() : v));
  const text = [...csvChunks(names, rows.length, cells)].join('');
  // Every batch on its own, as the bundle hands them to a worker.
  const batches: Uint8Array[] = [];
  for (const _ of arrowIpcChunks(columns, rows, { onBatch: (stream) => batches.push(stream) }));
  const bytes = Buffer.concat([csvHeader(names), ...(await Promise.all(batches.map((b) => arrowBatchCsv(b, { columns: names, mixed }))))]);
  expect(bytes.equals(utf8.encode(text))).toBe(true);
  // Read back, the table's text is the same whole: one stream of many batches.
  expect(Buffer.concat([csvHeader(names), await arrowBatchCsv(arrowIpc(columns, rows), { columns: names, mixed })]).equals(bytes)).toBe(true);
}

const TEXTS: CellValue[] = [
  null, '', 'plain', 'a,b', 'say "hi"', '"', '""', 'line\nbreak', 'cr\rhere', 'crlf\r\n', '=SUM(A1)', '+1', '-1', '-12.5', '-1.', '-.5', '-', '-x', '@handle', '\tTab', '\rCR',
  'café', 'naïve, "quoted"', '日本語', '😀 emoji', 'pair 😀 then "quote"', 'lone \ud83d high', 'lone \ude00 low', '\ud83d', 'end \ud83d', '\ude00"', 'é\n"x"',
  '=HYPERLINK("http://x")', '-😀', '-1e-7', 'x'.repeat(70_000), `${'é'.repeat(40_000)}"`,
];
const NUMBERS: CellValue[] = [null, 0, -0, 1.5, -3, 1e21, -1e-7, 1e-7, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.1 + 0.2, -123456789.125];
const FLAGS: CellValue[] = [null, true, false];
// Whole milliseconds: before 1970, ms of every width, a leap second's neighbour, years beyond 9999.
const TIMES: CellValue[] = [null, 0, -1, -1000, -999, 1_509_926_417_000, 1_509_926_417_005, 1_509_926_417_050, 1_509_926_417_999, 1_483_228_799_999, 253_402_300_800_000, 8.64e15, -8.64e15, -62_198_755_200_001];

const at = <T>(list: readonly T[], i: number): T => list[i % list.length]!;

describe('arrowBatchCsv', () => {
  it('writes the bytes csvChunks writes of the batch\'s values, for every kind of column', async () => {
    const n = Math.max(TEXTS.length, NUMBERS.length, TIMES.length) * 3;
    const rows = Array.from({ length: n }, (_, i) => [at(TEXTS, i), at(NUMBERS, i), at(FLAGS, i), at(TIMES, i), at(TIMES, i * 5 + 1), at(TEXTS, i * 7 + 3)]);
    await expectSameBytes(['utf8', 'float64', 'bool', 'timestamp', 'timestamp', 'utf8'], rows);
  });

  it('writes whole counts (int64) as numbers', async () => {
    await expectSameBytes(['int64', 'utf8'], [[0, 'a'], [null, 'b'], [42, null], [-7, '-7'], [9_007_199_254_740_991, '=1']]);
  });

  it('writes random rows of the characters that matter, over many batches, as csvChunks does', async () => {
    const pieces = ['a', 'Z', '9', ' ', ',', '"', '\n', '\r', '=', '+', '-', '@', '\t', '.', 'é', '日', '😀', '\ud83d', '\ude00', "'", '1'];
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const text = (): CellValue => (random() < 0.05 ? null : Array.from({ length: Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]).join(''));
    // Time-ordered, as a table is published, with repeated seconds.
    let time = 1_500_000_000_000;
    const rows = Array.from({ length: 140_000 }, () => [text(), (time += Math.floor(random() * 700)), random() < 0.1 ? null : Math.round((random() - 0.5) * 1e6) / 100, text()]);
    await expectSameBytes(['utf8', 'timestamp', 'float64', 'utf8'], rows);
  });

  it('writes a column of numbers and text (an Arrow text column) as csvChunks writes its numbers and its text', async () => {
    const values: CellValue[] = ['high', -1e-7, 'low', Number.NEGATIVE_INFINITY, '=1+1', -3, '-2', 1e21, 'a,b', Number.NaN, true, null];
    const rows = values.map((v) => [v]);
    await expectSameBytes(['utf8'], rows, ['c0']);
    // Without being told, the text "-1e-7" is text and defused: the numbers' cells would differ.
    await expect(expectSameBytes(['utf8'], rows)).rejects.toThrow();
  });

  it('writes the sample crisis posts as csvChunks does', async () => {
    const posts = Papa.parse<string[]>(readFileSync(new URL('../../../data/smartlock-firmware-2024/posts.csv', import.meta.url), 'utf8')).data;
    expect(posts.length).toBeGreaterThan(1000);
    // Papa gives the file's last line break a row of one empty cell.
    await expectSameBytes(posts[0]!.map(() => 'utf8'), posts.slice(1).filter((row) => row.length === posts[0]!.length));
  });

  it('names a column the batch does not have', async () => {
    const ipc = arrowIpc([{ name: 'id', type: 'utf8', value: (r: string) => r }], ['a']);
    await expect(arrowBatchCsv(ipc, { columns: ['id', 'text'] })).rejects.toThrow('CSV column "text" is not in the Arrow batch (it has id)');
  });

  it('writes nothing for a table without rows', async () => {
    const ipc = arrowIpc([{ name: 'id', type: 'utf8', value: (r: string) => r }], []);
    expect(await arrowBatchCsv(ipc, { columns: ['id'] })).toHaveLength(0);
  });
});
