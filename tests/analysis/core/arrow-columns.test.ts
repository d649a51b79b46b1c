/** Arrow columns built into their buffers: the values read back, the chunked stream is the whole stream. */
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { arrowIpc, arrowIpcChunks, ByteArena, inferColumnType, reusedStream, type ArrowColumn } from '../../../src/analysis/core/arrow-columns.ts';

interface Row {
  s: string | null;
  b: boolean | null;
  t: number | null;
  n: number | null;
  f: number | null;
}

const COLUMNS: ArrowColumn<Row>[] = [
  { name: 's', type: 'utf8', value: (r) => r.s },
  { name: 'b', type: 'bool', value: (r) => r.b },
  { name: 't', type: 'timestamp', value: (r) => r.t },
  { name: 'n', type: 'int64', value: (r) => r.n },
  { name: 'f', type: 'float64', value: (r) => r.f },
];

const rows = (count: number): Row[] =>
  Array.from({ length: count }, (_, i) => ({
    s: i % 7 === 0 ? null : `r${i} é 🦆 "q"`.repeat(1 + (i % 3)),
    b: i % 5 === 0 ? null : i % 2 === 0,
    t: i % 11 === 0 ? null : 1_700_000_000_000 + i,
    n: i % 13 === 0 ? null : i * 3,
    f: i % 17 === 0 ? null : i / 8,
  }));

const concat = (chunks: Iterable<Uint8Array>) => {
  const parts = [...chunks];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
};

describe('arrowIpc', () => {
  it('reads back every value and null, across record batches', () => {
    const data = rows(70_000);
    const table = tableFromIPC(arrowIpc(COLUMNS, data));
    expect(table.numRows).toBe(70_000);
    expect(table.batches.length).toBe(2);
    for (const i of [0, 1, 7, 10, 65_535, 65_536, 69_999]) {
      const r = table.get(i)!.toJSON() as Record<string, unknown>;
      expect(r.s).toBe(data[i]!.s);
      expect(r.b).toBe(data[i]!.b);
      expect(r.t === null ? null : Number(r.t)).toBe(data[i]!.t);
      expect(r.n === null ? null : Number(r.n)).toBe(data[i]!.n);
      expect(r.f).toBe(data[i]!.f);
    }
  });

  it('coerces as apache-arrow builders do: only null is missing', () => {
    const table = tableFromIPC(arrowIpc(COLUMNS, [{ s: undefined, b: undefined, t: 5, n: 2.9, f: undefined } as unknown as Row]));
    expect(table.get(0)!.toJSON()).toMatchObject({ s: '', b: false, n: 2n });
    expect(Number.isNaN(table.get(0)!.toJSON().f)).toBe(true);
    expect(() => arrowIpc(COLUMNS, [{ s: 'x', b: true, t: 1.5, n: 1, f: 1 }])).toThrow();
  });
});

describe('text columns', () => {
  /** The column's bytes of each value, as TextEncoder encodes that value alone. */
  const expectEncoded = (values: readonly (string | number | null)[]) => {
    const table = tableFromIPC(arrowIpc([{ name: 's', type: 'utf8', value: (v: string | number | null) => v }], values));
    const column = table.getChild('s')!;
    const bytes = column.data[0]!.values as Uint8Array;
    const offsets = column.data[0]!.valueOffsets as Int32Array;
    values.forEach((v, i) => {
      if (v === null) return expect(column.get(i)).toBeNull();
      const want = new TextEncoder().encode(String(v));
      expect(Buffer.from(bytes.subarray(offsets[i]!, offsets[i + 1]!)).equals(Buffer.from(want)), String(v).slice(0, 40)).toBe(true);
    });
  };
  const texts = ['', 'plain ascii', 'é at start', 'ends in é', 'mid 🦆 duck', '日本語のテキスト', 'lone \ud83e surrogate', '\udc00', 'tab\tand\nnewline'];

  it('hold every text as TextEncoder encodes it: ASCII, accents, emoji, CJK, lone surrogates, numbers as text (short values, copied one by one)', () => {
    expectEncoded([...texts, 42, 1.5, null]);
  });

  it('and the same when long texts are encoded one native call each', () => {
    expectEncoded([...texts, 'x'.repeat(5_000) + '€', 42, 1.5, null]);
    expectEncoded([...texts.map((t) => t.repeat(40)), 'é'.repeat(3_000), null]);
  });

  it('a lone high surrogate ending one text and a lone low one starting the next stay two characters (they must not pair across texts)', () => {
    expectEncoded(['y'.repeat(400) + '\ud83e', '\udd86' + 'z'.repeat(400), 'plain'.repeat(100)]);
  });
});

