import { collectGarbage } from '../node/heap-budget.ts';

/** Progress lines on stderr, silenced by --quiet; never on stdout, which scripts may read. */
export interface Progress {
  (message: string): void;
  file(p: { file: string; records: number; elapsedMs: number; done: boolean }): void;
}

export function progress(quiet: boolean): Progress {
  // DEBRIEF_TRACE_MEMORY=1 adds the heap and resident set to each line (the end-to-end bench reads them per stage).
  const trace = !!process.env.DEBRIEF_TRACE_MEMORY;
  const say = ((message: string) => {
    if (!quiet) process.stderr.write(`${message}${trace ? memory() : ''}\n`);
  }) as Progress;
  say.file = ({ file, records, elapsedMs, done }) => {
    const rate = elapsedMs > 0 ? Math.round((records / elapsedMs) * 1000) : records;
    say(`  ${file}: ${records.toLocaleString('en-US')} records ${done ? 'read' : 'so far'} (${rate.toLocaleString('en-US')} records/s)`);
  };
  return say;
}

function memory(): string {
  // Under `node --expose-gc` the heap is collected first, so the figure is what is live, not what awaits collection.
  collectGarbage();
  const { heapUsed, rss } = process.memoryUsage();
  const mib = (n: number) => Math.round(n / 2 ** 20).toLocaleString('en-US');
  return ` [heap ${mib(heapUsed)} MiB, rss ${mib(rss)} MiB]`;
}
