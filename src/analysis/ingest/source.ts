/** Where ingest gets bytes from: the Node file reader or a browser `File` both fit. */
export interface FileSource {
  /** Path relative to the crisis directory, as the ledger and errors name it. */
  name: string;
  /** The file's bytes, in chunks. A chunk is the reader's only until it asks for the next (its buffer may be reused): a reader copies what it keeps. */
  chunks(): AsyncIterable<Uint8Array>;
}

/** A source over bytes already in memory (tests, browser uploads). */
export function bytesSource(name: string, data: Uint8Array | string, chunkSize = 64 * 1024): FileSource {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return {
    name,
    async *chunks() {
      for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
    },
  };
}

/** An ingest failure that names the file (and line) and says what to do. */
export class IngestError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    message: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${message}`);
    this.name = 'IngestError';
  }
}
