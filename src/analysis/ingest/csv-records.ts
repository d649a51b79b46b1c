/**
 * Streaming CSV/TSV records with their physical line numbers, on papaparse's
 * low-level parser so that a 1 GB export never has to fit in one string.
 *
 * Fields come out exactly as written: nothing is trimmed, and line breaks
 * inside quoted fields (LF, CRLF or a bare CR) are kept as they are. Records
 * end at LF or CRLF (at CR when the header line ends with a lone CR, as old
 * Mac exports do). A carriage return *outside* quotes that does not end a line
 * (TWCS has a few) splits the record for spreadsheet tools and Python's csv
 * module but not for us, so neither reading is safe: the record is returned
 * with a `problem` and rejected whole, never loaded cut short.
 *
 * A record longer than the cap (MAX_RECORD_CHARS; an unclosed quote swallowing
 * the file, a field of hundreds of megabytes) is never built into one string:
 * it is scanned past without its text and rejected, and reading goes on.
 */
import Papa from 'papaparse';
import { FIELD_TOO_LARGE, MAX_RECORD_CHARS, UNTERMINATED_QUOTE, oversizedRecordDetail, thousands } from './field-limit.ts';
import { countBreaks, HEAD, oversized, RecordSkip } from './csv-skip.ts';

export interface CsvRecord {
  /** 1-based physical line where the record starts. */
  line: number;
  /** The record's fields; empty for a record over the size cap, whose text is never kept. */
  fields: string[];
  /** Set when the record cannot be read as written; the ledger rejects it with this reason. */
  problem?: CsvProblem;
}

/** Why a record cannot be read as written, for the ledger. */
export interface CsvProblem {
  reason: typeof UNTERMINATED_QUOTE | typeof BARE_CARRIAGE_RETURN | typeof FIELD_TOO_LARGE;
  detail: string;
  /** For a record over the size cap (whose fields are not kept): the start of its text as written. */
  head?: string;
}

/** Ledger reason: the parser could not close a quoted field. */
export { UNTERMINATED_QUOTE };
/** Ledger reason: a CR outside quotes that does not end a line. */
export const BARE_CARRIAGE_RETURN = 'carriage return in an unquoted field';

export interface CsvOptions {
  /** `,` `\t` `;` `|`; sniffed from the first lines when absent. */
  delimiter?: string;
  /** A record of more characters is skipped unread and rejected (default MAX_RECORD_CHARS; tests set less). */
  maxRecordChars?: number;
}

const DELIMITERS = [',', '\t', ';', '|'];
const QUOTE = 34;
const CR = 13;
const LF = 10;
/** Parse in steps of at least this many characters; the parser re-reads the unfinished last record each time. */
const STEP = 1 << 20;
/** Characters of a skipped record kept for the ledger example. */

/** Parses decoded text chunks into records, one by one. */
export async function* readCsvRecords(text: AsyncIterable<string>, options: CsvOptions = {}): AsyncGenerator<CsvRecord> {
  for await (const batch of readCsvBatches(text, options)) yield* batch;
}

/**
 * Parses decoded text chunks into records, in batches of those one parse step finished (thousands): an async
 * generator's every step is a promise and a turn of the microtask queue, 0.5 s over a million records one by one.
 */
