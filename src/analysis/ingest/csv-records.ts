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
 */
import Papa from 'papaparse';

export interface CsvRecord {
  /** 1-based physical line where the record starts. */
  line: number;
  fields: string[];
  /** Set when the record cannot be read as written; the ledger rejects it with this reason. */
  problem?: CsvProblem;
}

/** Why a record cannot be read as written, for the ledger. */
export interface CsvProblem {
  reason: typeof UNTERMINATED_QUOTE | typeof BARE_CARRIAGE_RETURN;
  detail: string;
}

/** Ledger reason: the parser could not close a quoted field. */
export const UNTERMINATED_QUOTE = 'unterminated quote';
/** Ledger reason: a CR outside quotes that does not end a line. */
export const BARE_CARRIAGE_RETURN = 'carriage return in an unquoted field';

export interface CsvOptions {
  /** `,` `\t` `;` `|`; sniffed from the first lines when absent. */
  delimiter?: string;
}

const DELIMITERS = [',', '\t', ';', '|'];
const QUOTE = 34;
const CR = 13;
const LF = 10;
/** Parse in steps of at least this many characters; the parser re-reads the unfinished last record each time. */
const STEP = 1 << 20;

/** Parses decoded text chunks into records. */
export async function* readCsvRecords(text: AsyncIterable<string>, options: CsvOptions = {}): AsyncGenerator<CsvRecord> {
  let delimiter = options.delimiter;
  let newline: '\n' | '\r' = '\n';
  let pending = '';
  let line = 1;
  let parser: InstanceType<typeof Papa.Parser> | undefined;
  const out: CsvRecord[] = [];
  let consumedUpTo = 0;

  const makeParser = (delim: string) =>
    new Papa.Parser({
      delimiter: delim,
      newline,
      quoteChar: '"',
      step: (result: Papa.ParseStepResult<string[]>) => {
        const end = result.meta.cursor;
        const span = pending.slice(consumedUpTo, end);
        const record: CsvRecord = { line, fields: (result.data as unknown as string[][])[0] ?? [] };
        const quoteError = result.errors.find((e) => e.type === 'Quotes');
        if (quoteError) {
          const detail = quoteError.code === 'InvalidQuotes'
            ? `a quoted field opened on line ${line} is closed by a quote followed by other text, not by "${delim}" or the line end`
            : `unterminated quoted field (opened on line ${line}; everything after it was read into that field)`;
          record.problem = { reason: UNTERMINATED_QUOTE, detail };
        } else if (newline === '\n' && span.includes('\r')) checkCarriageReturns(record, span, delim);
        out.push(record);
        line += countBreaks(span, newline);
        consumedUpTo = end;
      },
    } as Papa.ParseConfig);

  const drain = function* (final: boolean) {
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
    yield* out.splice(0);
  };

  let drainAt = STEP;
  for await (const chunk of text) {
    pending += chunk;
    if (pending.length >= drainAt) {
      yield* drain(false);
      // A record still open after a step (a huge field) waits for twice as much text: linear, not quadratic, re-reading.
      drainAt = Math.max(STEP, pending.length * 2);
    }
  }
  // The file's final line break ends the last record, it is not a blank record.
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

function countBreaks(text: string, newline: string): number {
  let n = 0;
  for (let i = text.indexOf(newline); i !== -1; i = text.indexOf(newline, i + 1)) n++;
  return n;
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
