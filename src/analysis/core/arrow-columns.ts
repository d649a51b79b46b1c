/**
 * Arrow columns built straight into their buffers: offsets and UTF-8 bytes
 * for text, typed arrays for numbers, bit-packed validity. apache-arrow's
 * generic builders (`vectorFromArray`) box every value and are many times
 * slower, which a million-row crisis pays on every table it moves between
 * JavaScript and DuckDB.
 *
 * Values are coerced as apache-arrow's builders coerce them, so the engines
 * keep their behaviour: only `null` is missing (`undefined` is `''` as text,
 * `false` as a flag, NaN as a number), flags are `Boolean(+v)`, numbers `+v`
 * (a BigInt throws), timestamps must be whole milliseconds.
 */
import { Bool, Float64, Int64, Table, TimestampMillisecond, Utf8, makeData, makeVector, tableToIPC, type DataType, type Vector } from 'apache-arrow';

/** The column types Debrief moves: text, flags, UTC millisecond timestamps, integers and doubles. */
export type ArrowColumnType = 'utf8' | 'bool' | 'timestamp' | 'int64' | 'float64';

/** One column: its name, type and how to read it from a row (null for a missing value). */
export interface ArrowColumn<R> {
  name: string;
  type: ArrowColumnType;
  value(row: R): string | number | boolean | null | undefined;
}

type Value = string | number | boolean | null | undefined;

const utf8 = new TextEncoder();

/** Validity bitmap (LSB first) and null count; no bitmap when nothing is null. */
function validity(values: readonly Value[]): { nullBitmap: Uint8Array | undefined; nullCount: number } {
  let nullCount = 0;
  for (const v of values) if (v === null) nullCount++;
  if (!nullCount) return { nullBitmap: undefined, nullCount };
  const bitmap = new Uint8Array((values.length + 7) >> 3);
  for (let i = 0; i < values.length; i++) if (values[i] !== null) bitmap[i >> 3]! |= 1 << (i & 7);
  return { nullBitmap: bitmap, nullCount };
}

function textVector(values: readonly Value[]): Vector {
  const n = values.length;
  const texts = new Array<string | null>(n);
  let units = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const s = v === null ? null : v === undefined ? '' : typeof v === 'string' ? v : `${v}`;
    texts[i] = s;
    if (s !== null) units += s.length;
  }
  // Long texts (posts) are encoded in one native call; short ones (ids, labels) cost more to join than to copy.
  const encoded = units >= JOIN_MIN_UNITS_PER_VALUE * n ? encodeJoined(texts) : null;
  const { offsets, bytes } = encoded ?? encodeEach(texts, units);
  return makeVector(makeData({ type: new Utf8(), length: n, ...validity(values), valueOffsets: offsets, data: bytes }));
}

/** Mean UTF-16 units per value from which {@link encodeJoined} is the faster way (a million posts' texts: 0.6 s against 2.1 s; ids: twice as slow). */
const JOIN_MIN_UNITS_PER_VALUE = 32;

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The texts joined and encoded by TextEncoder at once, offsets from each
 * text's UTF-8 length. Null when the lengths do not add up to the bytes: a
 * lone high surrogate at the end of one text and a low one at the start of
 * the next are one character once joined, but two replacement characters
 * apart, as {@link encodeEach} encodes them.
 */
function encodeJoined(texts: readonly (string | null)[]): { offsets: Int32Array; bytes: Uint8Array } | null {
  const offsets = new Int32Array(texts.length + 1);
  const parts: string[] = [];
  let at = 0;
  for (let i = 0; i < texts.length; i++) {
    const s = texts[i] as string | null;
    if (s !== null) {
      parts.push(s);
      at += NON_ASCII.test(s) ? utf8Length(s) : s.length;
    }
    offsets[i + 1] = at;
  }
  const bytes = utf8.encode(parts.join(''));
  return bytes.length === at ? { offsets, bytes } : null;
}

/** UTF-8 bytes of `s` as TextEncoder writes them (a lone surrogate becomes U+FFFD, 3 bytes). */
function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Each text copied into the buffer on its own (ASCII unit by unit, the rest through TextEncoder). */
function encodeEach(texts: readonly (string | null)[], units: number): { offsets: Int32Array; bytes: Uint8Array } {
  const n = texts.length;
  const offsets = new Int32Array(n + 1);
  // A UTF-16 unit takes at most 3 bytes in UTF-8 (a surrogate pair, 2 units, takes 4): no text can overflow this.
  const bytes = new Uint8Array(Math.max(64, units * 3));
  let at = 0;
  for (let i = 0; i < n; i++) {
    const s = texts[i];
    if (s !== null) {
      // ASCII, most of most texts, is copied unit by unit: no view and no call per text.
      const length = s.length;
      let j = 0;
      for (; j < length; j++) {
        const c = s.charCodeAt(j);
        if (c > 0x7f) break;
        bytes[at + j] = c;
      }
      at += j;
      if (j < length) at += utf8.encodeInto(j ? s.slice(j) : s, bytes.subarray(at)).written;
    }
    offsets[i + 1] = at;
  }
  return { offsets, bytes: bytes.slice(0, at) };
}

