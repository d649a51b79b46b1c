/**
 * A table's Arrow file and CSV made together (table-files.ts): the Arrow
 * bytes are arrowIpcChunks', the CSV is its header and its batches' rows in
 * order, no more than a few batches wait for their CSV, and a failed CSV
 * batch fails the CSV, never silently.
 */
import { describe, expect, it } from 'vitest';
import { arrowIpc, arrowIpcChunks, type ArrowColumn } from '../../../src/analysis/core/arrow-columns.ts';
import { tableFiles } from '../../../src/analysis/bundle/table-files.ts';
import { deferred, inProcessMapper, type Started, type TextMapper } from '../../../src/analysis/parallel/text-mapper.ts';
import { arrowBatchCsv } from '../../../src/analysis/report/arrow-csv.ts';
import { csvHeader } from '../../../src/analysis/report/csv-bytes.ts';

interface Row {
  id: string;
  at: number;
  score: number | null;
}

const COLUMNS: ArrowColumn<Row>[] = [
  { name: 'id', type: 'utf8', value: (r) => r.id },
  { name: 'at', type: 'timestamp', value: (r) => r.at },
  { name: 'score', type: 'float64', value: (r) => r.score },
];
// Three record batches and a part (65,536 rows each).
const ROWS: Row[] = Array.from({ length: 200_000 }, (_, i) => ({ id: i % 11 ? `m${i}` : `=m${i}, "x"`, at: 1_500_000_000_000 + i * 137, score: i % 5 ? (i % 200) / 100 - 1 : null }));
const CSV = { columns: ['id', 'at', 'score'] };

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c.slice());
  return Buffer.concat(parts);
}

/** A mapper whose byte tasks finish only when released (or fail when told to), counting what was started. */
function heldMapper(fail = false): TextMapper & { started: number; release: () => void } {
  const waiting: (() => void)[] = [];
  const mapper = {
    ...inProcessMapper,
    started: 0,
    release: () => waiting.splice(0).forEach((go) => go()),
    startBytes(task, params, bytes): Started<Uint8Array> {
      mapper.started++;
      const done = new Promise<void>((resolve) => waiting.push(resolve));
      return deferred(async () => {
        await done;
        if (fail) throw new Error('the CSV thread failed');
        return inProcessMapper.startBytes(task, params, bytes).join();
      });
    },
  } satisfies TextMapper & { started: number; release: () => void };
  return mapper;
}

describe('tableFiles', () => {
  it('gives the Arrow file of arrowIpcChunks and the CSV of its batches, in order', async () => {
    const files = tableFiles(COLUMNS, ROWS, CSV, inProcessMapper);
    const [arrow, csv] = await Promise.all([collect(files.arrow), collect(files.csv)]);
    expect(arrow.equals(Buffer.concat([...arrowIpcChunks(COLUMNS, ROWS)]))).toBe(true);
    expect(csv.equals(Buffer.concat([csvHeader(CSV.columns), await arrowBatchCsv(arrowIpc(COLUMNS, ROWS), CSV)]))).toBe(true);
    expect(csv.toString().split('\n')).toHaveLength(ROWS.length + 2);
  });

  it('writes later batches into the buffers earlier ones came back in: no new buffer after the first rounds', async () => {
    const rows = Array.from({ length: 10 }, () => ROWS.slice(0, 65_536)).flat();
    // Each batch's buffer, and the buffers rows came back in.
    const inputs: ArrayBufferLike[] = [];
    const returned = new Set<ArrayBufferLike>();
    const recording: TextMapper = {
      ...inProcessMapper,
      startBytes(task, params, bytes) {
        inputs.push(bytes.buffer);
        const started = inProcessMapper.startBytes(task, params, bytes);
        return { join: () => started.join().then((r) => (returned.add(r.buffer), r)) };
      },
    };
    const files = tableFiles(COLUMNS, rows, CSV, recording);
    const [arrow, csv] = await Promise.all([collect(files.arrow), collect(files.csv)]);
    expect(arrow.equals(Buffer.concat([...arrowIpcChunks(COLUMNS, rows)]))).toBe(true);
    expect(csv.equals(Buffer.concat([csvHeader(CSV.columns), await arrowBatchCsv(arrowIpc(COLUMNS, rows), CSV)]))).toBe(true);
    expect(inputs).toHaveLength(10);
    // These rows are longer than their stream, so the first four batches' rows come back in new, roomier buffers
    // (three batches in flight and the one being made); from then on every batch goes into one of those.
    expect(inputs.slice(6).every((b) => returned.has(b))).toBe(true);
    expect(new Set([...inputs, ...returned]).size).toBeLessThanOrEqual(8);
  });

  it('waits for the oldest batch\'s CSV once three are in flight', async () => {
    const mapper = heldMapper();
    const files = tableFiles(COLUMNS, ROWS, CSV, mapper);
    const arrow = files.arrow[Symbol.asyncIterator]();
    let chunks = 0;
    let blocked = false;
    // Read the Arrow file alone until it stops giving chunks.
    while (!blocked) {
      const next = arrow.next();
      const settled = await Promise.race([next.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 200))]);
      if (!settled) blocked = true;
      else chunks++;
    }
    expect(mapper.started).toBe(3);
    expect(chunks).toBe(4);
    mapper.release();
    const csvDone = collect(files.csv);
    for (let r = await arrow.next(); !r.done; r = await arrow.next()) mapper.release();
    mapper.release();
    expect((await csvDone).toString().split('\n')).toHaveLength(ROWS.length + 2);
  });

  it('fails the CSV when a batch\'s CSV fails, and still writes the Arrow file', async () => {
    const mapper = heldMapper(true);
    const files = tableFiles(COLUMNS, ROWS, CSV, mapper);
    const csv = collect(files.csv);
    const arrow = (async () => {
      const parts: Uint8Array[] = [];
      for await (const c of files.arrow) {
        parts.push(c.slice());
        mapper.release();
      }
      mapper.release();
      return Buffer.concat(parts);
    })();
    await expect(csv).rejects.toThrow('the CSV thread failed');
    expect((await arrow).equals(Buffer.concat([...arrowIpcChunks(COLUMNS, ROWS)]))).toBe(true);
  });

  it('fails the CSV when the Arrow file stops short', async () => {
    const files = tableFiles(COLUMNS, ROWS, CSV, inProcessMapper);
    const csv = collect(files.csv);
    for await (const _ of files.arrow) break;
    await expect(csv).rejects.toThrow('the CSV stopped: its Arrow file was not written to the end');
  });
});
