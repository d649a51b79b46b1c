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
import { AsyncByteQueue, Bool, Float64, Int64, RecordBatchStreamWriter, Table, TimestampMillisecond, Utf8, makeData, makeVector, tableToIPC, type DataType, type Vector } from 'apache-arrow';
import type { RowsByPosition } from '../model.ts';

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

/**
 * Where text columns' UTF-8 bytes are written. V8 collects its whole heap
 * for about every 64 MB of new ArrayBuffers, however little of its own heap
 * they take, and a million messages' heap takes about 0.5 s to mark: fresh
 * buffers for every record batch cost collections by the dozen. Streams that
 * are serialised as soon as their batches are built (the IPC writers below)
 * reuse one arena from batch to batch instead (measured on a million
 * messages' bundle: 12 full collections against 14–15, 33.3 s against
 * 35.3 s, three runs each). It also lends each batch the array its columns'
 * values are read into ({@link ByteArena.slots}). The arena lives as long as
 * its stream.
 */
export class ByteArena {
  // Empty until first used: a stream of a few rows should not cost a megabyte.
  private buffer = new Uint8Array(0);
  private used = 0;
  private values: Value[] = [];
  /** `n` writable bytes, not overlapping any other piece taken since the last reset; a view, valid until then. */
  take(n: number): Uint8Array {
    if (this.used + n > this.buffer.length) {
      // Pieces already handed out keep the old buffer alive until the reset; later ones come from a larger one.
      this.buffer = new Uint8Array(Math.max(n, this.buffer.length * 2, 1 << 16));
      this.used = 0;
    }
    const piece = this.buffer.subarray(this.used, this.used + n);
    this.used += n;
    return piece;
  }
  /**
   * `bytes` zeroed bytes at an offset that is a multiple of 8, for a column's offsets, values or bitmap: typed arrays
   * of their own would each be a new buffer outside V8's heap (see the class's comment), a dozen per batch.
   */
  zeroed(bytes: number): Uint8Array {
    this.used = Math.min(this.buffer.length, (this.used + 7) & ~7);
    return this.take(bytes).fill(0);
  }
  /** The first `used` bytes of a piece, as the column keeps them. */
  keep(bytes: Uint8Array, used: number): Uint8Array {
    // The unused tail goes back to the arena when this was its last piece.
    if (bytes.buffer === this.buffer.buffer && bytes.byteOffset + bytes.length === this.used) this.used -= bytes.length - used;
    return bytes.subarray(0, used);
  }
  /**
   * An array of `n` slots for one column's values of a batch, the same array for every column and batch of `n`
   * rows. Why: a batch's array of 65,536 values takes 512 KiB, which V8 puts in its large-object space, freed only
   * by collections of the whole heap; a million messages' bundle made about a gigabyte of them, a dozen columns at
   * a time.
   */
  slots(n: number): Value[] {
    if (this.values.length !== n) this.values = new Array<Value>(n).fill(null);
    return this.values;
  }
  /** Every piece free again: what was built from them must have been serialised. */
  reset(): void {
    this.used = 0;
    // The values of the last batch are not kept alive by the arena.
    this.values.fill(null);
  }
}

/** Validity bitmap (LSB first) and null count; no bitmap when nothing is null. */
function validity(values: readonly Value[], arena: ByteArena): { nullBitmap: Uint8Array | undefined; nullCount: number } {
  let nullCount = 0;
  for (const v of values) if (v === null) nullCount++;
  if (!nullCount) return { nullBitmap: undefined, nullCount };
  const bitmap = arena.zeroed((values.length + 7) >> 3);
  for (let i = 0; i < values.length; i++) if (values[i] !== null) bitmap[i >> 3]! |= 1 << (i & 7);
  return { nullBitmap: bitmap, nullCount };
}

/** A text column from `values`, which it turns into text in place (they are a batch's slots, ByteArena.slots). */
function textVector(values: Value[], arena: ByteArena): Vector {
  const n = values.length;
  let units = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v === 'string') units += v.length;
    else if (v !== null) {
      // Null stays null, so the validity bitmap is the same after.
      const s = v === undefined ? '' : `${v}`;
      values[i] = s;
      units += s.length;
    }
  }
  const texts = values as (string | null)[];
  // Long texts (posts) are encoded by a native call each; short ones (ids, labels) are cheaper to copy.
  const { offsets, bytes } = units >= LONG_UNITS_PER_VALUE * n ? encodeLong(texts, units, arena) : encodeEach(texts, units, arena);
  return makeVector(makeData({ type: new Utf8(), length: n, ...validity(values, arena), valueOffsets: offsets, data: bytes }));
}

/**
 * Mean UTF-16 units per value from which {@link encodeLong} is the faster way: a call per text costs more than the
 * copy of an id or a label, but less than the copy of a post unit by unit (a million posts' texts: 0.2 s against 2.1 s).
 */