function boolVector(values: readonly Value[]): Vector {
  const data = new Uint8Array((values.length + 7) >> 3);
  values.forEach((v, i) => {
    if (v !== null && Boolean(+(v as number))) data[i >> 3]! |= 1 << (i & 7);
  });
  return makeVector(makeData({ type: new Bool(), length: values.length, ...validity(values), data }));
}

function int64Vector(values: readonly Value[], type: Int64 | TimestampMillisecond): Vector {
  const data = new BigInt64Array(values.length);
  // Timestamps must be whole milliseconds (BigInt throws on 1.5 or undefined); counts are truncated.
  const whole = type instanceof Int64 ? (v: Value) => BigInt(Math.trunc(+(v as number))) : (v: Value) => BigInt(v as number);
  values.forEach((v, i) => {
    if (v !== null) data[i] = whole(v);
  });
  return makeVector(makeData({ type, length: values.length, ...validity(values), data } as never));
}

function float64Vector(values: readonly Value[]): Vector {
  const data = new Float64Array(values.length);
  values.forEach((v, i) => {
    data[i] = v === null ? 0 : +(v as number);
  });
  return makeVector(makeData({ type: new Float64(), length: values.length, ...validity(values), data }));
}

/** One column of values as an Arrow vector of `type`. */
export function arrowVector(type: ArrowColumnType, values: readonly Value[]): Vector {
  switch (type) {
    case 'utf8':
      return textVector(values);
    case 'bool':
      return boolVector(values);
    case 'timestamp':
      return int64Vector(values, new TimestampMillisecond());
    case 'int64':
      return int64Vector(values, new Int64());
    case 'float64':
      return float64Vector(values);
  }
}

const BATCH_ROWS = 65_536;

/** `rows` as an Arrow table of `columns`, in record batches (an empty table keeps its schema). */
export function arrowTable<R>(columns: readonly ArrowColumn<R>[], rows: readonly R[]): Table {
  const batches = [];
  for (let start = 0; start < Math.max(rows.length, 1); start += BATCH_ROWS) {
    const slice = rows.slice(start, start + BATCH_ROWS);
    const vectors: Record<string, Vector<DataType>> = {};
    for (const c of columns) vectors[c.name] = arrowVector(c.type, slice.map((r) => c.value(r)));
    batches.push(...new Table(vectors).batches);
  }
  return new Table(batches);
}

/** An Arrow IPC stream (what `tableFromIPC` and DuckDB's Arrow reader take) of `rows`. */
export function arrowIpc<R>(columns: readonly ArrowColumn<R>[], rows: readonly R[]): Uint8Array {
  return tableToIPC(arrowTable(columns, rows), 'stream');
}

// The end-of-stream marker: a continuation token and a zero length.
const END_OF_STREAM = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

/**
 * The same IPC stream as {@link arrowIpc}, in chunks of one record batch, so
 * a million rows never sit in memory as one table: each batch is encoded
 * alone; the first chunk keeps its schema message, later ones drop it, and
 * the end-of-stream marker comes once, last.
 */
export function* arrowIpcChunks<R>(columns: readonly ArrowColumn<R>[], rows: readonly R[]): Generator<Uint8Array> {
  for (let start = 0; start < Math.max(rows.length, 1); start += BATCH_ROWS) {
    const ipc = tableToIPC(arrowTable(columns, rows.slice(start, start + BATCH_ROWS)), 'stream');
    // A message: continuation (4 bytes), metadata length (4), metadata; the schema message has no body.
    const schemaEnd = 8 + new DataView(ipc.buffer, ipc.byteOffset).getInt32(4, true);
    yield ipc.subarray(start === 0 ? 0 : schemaEnd, ipc.length - END_OF_STREAM.length);
  }
  yield END_OF_STREAM;
}

/** The Arrow type for values of an analysis column: numbers as float64, booleans as bool, anything else as text. */
export function inferColumnType(values: Iterable<Value>): ArrowColumnType {
  let numbers = 0;
  let booleans = 0;
  let other = 0;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'number') numbers++;
    else if (typeof v === 'boolean') booleans++;
    else other++;
  }
  if (other || (numbers && booleans)) return 'utf8';
  if (booleans) return 'bool';
  return numbers ? 'float64' : 'utf8';
}
