/**
 * JSON exports: a whole document (an API page, an array of records or pages)
 * or NDJSON (one value per line). Parsing stays in TypeScript: DuckDB-WASM's
 * JSON reader is an extension it cannot download offline. Integers beyond 2^53
 * (64-bit ids written as JSON numbers) arrive as their exact decimal strings.
 */
import { parseJsonExact } from './exact-json.ts';

export interface JsonItem {
  /** 1-based line where the value starts. */
  line: number;
  value?: unknown;
  /** True for a whole document, whose records are numbered by position instead of line. */
  multi: boolean;
  raw: string;
  error?: string;
}

/** Yields the top-level JSON values of a file. */
export async function* readJsonValues(text: AsyncIterable<string>, name: string): AsyncGenerator<JsonItem> {
  if (/\.(ndjson|jsonl)$/i.test(name)) {
    yield* ndjson(text);
    return;
  }
  let all = '';
  for await (const chunk of text) all += chunk;
  if (!all.trim()) return;
  try {
    yield { line: 1, value: parseJsonExact(all), multi: true, raw: '' };
  } catch (error) {
    const firstLine = all.trimStart().split('\n')[0];
    if (looksLikeValue(firstLine) && all.trim().includes('\n')) {
      yield* ndjson(single(all));
      return;
    }
    const message = (error as Error).message;
    const pos = Number(message.match(/position (\d+)/)?.[1] ?? NaN);
    const line = Number.isFinite(pos) ? all.slice(0, pos).split('\n').length : 1;
    yield { line, multi: false, raw: all.slice(Number.isFinite(pos) ? Math.max(0, pos - 40) : 0, (Number.isFinite(pos) ? pos : 0) + 40), error: `not valid JSON: ${message}` };
  }
}

async function* ndjson(text: AsyncIterable<string>): AsyncGenerator<JsonItem> {
  let pending = '';
  let line = 0;
  const emit = function* (raw: string): Generator<JsonItem> {
    line++;
    const trimmed = raw.trim();
    if (!trimmed) return;
    try {
      yield { line, value: parseJsonExact(trimmed), multi: false, raw: trimmed };
    } catch (error) {
      yield { line, multi: false, raw: trimmed, error: `not valid JSON: ${(error as Error).message}` };
    }
  };
  for await (const chunk of text) {
    pending += chunk;
    let start = 0;
    for (let nl = pending.indexOf('\n'); nl !== -1; nl = pending.indexOf('\n', start)) {
      yield* emit(pending.slice(start, nl));
      start = nl + 1;
    }
    pending = pending.slice(start);
  }
  if (pending) yield* emit(pending);
}

async function* single(text: string): AsyncGenerator<string> {
  yield text;
}

function looksLikeValue(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}
