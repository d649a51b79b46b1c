/**
 * A growing buffer of bytes that writers (the CSV writers) fill in place:
 * `room` makes space for what comes next, doubling, so a cell is written
 * with no per-cell allocation.
 */
const QUOTE = 34;
const encoder = new TextEncoder();

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

  /**
   * `text` as UTF-8, in double quotes with each quote doubled when `quoted` (as CSV writes a field). ASCII, most of
   * most texts, is copied unit by unit; from the first other character, the rest goes through TextEncoder.
   */
  protected utf8(text: string, quoted: boolean): void {
    // Every UTF-16 unit takes at most 3 bytes (a pair, 2 units, takes 4), twice over for a doubled quote: no text can overflow this.
    this.room(6 * text.length + 2);
    const bytes = this.bytes;
    let at = this.at;
    if (quoted) bytes[at++] = QUOTE;
    const n = text.length;
    let i = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c > 0x7f) break;
      bytes[at++] = c;
      if (c === QUOTE && quoted) bytes[at++] = QUOTE;
    }
    if (i < n) {
      const rest = i ? text.slice(i) : text;
      at += encoder.encodeInto(quoted ? rest.replace(/"/g, '""') : rest, bytes.subarray(at)).written;
    }
    if (quoted) bytes[at++] = QUOTE;
    this.at = at;
  }

  /** At least `n` more bytes writable from `at` (the buffer may be replaced: read `bytes` after this). */
  protected room(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.at + n));
    grown.set(this.bytes.subarray(0, this.at));
    this.bytes = grown;
  }
}
