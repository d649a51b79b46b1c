/**
 * The bundle's CSV files are written as bytes (csv-bytes.ts); they must be
 * exactly the text of csvChunks (what the explorer and every other CSV use),
 * encoded: quoting, doubled quotes, defused formulas, numbers, line breaks,
 * non-ASCII characters and lone surrogates alike.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvByteChunks } from '../../../src/analysis/report/csv-bytes.ts';
import { csvChunks, type CellValue } from '../../../src/analysis/report/messages-csv.ts';

const utf8 = new TextEncoder();

function expectSameBytes(header: string[], rows: CellValue[][]): void {
  const text = [...csvChunks(header, rows.length, (i) => rows[i]!)].join('');
  const bytes = Buffer.concat([...csvByteChunks(header, rows.length, (i) => rows[i]!)]);
  expect(bytes.equals(utf8.encode(text))).toBe(true);
  // The Node sink encoded the text with Buffer.from: the same bytes, lone surrogates included.
  expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(true);
}

const EDGE: CellValue[] = [
  null, '', 'plain', 'a,b', 'say "hi"', '"', '""', 'line\nbreak', 'cr\rhere', 'crlf\r\n', '=SUM(A1)', '+1', '-1', '-12.5', '-1.', '-x', '@handle', '\tTab', '\rCR',
  0, -0, 1.5, -3, 1e21, Number.NaN, Number.POSITIVE_INFINITY, true, false,
  'café', 'naïve, "quoted"', '日本語', '😀 emoji', 'pair 😀 then "quote"', 'lone \ud83d high', 'lone \ude00 low', '\ud83d', 'end \ud83d', '\ude00"', 'é\n"x"',
  '=HYPERLINK("http://x")', '-😀', 'x'.repeat(70_000), `${'é'.repeat(40_000)}"`,
];

describe('csvByteChunks', () => {
  it('writes the bytes of csvChunks for every kind of cell', () => {
    expectSameBytes(['a', 'b'], EDGE.map((v, i) => [v, EDGE[(i * 7) % EDGE.length]!]));
  });

  it('writes the same bytes across chunks, for random rows of the characters that matter', () => {
    const pieces = ['a', 'Z', '9', ' ', ',', '"', '\n', '\r', '=', '+', '-', '@', '\t', '.', 'é', '日', '😀', '\ud83d', '\ude00', "'", '1'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const cell = (): CellValue => {
      const r = random();
      if (r < 0.05) return null;
      if (r < 0.1) return Math.round((random() - 0.5) * 1e6) / 100;
      if (r < 0.12) return random() < 0.5;
      return Array.from({ length: Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
    };
    // More rows than one chunk holds.
    expectSameBytes(['x', 'y', 'z'], Array.from({ length: 25_000 }, () => [cell(), cell(), cell()]));
  });

  it('writes the sample crisis posts as csvChunks does', () => {
    const posts = Papa.parse<string[]>(readFileSync(new URL('../../../data/smartlock-firmware-2024/posts.csv', import.meta.url), 'utf8')).data;
    expect(posts.length).toBeGreaterThan(1000);
    expectSameBytes(posts[0]!, posts.slice(1));
  });
});