const LONG_UNITS_PER_VALUE = 32;

/**
 * Each text encoded by TextEncoder straight into the buffer. Joined and encoded in one call, a million posts' texts
 * took 1.0–1.1 s, most of it the join (texts of one and two bytes per character make one two-byte string), against
 * 0.2–0.3 s; per text, no surrogate pair can form across two texts, so the bytes are those of {@link encodeEach}.
 */
function encodeLong(texts: readonly (string | null)[], units: number, arena: ByteArena): { offsets: Int32Array; bytes: Uint8Array } {
  const n = texts.length;
  const offsets = int32s(arena, n + 1);
  const bytes = arena.take(Math.max(64, units * 3));
  let at = 0;
  for (let i = 0; i < n; i++) {
    const s = texts[i];
    if (s) at += utf8.encodeInto(s, bytes.subarray(at)).written;
    offsets[i + 1] = at;
  }
  return { offsets, bytes: arena.keep(bytes, at) };
}

/** Each text copied into the buffer on its own (ASCII unit by unit, the rest through TextEncoder). */
function encodeEach(texts: readonly (string | null)[], units: number, arena: ByteArena): { offsets: Int32Array; bytes: Uint8Array } {
  const n = texts.length;
  const offsets = int32s(arena, n + 1);
  // A UTF-16 unit takes at most 3 bytes in UTF-8 (a surrogate pair, 2 units, takes 4): no text can overflow this.
  const bytes = arena.take(Math.max(64, units * 3));
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
  return { offsets, bytes: arena.keep(bytes, at) };
}

/** `n` zeroed 32-bit integers in the arena. */
function int32s(arena: ByteArena, n: number): Int32Array {
  const bytes = arena.zeroed(n * 4);
  return new Int32Array(bytes.buffer, bytes.byteOffset, n);
}

function boolVector(values: readonly Value[], arena: ByteArena): Vector {
  const data = arena.zeroed((values.length + 7) >> 3);
  values.forEach((v, i) => {
    if (v !== null && Boolean(+(v as number))) data[i >> 3]! |= 1 << (i & 7);
  });
  return makeVector(makeData({ type: new Bool(), length: values.length, ...validity(values, arena), data }));
}

function int64Vector(values: readonly Value[], type: Int64 | TimestampMillisecond, arena: ByteArena): Vector {
  const bytes = arena.zeroed(values.length * 8);
  const data = new BigInt64Array(bytes.buffer, bytes.byteOffset, values.length);
  // Timestamps must be whole milliseconds (BigInt throws on 1.5 or undefined); counts are truncated.
  const whole = type instanceof Int64 ? (v: Value) => BigInt(Math.trunc(+(v as number))) : (v: Value) => BigInt(v as number);
  values.forEach((v, i) => {
    if (v !== null) data[i] = whole(v);
  });
  return makeVector(makeData({ type, length: values.length, ...validity(values, arena), data } as never));
}

function float64Vector(values: readonly Value[], arena: ByteArena): Vector {
  const bytes = arena.zeroed(values.length * 8);
  const data = new Float64Array(bytes.buffer, bytes.byteOffset, values.length);
  values.forEach((v, i) => {
    data[i] = v === null ? 0 : +(v as number);
  });
  return makeVector(makeData({ type: new Float64(), length: values.length, ...validity(values, arena), data }));
}

/** One column of values (a batch's slots, which text columns rewrite) as an Arrow vector of `type`, its text bytes in `arena`. */
function arrowVector(type: ArrowColumnType, values: Value[], arena: ByteArena): Vector {
  switch (type) {
    case 'utf8':
      return textVector(values, arena);
    case 'bool':
      return boolVector(values, arena);
    case 'timestamp':
      return int64Vector(values, new TimestampMillisecond(), arena);
    case 'int64':
      return int64Vector(values, new Int64(), arena);
    case 'float64':
      return float64Vector(values, arena);
  }
}

const BATCH_ROWS = 65_536;

/** Rows `start` … `end` − 1 of an array. */
export interface RowRange {
  start?: number;
  end?: number;
}

/**
 * `rows` (`range` of them) as an Arrow table of `columns`, in record batches (an empty table keeps its schema), its
 * text bytes and each column's values in `arena`: nothing a row's count long is allocated per column.
 */
function arrowTable<R>(columns: readonly ArrowColumn<R>[], rows: RowsByPosition<R>, arena: ByteArena, { start = 0, end = rows.length }: RowRange = {}): Table {
  const batches = [];
  for (let from = start; from < Math.max(end, start + 1); from += BATCH_ROWS) {
    const n = Math.max(0, Math.min(end, from + BATCH_ROWS) - from);
    const batch = rowsOf(rows, from, n);
    const values = arena.slots(n);
    const vectors: Record<string, Vector<DataType>> = {};
    for (const c of columns) {
      const value = c.value;
      for (let i = 0; i < n; i++) values[i] = value(batch.rows[batch.offset + i]!);
      vectors[c.name] = arrowVector(c.type, values, arena);
    }
    batches.push(...new Table(vectors).batches);
  }
  return new Table(batches);
}

