/**
 * Streaming CSV/TSV records with their physical line numbers, on papaparse's
 * low-level parser so that a 1 GB export never has to fit in one string.
 *
 * Line endings are normalised to `\n` first, bare `\r` included: exports such
 * as TWCS carry stray carriage returns that spreadsheet tools and Python's csv
 * module treat as line breaks, and a record broken that way must surface as
 * fragments with line numbers rather than be silently glued or dropped.
 */
import Papa from 'papaparse';
import { countLineFeeds } from './values.ts';

export interface CsvRecord {
  /** 1-based physical line where the record starts. */
  line: number;
  fields: string[];
  /** Set when the parser could not read the record (e.g. an unterminated quote). */
  error?: string;
}

export interface CsvOptions {
  /** `,` `\t` `;` `|`; sniffed from the first lines when absent. */
  delimiter?: string;
}

const DELIMITERS = [',', '\t', ';', '|'];

/** Parses decoded text chunks into records. */
export async function* readCsvRecords(text: AsyncIterable<string>, options: CsvOptions = {}): AsyncGenerator<CsvRecord> {
  let delimiter = options.delimiter;
  let pending = '';
  let line = 1;
  let carriage = false;
  let parser: InstanceType<typeof Papa.Parser> | undefined;
  const out: CsvRecord[] = [];
  let consumedUpTo = 0;

  const makeParser = (delim: string) =>
    new Papa.Parser({
      delimiter: delim,
      newline: '\n',
      quoteChar: '"',
      step: (result: Papa.ParseStepResult<string[]>) => {
        const end = result.meta.cursor;
        const span = pending.slice(consumedUpTo, end);
        const record: CsvRecord = { line, fields: (result.data as unknown as string[][])[0] ?? [] };
        const quoteError = result.errors.find((e) => e.type === 'Quotes');
        if (quoteError) record.error = `unterminated quoted field (opened on line ${line}; everything after it was read into that field)`;
        out.push(record);
        line += countLineFeeds(span);
        consumedUpTo = end;
      },
    } as Papa.ParseConfig);

  const drain = function* (final: boolean) {
    if (!parser) {
      delimiter ??= sniffDelimiter(pending);
      parser = makeParser(delimiter);
    }
    consumedUpTo = 0;
    const result = parser.parse(pending, 0, !final) as Papa.ParseResult<string[]>;
    pending = pending.slice(final ? pending.length : result.meta.cursor);
    yield* out.splice(0);
  };

  for await (const chunk of text) {
    let norm = chunk;
    // A CRLF split across chunks: the \r ended the previous chunk and was already turned into \n.
    if (carriage && norm.startsWith('\n')) norm = norm.slice(1);
    carriage = norm.endsWith('\r');
    pending += norm.replace(/\r\n?/g, '\n');
    // Parse in large steps; the parser re-reads the unfinished last record each time.
    if (pending.length >= 1 << 20) yield* drain(false);
  }
  if (pending.endsWith('\n')) pending = pending.slice(0, -1); // the file's final line break ends the last record, it is not a blank record
  if (pending.length || parser) yield* drain(true);
}

/** Picks the delimiter that splits the first lines most consistently. */
export function sniffDelimiter(sample: string): string {
  const lines = sample.slice(0, 64 * 1024).split('\n').slice(0, 20).filter((l) => l.length > 0);
  let best = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => l.replace(/"[^"]*"/g, '').split(d).length - 1);
    if (!counts.length || counts[0] === 0) continue;
    const agree = counts.filter((c) => c === counts[0]).length / counts.length;
    const score = counts[0] * agree * agree;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}
