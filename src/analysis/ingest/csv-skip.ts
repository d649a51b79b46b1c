/**
 * Stepping over a CSV record too long to keep (csv-records.ts): only its
 * quote state, size, line breaks and first characters are kept, never its
 * text, and it is rejected with its line and size.
 */
import { FIELD_TOO_LARGE, UNTERMINATED_QUOTE, oversizedRecordDetail, thousands } from './field-limit.ts';
import type { CsvRecord } from './csv-records.ts';

/** Characters of a rejected record kept to show in the ledger. */
export const HEAD = 240;
const QUOTE = 34;

/** A rejected record over the cap: its line, size and first characters, never its text. */
export function oversized(line: number, chars: number, breaks: number, unterminated: boolean, head: string, cap: number): CsvRecord {
  const detail = unterminated
    ? `the record starting on line ${thousands(line)} opens a quoted field that is never closed: the rest of the file, ${thousands(chars)} characters on ${thousands(breaks + 1)} line(s), is over the ${thousands(cap)} one record may hold and was skipped unread`
    : oversizedRecordDetail('the record', line, chars, breaks + 1, cap);
  return { line, fields: [], problem: { reason: unterminated ? UNTERMINATED_QUOTE : FIELD_TOO_LARGE, detail, head } };
}

// Where a skipped record's scan stands, following papaparse's quoting rules.
const FIELD_START = 0;
const UNQUOTED = 1;
const IN_QUOTES = 2;
/** Just after a quote inside a quoted field: `""` is a quote, `"` + spaces + delimiter or line end closes it. */
const AFTER_QUOTE = 3;
/** After a quote and white space: a delimiter or line end closes the field; a quote may be the closing one. */
const AFTER_QUOTE_SPACE = 4;

/**
 * Scans past a record too long to keep, chunk by chunk, keeping only its
 * quote state, size, line breaks and first characters. It ends the record
 * where papaparse would: a field is quoted when it starts with `"`; inside,
 * `""` is a quote and a `"` closes the field only when white space and then
 * the delimiter or the line end follow (any other `"` is data); the record
 * ends at the first line end outside quotes.
 */
export class RecordSkip {
  /** Characters of the record so far (without its line end), line breaks inside it, and its first characters. */
  chars = 0;
  breaks = 0;
  head = '';
  private state = FIELD_START;
  /** White space since the last quote (AFTER_QUOTE_SPACE), and the last two characters, for the end of the file. */
  private spaces = 0;
  private tail = '';

  constructor(
    readonly line: number,
    private readonly delimiter: string,
    private readonly newline: string,
  ) {}

  /** Scans the next text of the record: the offset just past its line end, or -1 when it goes on. */
  scan(text: string): number {
    if (this.head.length < HEAD) this.head += text.slice(0, HEAD - this.head.length);
    const n = text.length;
    let nextDelimiter = -2;
    let nextNewline = -2;
    for (let i = 0; i < n; ) {
      if (this.state === FIELD_START) {
        this.state = text.charCodeAt(i) === QUOTE ? IN_QUOTES : UNQUOTED;
        if (this.state === IN_QUOTES) i++;
      } else if (this.state === UNQUOTED) {
        // Indexes are kept until passed, so a long record of short fields is not searched again per field.
        if (nextDelimiter !== -1 && nextDelimiter < i) nextDelimiter = text.indexOf(this.delimiter, i);
        if (nextNewline !== -1 && nextNewline < i) nextNewline = text.indexOf(this.newline, i);
        if (nextNewline !== -1 && (nextDelimiter === -1 || nextNewline < nextDelimiter)) return this.end(text, nextNewline);
        if (nextDelimiter === -1) break;
        i = nextDelimiter + 1;
        this.state = FIELD_START;
      } else if (this.state === IN_QUOTES) {
        const quote = text.indexOf('"', i);
        if (quote === -1) break;
        i = quote + 1;
        this.state = AFTER_QUOTE;
      } else {
        const c = text[i++];
        if (c === this.delimiter) this.state = FIELD_START;
        else if (c === this.newline) return this.end(text, i - 1);
        else if (c === '"') this.state = this.state === AFTER_QUOTE ? IN_QUOTES : AFTER_QUOTE;
        else if (!/\s/.test(c)) this.state = IN_QUOTES;
        else {
          this.spaces = this.state === AFTER_QUOTE ? 1 : this.spaces + 1;
          this.state = AFTER_QUOTE_SPACE;
        }
      }
    }
    this.chars += n;
    this.breaks += countBreaks(text, this.newline);
    this.tail = (this.tail + text.slice(-2)).slice(-2);
    return -1;
  }

  /** The rejected record; `atEnd` when the file ended inside it. */
  record(atEnd: boolean, cap: number): CsvRecord {
    if (!atEnd) return oversized(this.line, this.chars, this.breaks, false, this.head, cap);
    // The file's final line break is no part of the record, as for the last record parsed; papaparse reads a
    // quote at the end of the file as closing, and one followed by white space as not.
    const strip = this.tail.endsWith('\r\n') ? 2 : /[\r\n]$/.test(this.tail) ? 1 : 0;
    const chars = this.chars - strip;
    const breaks = this.breaks - countBreaks(this.tail.slice(this.tail.length - strip), this.newline);
    const unterminated = this.state === IN_QUOTES || (this.state === AFTER_QUOTE_SPACE && this.spaces > strip);
    return oversized(this.line, chars, breaks, unterminated, this.head.slice(0, chars), cap);
  }

  private end(text: string, lineEnd: number): number {
    this.chars += lineEnd;
    // With a small cap the first piece can run past the record.
    if (this.head.length > this.chars) this.head = this.head.slice(0, this.chars);
    this.breaks += countBreaks(text.slice(0, lineEnd), this.newline);
    return lineEnd + 1;
  }
}

export function countBreaks(text: string, newline: string): number {
  let n = 0;
  for (let i = text.indexOf(newline); i !== -1; i = text.indexOf(newline, i + 1)) n++;
  return n;
}
