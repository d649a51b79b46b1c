/**
 * A table's Arrow file and its CSV download, made together: each record
 * batch goes into the Arrow file and, as a stream of its own, to a thread
 * that writes its CSV rows (report/arrow-csv.ts); the CSV takes the rows
 * back in order. With worker threads the CSV is written beside the Arrow
 * file instead of after it (a million messages: about 6 s of the bundle).
 *
 * A batch's buffer goes to the CSV's thread and comes back holding its rows
 * (arrowBatchCsv writes them over the stream); once the CSV has taken them,
 * the buffer holds a later batch's stream. Why: V8 counts every buffer that
 * arrives from another thread as new memory outside its heap and marks its
 * whole heap for about every 64 MB of it: new buffers each way cost a million
 * messages' bundle four or five such markings, and a larger crisis more of
 * them, each over a larger heap (three million posts' bundle: 84 s before,
 * 41 s after).
 */
import { arrowIpcChunks, type ArrowColumn } from '../core/arrow-columns.ts';
import type { Started, TextMapper } from '../parallel/text-mapper.ts';
import type { ArrowCsvOptions } from '../report/arrow-csv.ts';
import { csvHeader } from '../report/csv-bytes.ts';

/** The two files' chunks: read both at once (a sink writing one and then the other holds the CSV's rows meanwhile). */
export interface TableFiles {
  arrow: AsyncIterable<Uint8Array>;
  csv: AsyncIterable<Uint8Array>;
}

/**
 * Batches whose CSV is started but not yet taken, at most: the Arrow file
 * waits for the oldest beyond this, so a thread slower than this one never
 * has the whole table's batches queued, and a batch's buffer is free again
 * before the batch after the next three is made.
 */
const AHEAD = 3;

/** A new buffer has this much room over the stream it is made for, so that later, larger batches fit it. */
const HEADROOM = 1.25;

/** The Arrow file of `rows` and the CSV (header, then rows) of `csv.columns`, its rows written by `mapper`'s threads. */
export function tableFiles<R>(columns: readonly ArrowColumn<R>[], rows: readonly R[], csv: ArrowCsvOptions, mapper: TextMapper): TableFiles {
  const started: (Started<Uint8Array> | undefined)[] = [];
  // Buffers back from the CSV, free for a later batch's stream (at most one per batch in flight).
  const free: ArrayBufferLike[] = [];
  const into = (bytes: number): Uint8Array => {
    const at = free.findIndex((b) => b.byteLength >= bytes);
    return at >= 0 ? new Uint8Array(free.splice(at, 1)[0]!, 0, bytes) : new Uint8Array(Math.ceil(bytes * HEADROOM)).subarray(0, bytes);
  };
  // Ended: no batch will follow; complete: the Arrow file's every batch was made (not stopped by a failure).
  let ended = false;
  let complete = false;
  // Wakes the CSV when a batch is started or the Arrow file ends.
  let wake = (): void => {};
  const changed = () => new Promise<void>((resolve) => (wake = resolve));
  // Batches whose rows the CSV gave out and moved past; stopped: the CSV ended, done or failed.
  let taken = 0;
  let stopped = false;
  // Wakes the Arrow file when a batch's rows are taken or the CSV ends.
  let wakeArrow = (): void => {};
  const moved = () => new Promise<void>((resolve) => (wakeArrow = resolve));

  async function* arrow(): AsyncGenerator<Uint8Array> {
    try {
      const chunks = arrowIpcChunks(columns, rows, {
        into,
        onBatch: (stream) => {
          started.push(mapper.startBytes('arrow-csv', csv, stream));
          wake();
        },
      });
      for (const chunk of chunks) {
        yield chunk;
        // Before the next batch is built: wait while too many are in flight (a failure is the CSV's to report).
        while (!stopped && started.length - taken >= AHEAD) await moved();
      }
      complete = true;
    } finally {
      ended = true;
      wake();
    }
  }

  async function* rowsCsv(): AsyncGenerator<Uint8Array> {
    try {
      yield csvHeader(csv.columns);
      for (let k = 0; ; k++) {
        while (k >= started.length && !ended) await changed();
        if (k >= started.length) {
          if (!complete) throw new Error('the CSV stopped: its Arrow file was not written to the end');
          return;
        }
        const batch = started[k]!;
        // Dropped once taken: only batches in flight are held.
        started[k] = undefined;
        const rowsOf = await batch.join();
        yield rowsOf;
        // Taken (the next chunk is asked for): its buffer may hold a later stream.
        if (free.length <= AHEAD) free.push(rowsOf.buffer);
        taken++;
        wakeArrow();
      }
    } finally {
      // The Arrow file waits for nothing more from a CSV that ended.
      stopped = true;
      wakeArrow();
    }
  }

  return { arrow: arrow(), csv: rowsCsv() };
}
