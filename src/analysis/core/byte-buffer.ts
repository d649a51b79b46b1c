/**
 * A growing buffer of bytes that writers (the CSV writers) fill in place:
 * `room` makes space for what comes next, doubling, so a cell is written
 * with no per-cell allocation.
 */
export class ByteBuffer {
  protected bytes: Uint8Array;
  protected at = 0;

  constructor(size = 1 << 16) {
    this.bytes = new Uint8Array(size);
  }

  /** The bytes written since the last take, as a buffer of their own (it may be moved to another thread). */
  take(): Uint8Array {
    const done = this.bytes.slice(0, this.at);
    this.at = 0;
    return done;
  }

  /**
   * As {@link take}, but copied to the start of `buffer` when they fit there (a view of it), else to a new buffer
   * with a quarter more room (a view of its start), so that whoever uses that buffer again has room to spare.
   */
  takeInto(buffer: ArrayBufferLike): Uint8Array {
    const room = this.at <= buffer.byteLength ? buffer : new ArrayBuffer(Math.ceil(this.at * 1.25));
    const done = new Uint8Array(room, 0, this.at);
    done.set(this.bytes.subarray(0, this.at));
    this.at = 0;
    return done;
  }

  /** Forgets what was written since the last take. */
  clear(): void {
    this.at = 0;
  }

  byte(b: number): void {
    this.room(1);
    this.bytes[this.at++] = b;
  }

  /** At least `n` more bytes writable from `at` (the buffer may be replaced: read `bytes` after this). */
  protected room(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.at + n));
    grown.set(this.bytes.subarray(0, this.at));
    this.bytes = grown;
  }
}
