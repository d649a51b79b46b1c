/**
 * The csv-spectrum corpus through the real ingest as generic sources: every
 * field of every record comes out exactly as the case expects (quotes,
 * commas, escaped quotes, LF and CRLF inside quoted fields, UTF-8).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../helpers/ingest.ts';

const dir = path.resolve(import.meta.dirname, '../../fixtures/ingest/csv-spectrum');
const CASES = readdirSync(dir).filter((f) => f.endsWith('.csv')).map((f) => f.slice(0, -4)).sort();

type Row = Record<string, string>;
const expected = (name: string): Row[] => JSON.parse(readFileSync(path.join(dir, `${name}.json`), 'utf8'));

describe('csv-spectrum, read as generic sources', () => {
  it('every field of every case comes out exactly as written', async () => {
    expect(CASES).toEqual(['comma_in_quotes', 'empty', 'empty_crlf', 'escaped_quotes', 'json', 'newlines', 'newlines_crlf', 'quotes_and_newlines', 'simple', 'simple_crlf', 'utf8']);
    // One crisis, one source per case: cases (text optional, so empty cells load), the first spectrum column also as text.
    const files: Record<string, Uint8Array | string> = {};
    const sources = CASES.map((name) => {
      files[`${name}.csv`] = readFileSync(path.join(dir, `${name}.csv`));
      const columns = Object.keys(expected(name)[0]).filter((c) => c !== 'created_at');
      return `  - file: ${name}.csv\n    format: generic\n    table: cases\n    delimiter: ","\n    columns: { opened_at: created_at, text: ${columns[0]} }\n    attributes: [${columns.join(', ')}]\n`;
    });
    files['crisis.yaml'] = `sources:\n${sources.join('')}`;
    const { ledger, cases } = await ingest(files);
    for (const name of CASES) {
      const want = expected(name);
      const source = ledger.sources.find((s) => s.file === `${name}.csv`)!;
      expect([name, source.read, source.loaded, source.rejected]).toEqual([name, want.length, want.length, 0]);
      const got = cases.filter((c) => c.sourceFile === `${name}.csv`).sort((a, b) => a.sourceRow - b.sourceRow);
      const columns = Object.keys(want[0]).filter((c) => c !== 'created_at');
      const asRows = got.map((c) => ({
        created_at: new Date(c.openedAt).toISOString().replace('.000Z', 'Z'),
        ...Object.fromEntries(columns.map((col) => [col, c.attributes[col] ?? ''])),
      }));
      expect(asRows, name).toEqual(want);
      expect(got.map((c) => c.text ?? ''), `${name}: text`).toEqual(want.map((w) => w[columns[0]]));
    }
  });
});