export async function* readCsvBatches(text: AsyncIterable<string>, options: CsvOptions = {}): AsyncGenerator<CsvRecord[]> {
  const cap = options.maxRecordChars ?? MAX_RECORD_CHARS;
  let delimiter = options.delimiter;
  let newline: '\n' | '\r' = '\n';
  let pending = '';
  let line = 1;
  let parser: InstanceType<typeof Papa.Parser> | undefined;
  const out: CsvRecord[] = [];
  let consumedUpTo = 0;
  /** Set while skipping a record over the cap. */
  let skip: RecordSkip | undefined;

  const makeParser = (delim: string) =>
    new Papa.Parser({
      delimiter: delim,
      newline,
      quoteChar: '"',
      step: (result: Papa.ParseStepResult<string[]>) => {
        const end = result.meta.cursor;
        const span = pending.slice(consumedUpTo, end);
        const breaks = countBreaks(span, newline);
        const record: CsvRecord = { line, fields: (result.data as unknown as string[][])[0] ?? [] };
        // A field never closed may have met quotes followed by other text first: never closed is what to say.
        const quoteError = result.errors.find((e) => e.code === 'MissingQuotes') ?? result.errors.find((e) => e.type === 'Quotes');
        const chars = span.length - (span.endsWith(newline) ? 1 : 0);
        if (chars > cap) {
          // Whole in one parse step, yet over the cap: rejected as if skipped, so chunk sizes never change the outcome.
          const inside = breaks - (chars < span.length ? 1 : 0);
          out.push(oversized(line, chars, inside, quoteError?.code === 'MissingQuotes', span.slice(0, Math.min(HEAD, chars)), cap));
        } else {
          if (quoteError) {
            const detail = quoteError.code === 'InvalidQuotes'
              ? `a quoted field opened on line ${line} is closed by a quote followed by other text, not by "${delim}" or the line end`
              : `unterminated quoted field (opened on line ${line}; everything after it was read into that field)`;
            record.problem = { reason: UNTERMINATED_QUOTE, detail };
          } else if (newline === '\n' && span.includes('\r')) checkCarriageReturns(record, span, delim);
          out.push(record);
        }
        line += breaks;
        consumedUpTo = end;
      },
    } as Papa.ParseConfig);

  const drain = function* (final: boolean): Generator<CsvRecord[]> {
    if (!parser) {
      // A header ended by a lone CR: the file ends its lines with CR (classic Mac exports).
      const firstBreak = pending.search(/[\r\n]/);
      if (firstBreak !== -1 && pending[firstBreak] === '\r' && pending[firstBreak + 1] !== '\n') newline = '\r';
      delimiter ??= sniffDelimiter(pending);
      parser = makeParser(delimiter);
    }
    consumedUpTo = 0;
    const result = parser.parse(pending, 0, !final) as Papa.ParseResult<string[]>;
    pending = pending.slice(final ? pending.length : result.meta.cursor);
    yield out.splice(0);
  };

  const firstDrain = Math.min(STEP, cap + 1);
  let drainAt = firstDrain;
  /** Takes the next piece of text: into `pending`, or past the record being skipped. */
  const feed = function* (piece: string): Generator<CsvRecord[]> {
    while (piece) {
      if (skip) {
        const end = skip.scan(piece);
        if (end === -1) return;
        yield [skip.record(false, cap)];
        line = skip.line + skip.breaks + 1;
        skip = undefined;
        drainAt = firstDrain;
        piece = piece.slice(end);
        continue;
      }
      pending += piece;
      piece = '';
      if (pending.length < drainAt) return;
      yield* drain(false);
      if (pending.length > cap) {
        // The unfinished record is over the cap: scan on without keeping it (V8 strings stop at 2^29 - 24 units).
        skip = new RecordSkip(line, delimiter!, newline);
        piece = pending;
        pending = '';
        continue;
      }
      // A record still open after a step (a huge field) waits for twice as much text: linear, not quadratic, re-reading.
      drainAt = Math.min(Math.max(STEP, pending.length * 2), cap + 1);
    }
  };

  for await (const chunk of text) {
    // Pieces of at most STEP characters, so `pending` never passes the cap by more than one.
    if (chunk.length <= STEP) yield* feed(chunk);
    else for (let at = 0; at < chunk.length; at += STEP) yield* feed(chunk.slice(at, at + STEP));
  }
  if (skip) {
    // The file ends inside the skipped record.
    yield [skip.record(true, cap)];
    return;
  }
  // Records ended by the file's last line break are parsed like any other, so how the text was cut never changes
  // them; what is left (a quoted field still open) is parsed without that line break, which is no blank record.
  if (/[\r\n]$/.test(pending)) yield* drain(false);
  if (pending.endsWith('\r\n')) pending = pending.slice(0, -2);
  else if (pending.endsWith('\n') || pending.endsWith('\r')) pending = pending.slice(0, -1);
  if (pending.length || parser) yield* drain(true);
}

/**
 * A record whose raw text holds a CR: a CR that ends the line (CRLF) is
 * dropped from an unquoted last field; any other CR outside quotes marks the
 * record as broken. CRs inside quoted fields are data and stay.
 */
function checkCarriageReturns(record: CsvRecord, span: string, delimiter: string): void {
  const fields = record.fields;
  const last = fields.length - 1;
  const lineEnd = span.endsWith('\r\n') ? span.length - 2 : -1;
  // The common case of a CRLF file: the only CR is the line end's.
  if (span.indexOf('\r') === lineEnd) {
    if (fields[last]?.endsWith('\r')) fields[last] = fields[last].slice(0, -1);
    return;
  }
  const delim = delimiter.charCodeAt(0);
  let inQuotes = false;
  let fieldStart = true;
  let lastQuoted = false;
  let field = 0;
  for (let i = 0; i < span.length; i++) {
    const c = span.charCodeAt(i);
    if (inQuotes) {
      if (c === QUOTE) {
        if (span.charCodeAt(i + 1) === QUOTE) i++;
        else inQuotes = false;
      }
      continue;
    }
    if (fieldStart) {
      fieldStart = false;
      lastQuoted = c === QUOTE;
      if (lastQuoted) {
        inQuotes = true;
        continue;
      }
    }
    if (c === delim) {
      fieldStart = true;
      field++;
    } else if (c === CR && i !== lineEnd) {
      record.problem ??= {
        reason: BARE_CARRIAGE_RETURN,
        detail: `field ${field + 1} holds a carriage return (\\r) outside quotes, which spreadsheet tools read as a line break; the record is rejected whole rather than loaded cut short`,
      };
    } else if (c === LF) break;
  }
  if (lineEnd !== -1 && !lastQuoted && fields[last]?.endsWith('\r')) fields[last] = fields[last].slice(0, -1);
}


/** Picks the delimiter that splits the first lines most consistently. */
export function sniffDelimiter(sample: string): string {
  const lines = sample.slice(0, 64 * 1024).split(/\r\n|\n|\r/).slice(0, 20).filter((l) => l.length > 0);
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
