/**
 * JSON exports: a whole document (an API page, an array of records or pages)
 * or NDJSON (one value per line). Parsing stays in TypeScript: DuckDB-WASM's
 * JSON reader is an extension it cannot download offline. Integers beyond 2^53
 * (64-bit ids written as JSON numbers) arrive as their exact decimal strings.
 *
 * NDJSON is read line by line; a line over the record cap is skipped unread
 * and rejected, and reading goes on with the next line. A whole document is
 * one string: past V8's maximum string length it is refused with an
 * IngestError (there is no safe point to resume inside a document), unless
 * it turns out to be NDJSON under a .json name, which is then streamed.
 */
import { parseJsonExact } from './exact-json.ts';
import { FIELD_TOO_LARGE, MAX_RECORD_CHARS, oversizedRecordDetail, thousands } from './field-limit.ts';
import { IngestError } from './source.ts';
import { countLineFeeds } from './values.ts';

export interface JsonItem {
  /** 1-based line where the value starts. */
  line: number;
  value?: unknown;
  /** True for a whole document, whose records are numbered by position instead of line. */
  multi: boolean;
  raw: string;
  error?: string;
  /** The ledger reason when `error` is set: FIELD_TOO_LARGE for a line over the cap, else 'invalid JSON'. */
  reason?: typeof FIELD_TOO_LARGE;
}

export interface JsonOptions {
  /** An NDJSON line of more characters is skipped unread and rejected (default MAX_RECORD_CHARS). */
  maxRecordChars?: number;
  /** A JSON document of more characters is refused (default MAX_DOCUMENT_CHARS). */
  maxDocumentChars?: number;
}

/** V8's maximum string length on 64-bit platforms: a whole JSON document must fit in one string. */
export const MAX_DOCUMENT_CHARS = 2 ** 29 - 24;
/** NDJSON text is taken in pieces of at most this many characters, so a pending line passes the cap by at most this. */
const STEP = 1 << 20;
/** Characters of a skipped line kept for the ledger example. */
const HEAD = 240;

/** Yields the top-level JSON values of a file. */
export async function* readJsonValues(text: AsyncIterable<string>, name: string, options: JsonOptions = {}): AsyncGenerator<JsonItem> {
  const cap = options.maxRecordChars ?? MAX_RECORD_CHARS;
  const maxDocument = options.maxDocumentChars ?? MAX_DOCUMENT_CHARS;
  if (/\.(ndjson|jsonl)$/i.test(name)) {
    yield* ndjson(text, cap);
    return;
  }
  let all = '';
  const chunks = text[Symbol.asyncIterator]();
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
    if (all.length + next.value.length <= maxDocument) {
      all += next.value;
      continue;
    }
    // NDJSON under a .json name needs no whole string: stream it from here.
    if (looksLikeValue(firstLine(all)) && all.trim().includes('\n')) {
      yield* ndjson(resume([all, next.value], chunks), cap);
      return;
    }
    // The line of the first character past the limit, wherever the chunks were cut.
    const line = countLineFeeds(all) + countLineFeeds(next.value.slice(0, maxDocument - all.length)) + 1;
    throw new IngestError(
      name,
      line,
      `this JSON document passes ${thousands(maxDocument)} characters on this line, more than one JavaScript string can hold, and a .json file is read whole. ` +
        'Export the records as NDJSON (one JSON value per line, named .ndjson or .jsonl), which is read line by line.',
    );
  }
  if (!all.trim()) return;
  try {
    yield { line: 1, value: parseJsonExact(all), multi: true, raw: '' };
  } catch (error) {
    if (looksLikeValue(firstLine(all)) && all.trim().includes('\n')) {
      yield* ndjson(resume([all]), cap);
      return;
    }
    const message = (error as Error).message;
    const pos = Number(message.match(/position (\d+)/)?.[1] ?? NaN);
    const line = Number.isFinite(pos) ? all.slice(0, pos).split('\n').length : 1;
    yield { line, multi: false, raw: all.slice(Number.isFinite(pos) ? Math.max(0, pos - 40) : 0, (Number.isFinite(pos) ? pos : 0) + 40), error: `not valid JSON: ${message}` };
  }
}

async function* ndjson(text: AsyncIterable<string>, cap: number): AsyncGenerator<JsonItem> {
  let pending = '';
  let line = 0;
  /** The line being skipped because it is over the cap: where it starts, its size so far and its first characters. */
  let skip: { line: number; chars: number; head: string } | undefined;
  const emit = function* (raw: string): Generator<JsonItem> {
    line++;
    // Whole in one piece, yet over the cap: rejected as if skipped, so chunk sizes never change the outcome.
    if (raw.length > cap) {
      yield tooLong(line, raw.length, raw.slice(0, HEAD), cap);
      return;
    }
    const trimmed = raw.trim();
    if (!trimmed) return;
    try {
      yield { line, value: parseJsonExact(trimmed), multi: false, raw: trimmed };
    } catch (error) {
      yield { line, multi: false, raw: trimmed, error: `not valid JSON: ${(error as Error).message}` };
    }
  };
  for await (const chunk of text) {
    for (let at = 0; at < chunk.length; at += STEP) {
      let piece = chunk.length <= STEP ? chunk : chunk.slice(at, at + STEP);
      if (skip) {
        const nl = piece.indexOf('\n');
        const taken = nl === -1 ? piece.length : nl;
        if (skip.head.length < HEAD) skip.head += piece.slice(0, Math.min(taken, HEAD - skip.head.length));
        if (nl === -1) {
          skip.chars += taken;
          continue;
        }
        line++;
        yield tooLong(skip.line, skip.chars + nl, skip.head, cap);
        skip = undefined;
        piece = piece.slice(nl + 1);
      }
      // Only the new piece is searched for line ends: a long line is not searched again per piece.
      let start = 0;
      let nl = piece.indexOf('\n');
      if (nl !== -1) nl += pending.length;
      pending += piece;
      for (; nl !== -1; nl = pending.indexOf('\n', start)) {
        yield* emit(pending.slice(start, nl));
        start = nl + 1;
      }
      pending = pending.slice(start);
      if (pending.length > cap) {
        skip = { line: line + 1, chars: pending.length, head: pending.slice(0, HEAD) };
        pending = '';
      }
    }
  }
  if (skip) yield tooLong(skip.line, skip.chars, skip.head, cap);
  else if (pending) yield* emit(pending);
}

/** A rejected NDJSON line over the cap. */
function tooLong(line: number, chars: number, head: string, cap: number): JsonItem {
  const detail = oversizedRecordDetail('the NDJSON line', line, chars, 1, cap);
  return { line, multi: false, raw: head, error: detail, reason: FIELD_TOO_LARGE };
}

/** Text already read, then the rest of the stream. */
async function* resume(first: string[], rest?: AsyncIterator<string>): AsyncGenerator<string> {
  yield* first;
  if (rest) for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/** The first non-blank line, found without splitting the whole text. */
function firstLine(text: string): string {
  const start = text.search(/\S/);
  if (start === -1) return '';
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? undefined : end);
}

function looksLikeValue(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}
