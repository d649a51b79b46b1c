/**
 * CSV rows written straight from an Arrow record batch's buffers: a table's
 * download is made from the very batches of its Arrow file, so a bundle's
 * CSV and its table cannot disagree, and the text is copied as the UTF-8
 * bytes it already is, with no JavaScript string per cell. The bytes are
 * those of `csvChunks` over the values the batch was built from (same
 * quoting, same formula defusing); the batch may be written on another
 * thread, as it needs nothing but its bytes.
 */
import type { Data } from 'apache-arrow';
import { ByteBuffer } from '../core/byte-buffer.ts';

/** Which columns of the batch become CSV columns, in order. */
export interface ArrowCsvOptions {
  /** Column names, in CSV order; each must be in the batch (other batch columns are left out). */
  columns: string[];
  /**
   * Text columns whose values were numbers and text mixed (inferColumnType):
   * a cell there that reads back as the number it was written from (`-1e-7`)
   * is left as a number cell is, not defused as a formula.
   */
  mixed?: string[];
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const APOSTROPHE = 39;
const decoder = new TextDecoder();

// Loaded when first needed: a worker thread that never writes a CSV does not load apache-arrow (about 15 MiB).
let arrow: Promise<typeof import('apache-arrow')> | undefined;

/** Arrow type ids (apache-arrow's `Type`), for the columns Debrief writes. */
const TYPE = { Int: 2, Float: 3, Utf8: 5, Bool: 6, Timestamp: 10 } as const;

/** Where this thread writes a batch's rows, reused from batch to batch (they are then copied out: see below). */
let scratch: ByteWriter | undefined;

/**
 * The CSV rows (no header, each ending in a line feed) of the record
 * batches in `ipc`, an Arrow IPC stream. The rows are written over the
 * start of `ipc`'s buffer when they fit there (they usually do: the stream
 * is the larger), which the caller gives up: a buffer that goes to a worker
 * thread and comes back holding the rows is used again for a later batch,
 * where a new buffer per batch made V8 mark its whole heap again and again
 * (table-files.ts).
 */
export async function arrowBatchCsv(ipc: Uint8Array, options: ArrowCsvOptions): Promise<Uint8Array> {
  const { tableFromIPC } = await (arrow ??= import('apache-arrow'));
  const table = tableFromIPC(ipc);
  // Synchronous from here on: two batches never share the scratch.
  const out = (scratch ??= new ByteWriter(ipc.length + (1 << 16)));
  // Whatever a batch that failed had written.
  out.clear();
  const mixed = new Set(options.mixed ?? []);
  for (const batch of table.batches) {
    const cells = options.columns.map((name) => {
      const at = batch.schema.fields.findIndex((f) => f.name === name);
      if (at < 0) throw new Error(`CSV column "${name}" is not in the Arrow batch (it has ${batch.schema.fields.map((f) => f.name).join(', ')})`);
      return cellWriter(batch.getChildAt(at)!.data[0]!, mixed.has(name));
    });
    for (let row = 0; row < batch.numRows; row++) {
      for (let k = 0; k < cells.length; k++) {
        if (k) out.byte(COMMA);
        cells[k]!(row, out);
      }
      out.byte(LF);
    }
  }
  // Read the stream whole before writing over it: the table's columns are views of it.
  return out.takeInto(ipc.buffer);
}

type CellWriter = (row: number, out: ByteWriter) => void;

/** Writes row `row` of one column as a CSV cell (nothing for a null). */
function cellWriter(data: Data, mixed: boolean): CellWriter {
  const valid = validity(data);
  const cell = ((): CellWriter => {
    const values = data.values as unknown;
    switch (data.typeId) {
      case TYPE.Utf8: {
        const bytes = values as Uint8Array;
        const offsets = data.valueOffsets as Int32Array;
        return (row, out) => out.text(bytes, offsets[data.offset + row]!, offsets[data.offset + row + 1]!, mixed);
      }
      case TYPE.Bool: {
        const bits = values as Uint8Array;
        return (row, out) => {
          const i = data.offset + row;
          out.ascii(bits[i >> 3]! & (1 << (i & 7)) ? 'true' : 'false');
        };
      }
      case TYPE.Timestamp: {
        const iso = isoWriter();
        return (row, out) => {
          const text = iso(Number((values as BigInt64Array)[data.offset + row]!));
          // A year beyond 0–9999 ("+010000-…") is text to a spreadsheet, defused as csvCell defuses it.
          if (isFormulaStart(text.charCodeAt(0))) out.byte(APOSTROPHE);
          out.ascii(text);
        };
      }
      case TYPE.Int:
        return (row, out) => out.ascii(String((values as ArrayLike<number | bigint>)[data.offset + row]!));
      case TYPE.Float:
        return (row, out) => out.ascii(String((values as Float64Array)[data.offset + row]!));
      default:
        throw new Error(`Arrow type ${String(data.type)} has no CSV form`);
    }
  })();
  return valid ? (row, out) => void (valid(row) && cell(row, out)) : cell;
}

/**
 * `new Date(ms).toISOString()` for whole milliseconds, the date and time up
 * to the second made once per second: rows come in time order, so a million
 * messages need a few hundred thousand Dates, not a million.
 */
function isoWriter(): (ms: number) => string {
  let second = NaN;
  let prefix = '';
  return (ms) => {
    const s = Math.floor(ms / 1000);
    if (s !== second) {
      second = s;
      // "….sssZ" without its "000Z": the years beyond 9999 ("+010000-…") keep their own width.
      prefix = new Date(s * 1000).toISOString().slice(0, -4);
    }
    const milli = ms - s * 1000;
    return `${prefix}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
  };
}

/** Whether a row's value is present; undefined when the column has no nulls. */
function validity(data: Data): ((row: number) => boolean) | undefined {
  const bitmap = data.nullBitmap;
  if (!data.nullCount || !bitmap || !bitmap.length) return undefined;
  return (row) => {
    const i = data.offset + row;
    return (bitmap[i >> 3]! & (1 << (i & 7))) !== 0;
  };
}

/** A growing buffer of CSV bytes. */
class ByteWriter extends ByteBuffer {
  /** An ASCII string (numbers, flags, timestamps), never quoted. */
  ascii(s: string): void {
    this.room(s.length);
    for (let i = 0; i < s.length; i++) this.bytes[this.at++] = s.charCodeAt(i);
  }

  /** UTF-8 text `from` … `to` of `source` as csvCell writes it: quoted when needed, formula triggers defused. */
  text(source: Uint8Array, from: number, to: number, mixed: boolean): void {
    if (from === to) return;
    const defuse = isFormulaStart(source[from]!) && !isPlainNumber(source, from, to) && !(mixed && isWrittenNumber(source, from, to));
    let quoted = false;
    for (let i = from; i < to; i++) {
      const c = source[i]!;
      if (c === QUOTE || c === COMMA || c === LF || c === CR) {
        quoted = true;
        break;
      }
    }
    // A doubled quote at most doubles the text; then two quotes and an apostrophe.
    this.room(2 * (to - from) + 3);
    const bytes = this.bytes;
    let at = this.at;
    if (quoted) bytes[at++] = QUOTE;
    if (defuse) bytes[at++] = APOSTROPHE;
    if (quoted) {
      for (let i = from; i < to; i++) {
        const c = source[i]!;
        bytes[at++] = c;
        if (c === QUOTE) bytes[at++] = QUOTE;
      }
      bytes[at++] = QUOTE;
    } else if (to - from > 32) {
      bytes.set(source.subarray(from, to), at);
      at += to - from;
    } else for (let i = from; i < to; i++) bytes[at++] = source[i]!;
    this.at = at;
  }
}

/** = + - @ tab CR: what a spreadsheet may run as a formula (defuseFormula in messages-csv.ts). */
function isFormulaStart(c: number): boolean {
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === CR;
}

/** The bytes match /^-?\d+(\.\d+)?$/, the plain negative numbers defuseFormula leaves alone. */
function isPlainNumber(s: Uint8Array, from: number, to: number): boolean {
  let i = from;
  if (s[i] === 45) i++;
  const digits = (): boolean => {
    const start = i;
    while (i < to && s[i]! >= 48 && s[i]! <= 57) i++;
    return i > start;
  };
  if (!digits()) return false;
  if (i === to) return true;
  if (s[i] !== 46) return false;
  i++;
  return digits() && i === to;
}

/** The text is how JavaScript writes some number (`-1e-7`, `-Infinity`): in a mixed column, a number cell. */
function isWrittenNumber(s: Uint8Array, from: number, to: number): boolean {
  const text = decoder.decode(s.subarray(from, to));
  return String(Number(text)) === text;
}
