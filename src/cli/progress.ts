/** Progress lines on stderr, silenced by --quiet; never on stdout, which scripts may read. */
export interface Progress {
  (message: string): void;
  file(p: { file: string; records: number; elapsedMs: number; done: boolean }): void;
}

export function progress(quiet: boolean): Progress {
  const say = ((message: string) => {
    if (!quiet) process.stderr.write(`${message}\n`);
  }) as Progress;
  say.file = ({ file, records, elapsedMs, done }) => {
    const rate = elapsedMs > 0 ? Math.round((records / elapsedMs) * 1000) : records;
    say(`  ${file}: ${records.toLocaleString('en-US')} records ${done ? 'read' : 'so far'} (${rate.toLocaleString('en-US')} records/s)`);
  };
  return say;
}