describe('the arena text bytes are written in', () => {
  it('gives each column its own bytes when columns outgrow it, and a stream keeps its bytes when the next is built in it', () => {
    // Three columns of about 1.5 MB each: more than the arena's first buffer, so it grows between columns.
    const value = (k: number, i: number) => `${k}:${i}:${'é'.repeat(200 + (i % 50))}${i % 7 ? '' : ' 🦆'}`;
    const columns = (salt: number): ArrowColumn<number>[] => [0, 1, 2].map((k) => ({ name: `c${k}`, type: 'utf8', value: (i: number) => value(k + salt, i) }));
    const indices = Array.from({ length: 3_000 }, (_, i) => i);
    const arena = new ByteArena();
    const first = arrowIpc(columns(0), indices, arena);
    const copy = Buffer.from(first);
    const second = arrowIpc(columns(10), indices, arena);
    expect(Buffer.from(first).equals(copy)).toBe(true);
    for (const [ipc, salt] of [[first, 0], [second, 10]] as const) {
      const table = tableFromIPC(ipc);
      for (const k of [0, 1, 2]) expect(table.getChild(`c${k}`)!.toArray()).toEqual(indices.map((i) => value(k + salt, i)));
    }
  });
});

describe('offsets, numbers and bitmaps in the arena', () => {
  it('are zeroed: a stream built where another was is the bytes of one built in a new arena', () => {
    // Every bit set and every number written first: what a later batch leaves null or false must not keep them.
    const full = Array.from({ length: 70_000 }, (_, i): Row => ({ s: `x${i}`, b: true, t: 1_700_000_000_000 + i, n: i, f: i / 3 }));
    const sparse = rows(70_000).map((r, i): Row => (i % 3 ? { s: null, b: i % 2 ? false : null, t: null, n: null, f: null } : r));
    const arena = new ByteArena();
    arrowIpc(COLUMNS, full, arena);
    expect(Buffer.from(arrowIpc(COLUMNS, sparse, arena)).equals(Buffer.from(arrowIpc(COLUMNS, sparse)))).toBe(true);
  });
});

describe('a stream written where it is told', () => {
  it('is the same bytes, and reusedStream gives every batch the same buffer', () => {
    const into = reusedStream();
    const first = arrowIpc(COLUMNS, rows(1_000), new ByteArena(), {}, into);
    expect(Buffer.from(first).equals(Buffer.from(arrowIpc(COLUMNS, rows(1_000))))).toBe(true);
    const second = arrowIpc(COLUMNS, rows(900), new ByteArena(), {}, into);
    expect(Buffer.from(second).equals(Buffer.from(arrowIpc(COLUMNS, rows(900))))).toBe(true);
    expect(second.buffer).toBe(first.buffer);
    // Chunked, each batch's stream goes where `into` says, and the file is the same.
    const buffers = new Set<ArrayBufferLike>();
    const chunks = concat(arrowIpcChunks(COLUMNS, rows(140_000), { into: (n) => new Uint8Array(n + 8).subarray(0, n), onBatch: (s) => buffers.add(s.buffer) }));
    expect(Buffer.from(chunks).equals(Buffer.from(arrowIpc(COLUMNS, rows(140_000))))).toBe(true);
    expect([...buffers].every((b) => b.byteLength > 8)).toBe(true);
    expect(buffers.size).toBe(3);
  });
});

describe('arrowIpcChunks', () => {
  it('is the same bytes as the whole stream, for many batches and for none', () => {
    for (const n of [0, 1, 65_536, 140_000]) expect(Buffer.from(concat(arrowIpcChunks(COLUMNS, rows(n)))).equals(Buffer.from(arrowIpc(COLUMNS, rows(n))))).toBe(true);
  });
});

describe('inferColumnType', () => {
  it('types analysis columns by their values', () => {
    expect(inferColumnType([1, null, 2.5])).toBe('float64');
    expect(inferColumnType([true, undefined])).toBe('bool');
    expect(inferColumnType(['a', 1])).toBe('utf8');
    expect(inferColumnType([null])).toBe('utf8');
  });
});

describe('a range of rows', () => {
  it('is the same stream as a copy of those rows, within a batch and across batches', () => {
    const all = rows(140_000);
    for (const [start, end] of [[0, 0], [3, 9], [65_530, 65_540], [1_000, 139_999]] as const) {
      expect(Buffer.from(arrowIpc(COLUMNS, all, new ByteArena(), { start, end })).equals(Buffer.from(arrowIpc(COLUMNS, all.slice(start, end))))).toBe(true);
    }
  });
});

describe("a batch's slots", () => {
  it('are one array per batch length, rewritten by text columns, and hold no value after a reset', () => {
    const arena = new ByteArena();
    const slots = arena.slots(3);
    expect(arena.slots(3)).toBe(slots);
    // Text columns coerce in the slots: numbers and undefined become text, null stays missing.
    const mixed: (string | number | undefined | null)[] = [7, undefined, null];
    const table = tableFromIPC(arrowIpc([{ name: 's', type: 'utf8', value: (i: number) => mixed[i] }], [0, 1, 2], arena));
    expect(table.getChild('s')!.toArray()).toEqual(['7', '', null]);
    expect(arena.slots(3)).toEqual([null, null, null]);
  });
});
