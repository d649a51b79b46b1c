import { collectGarbage } from '../node/heap-budget.ts';

/** Progress lines on stderr, silenced by --quiet; never on stdout, which scripts may read. */
export interface Progress {
  (message: string): void;
  file(p: { file: string; records: number; elapsedMs: number; done: boolean }): void;
}

export function progress(quiet: boolean): Progress {
  // DEBRIEF_TRACE_MEMORY=1 adds this process's heap, memory outside it, resident set and peak to each line: which stage
  // holds what (docs/scaling.md reads them for ten million posts).
  const trace = !!process.env.DEBRIEF_TRACE_MEMORY;
  const line = (message: string, collect: boolean) => {
    if (!quiet) process.stderr.write(`${message}${trace ? memory(collect) : ''}\n`);
  };
  const say = ((message: string) => line(message, true)) as Progress;
  say.file = ({ file, records, elapsedMs, done }) => {
    const rate = elapsedMs > 0 ? Math.round((records / elapsedMs) * 1000) : records;
    // Not collected on the lines while a file is read: one every 20,000 records made reading ten million five times slower.
    line(`  ${file}: ${records.toLocaleString('en-US')} records ${done ? 'read' : 'so far'} (${rate.toLocaleString('en-US')} records/s)`, done);
  };
  return say;
}

function memory(collect: boolean): string {
  // Under `node --expose-gc` the heap is collected first, so the figure is what is live, not what awaits collection.
  if (collect) collectGarbage();
  const { heapUsed, heapTotal, external, rss } = process.memoryUsage();
  const mib = (n: number) => Math.round(n / 2 ** 20).toLocaleString('en-US');
  // The process's peak so far tells which stage made it; what the line's moment holds may be far below it.
  const peak = process.resourceUsage().maxRSS * 1024;
  return ` [heap ${mib(heapUsed)} MiB of ${mib(heapTotal)}, external ${mib(external)} MiB, rss ${mib(rss)} MiB, peak ${mib(peak)} MiB]`;
}
