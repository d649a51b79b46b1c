/**
 * A table's Arrow file and its CSV download, made together: each record
 * batch goes into the Arrow file and, as a stream of its own, to a thread
 * that writes its CSV rows (report/arrow-csv.ts); the CSV takes the rows
 * back in order. With worker threads the CSV is written beside the Arrow
 * file instead of after it (a million messages: about 6 s of the bundle).
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
 * Batches whose CSV is started but not yet done, at most: the Arrow file
 * waits for the oldest beyond this, so a thread slower than this one never
 * has the whole table's batches queued.
 */
const AHEAD = 3;

/** The Arrow file of `rows` and the CSV (header, then rows) of `csv.columns`, its rows written by `mapper`'s threads. */
export function tableFiles<R>(columns: readonly ArrowColumn<R>[], rows: readonly R[], csv: ArrowCsvOptions, mapper: TextMapper): TableFiles {
  const started: (Started<Uint8Array> | undefined)[] = [];
  // Ended: no batch will follow; complete: the Arrow file's every batch was made (not stopped by a failure).
  let ended = false;
  let complete = false;
  // Wakes the CSV when a batch is started or the Arrow file ends.
  let wake = (): void => {};
  const changed = () => new Promise<void>((resolve) => (wake = resolve));

  async function* arrow(): AsyncGenerator<Uint8Array> {
    try {
      const chunks = arrowIpcChunks(columns, rows, {
        onBatch: (stream) => {
          started.push(mapper.startBytes('arrow-csv', csv, stream));
          wake();
        },
      });
      for (const chunk of chunks) {
        yield chunk;
        // Before the next batch is built: wait while too many are in flight (a failure is the CSV's to report).
        const oldest = started[started.length - AHEAD];
        if (oldest) await oldest.join().catch(() => undefined);
      }
      complete = true;
    } finally {
      ended = true;
      wake();
    }
  }

  async function* rowsCsv(): AsyncGenerator<Uint8Array> {
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
      yield await batch.join();
    }
  }

  return { arrow: arrow(), csv: rowsCsv() };
}
