/**
 * `messages.csv`: one row per loaded message, with the columns analyses add.
 * Cells that a spreadsheet would run as a formula are neutralised. Rows come
 * out in chunks, so a million-message download never has to be one string.
 */
import { isDigit } from '../core/ascii.ts';
import type { Message } from '../model.ts';

export type CellValue = string | number | boolean | null;
/** Extra per-row cells by row id (a Map of records, or the analyses' RowColumns). */
export interface ExtraColumns {
  get(id: string): Readonly<Record<string, CellValue>> | undefined;
}

/** The canonical columns of messages.csv, before the analyses' columns. */
export const MESSAGE_CSV_COLUMNS = ['id', 'conversation_id', 'parent_id', 'created_at', 'author', 'is_brand', 'inbound', 'channel', 'text'];

/** The fields of a message messages.csv shows. */
export type CsvMessage = Pick<Message, 'id' | 'conversationId' | 'parentId' | 'createdAt' | 'author' | 'isBrand' | 'inbound' | 'channel' | 'text'>;

/**
 * The canonical cells of one message, in {@link MESSAGE_CSV_COLUMNS} order;
 * `author` and `text` replace the message's own (the privacy filter's output)
 * without copying the message.
 */
export function messageCsvCells(m: CsvMessage, author: string | null, text: string): CellValue[] {
  return [m.id, m.conversationId, m.parentId, new Date(m.createdAt).toISOString(), author, m.isBrand, m.inbound, m.channel, text];
}

/** Renders messages (sorted by time, then id) and extra per-message columns as CSV text. */
export function messagesCsv(messages: Iterable<CsvMessage>, extraNames: readonly string[] = [], extra: ExtraColumns = new Map()): string {
  const rows = [...messages].sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id));
  const chunks = csvChunks([...MESSAGE_CSV_COLUMNS, ...extraNames], rows.length, (i) => {
    const more = extra.get(rows[i]!.id) ?? {};
    return [...messageCsvCells(rows[i]!, rows[i]!.author, rows[i]!.text), ...extraNames.map((n) => more[n] ?? null)];
  });
  return [...chunks].join('');
}

/** Rows per chunk of CSV (here and in csv-bytes.ts): a million-row download is never one string or buffer. */
export const CSV_ROWS_PER_CHUNK = 10_000;

/** CSV text in chunks: the header line, then `count` rows of `cells(i)`, each line ending in a line feed. */
export function* csvChunks(header: readonly string[], count: number, cells: (i: number) => CellValue[]): Generator<string> {
  yield `${header.join(',')}\n`;
  for (let start = 0; start < count; start += CSV_ROWS_PER_CHUNK) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(count, start + CSV_ROWS_PER_CHUNK); i++) lines.push(cells(i).map(csvCell).join(','));
    yield `${lines.join('\n')}\n`;
  }
}

/** One CSV cell: quoted when needed, with formula triggers (= + - @ tab CR) defused by a leading apostrophe. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = defuseFormula(value);
  return needsQuotes(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A text cell that a spreadsheet would run as a formula (= + - @ tab CR first) with a leading apostrophe; a plain negative number is left as it is. */
export function defuseFormula(text: string): string {
  const first = text.charCodeAt(0);
  return (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
}

/** A quote, comma or line break: the cell is quoted. */
export function needsQuotes(text: string): boolean {
  return /[",\n\r]/.test(text);
}

/** Numeric ids compare as numbers, others as text: tweet ids sort in time order. */
export function compareIds(a: string, b: string): number {
  return compareIdsAs(a, b, allDigits(a) && allDigits(b));
}

/** `/^\d+$/.test(s)`, by character codes. */
function allDigits(s: string): boolean {
  if (!s.length) return false;
  for (let i = 0; i < s.length; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

function compareIdsAs(a: string, b: string, numeric: boolean): number {
  if (numeric) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * {@link compareIds} of `ids[a]` and `ids[b]`, for sorting positions: each id is tested for digits once, not at
 * every comparison (a million rows' sort makes about a million).
 */
export function compareIdsAt(ids: readonly string[]): (a: number, b: number) => number {
  // A loop, not `Uint8Array.from(ids, f)`: a million ids in a tenth of the time.
  const numeric = new Uint8Array(ids.length);
  for (let i = 0; i < ids.length; i++) numeric[i] = allDigits(ids[i]!) ? 1 : 0;
  return (a, b) => compareIdsAs(ids[a]!, ids[b]!, (numeric[a]! & numeric[b]!) === 1);
}