/**
 * An Arrow IPC stream (what `tableFromIPC` and DuckDB's Arrow reader take)
 * of `rows`, or of `range` of them. Pass one `arena` to consecutive calls
 * (batches of one insert) to reuse its buffers, and `into` to say where the
 * stream is written (a view of that many bytes; by default a new buffer).
 */
export function arrowIpc<R>(columns: readonly ArrowColumn<R>[], rows: RowsByPosition<R>, arena = new ByteArena(), range: RowRange = {}, into?: (bytes: number) => Uint8Array): Uint8Array {
  // Serialised at once: the arena's pieces are free again afterwards, whatever happens.
  try {
    const table = arrowTable(columns, rows, arena, range);
    return into ? ipcInto(table, into) : tableToIPC(table, 'stream');
  } finally {
    arena.reset();
  }
}

/**
 * Where {@link arrowIpc} writes each stream for a reader that copies it at once (DuckDB-WASM's insert): one buffer
 * for every batch, valid until the next. A new buffer per batch (a million messages' insert: about 140 MB of them)
 * made V8 mark its whole heap for every 64 MB or so (ByteArena).
 */
export function reusedStream(): (bytes: number) => Uint8Array {
  const arena = new ByteArena();
  return (bytes) => {
    arena.reset();
    return arena.take(bytes);
  };
}

/** Collects what an IPC writer writes (views of its messages and of the columns' buffers) instead of queueing it. */
class Pieces extends AsyncByteQueue {
  readonly pieces: Uint8Array[] = [];
  bytes = 0;
  override write(value: Uint8Array): void {
    this.pieces.push(value);
    this.bytes += value.byteLength;
  }
}

/** `table` as an IPC stream, the bytes of {@link tableToIPC}, written into the view `into` gives for its length. */
function ipcInto(table: Table, into: (bytes: number) => Uint8Array): Uint8Array {
  const sink = new Pieces();
  new RecordBatchStreamWriter().reset(sink).writeAll(table);
  const bytes = into(sink.bytes);
  let at = 0;
  for (const piece of sink.pieces) {
    bytes.set(piece, at);
    at += piece.byteLength;
  }
  return bytes;
}

// The end-of-stream marker: a continuation token and a zero length.
const END_OF_STREAM = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

/** Options of {@link arrowIpcChunks}. */
export interface IpcChunksOptions {
  /**
   * Called with each record batch as a whole IPC stream of its own (schema,
   * batch, end) once its chunk has been taken (the next is asked for), for a
   * second reader of the batches (a table's CSV, report/arrow-csv.ts): the
   * chunk is a view of this stream, which the reader may move to another
   * thread (a new buffer per batch would cost garbage collections).
   */
  onBatch?: (stream: Uint8Array) => void;
  /** Where each batch's stream is written: a view of that many bytes (default: a new buffer per batch). */
  into?: (bytes: number) => Uint8Array;
}

/**
 * The same IPC stream as {@link arrowIpc}, in chunks of one record batch, so
 * a million rows never sit in memory as one table: each batch is encoded
 * alone; the first chunk keeps its schema message, later ones drop it, and
 * the end-of-stream marker comes once, last.
 */
export function* arrowIpcChunks<R>(columns: readonly ArrowColumn<R>[], rows: RowsByPosition<R>, options: IpcChunksOptions = {}): Generator<Uint8Array> {
  const arena = new ByteArena();
  for (let start = 0; start < Math.max(rows.length, 1); start += BATCH_ROWS) {
    const ipc = arrowIpc(columns, rows, arena, { start, end: Math.min(rows.length, start + BATCH_ROWS) }, options.into);
    // A message: continuation (4 bytes), metadata length (4), metadata; the schema message has no body.
    const schemaEnd = 8 + new DataView(ipc.buffer, ipc.byteOffset).getInt32(4, true);
    yield ipc.subarray(start === 0 ? 0 : schemaEnd, ipc.length - END_OF_STREAM.length);
    options.onBatch?.(ipc);
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

/**
 * Rows `[from, from + n)` as an array and the offset of the first: an array's own, else each row made once (a table
 * such as core/message-table.ts makes a row per read, and every column reads every row).
 */
function rowsOf<R>(rows: RowsByPosition<R>, from: number, n: number): { rows: readonly R[]; offset: number } {
  if (Array.isArray(rows)) return { rows, offset: from };
  const made = new Array<R>(n);
  for (let i = 0; i < n; i++) made[i] = rows.at(from + i)!;
  return { rows: made, offset: 0 };
}
