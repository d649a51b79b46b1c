/**
 * A list of 32-bit integers that grows as it is pushed, in a typed array.
 * Why: an array of small numbers grown by `push` costs eight bytes a slot in
 * V8, stands twice while it grows, and is copied again into a typed array at
 * the end; the phrase index of three million posts gathers 18 million such
 * numbers (+338 MiB of heap while it is built).
 */
export class IntList {
  private data: Int32Array;
  private size = 0;

  /** @param capacity values expected (an upper bound saves growing; past it the list grows by half) */
  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(16, capacity));
  }

  /** Number of values pushed. */
  get length(): number {
    return this.size;
  }

  push(value: number): void {
    if (this.size === this.data.length) {
      const grown = new Int32Array(Math.ceil(this.data.length * 1.5));
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.size++] = value;
  }

  /** The value at `i` (0 ≤ i < length). */
  get(i: number): number {
    return this.data[i]!;
  }

  /** The last value pushed (undefined when none was). */
  last(): number | undefined {
    return this.size ? this.data[this.size - 1] : undefined;
  }

  /**
   * The values, in a typed array of their own: the list's own buffer (a view of it) while little of it is spare, a
   * copy otherwise. The list is left empty.
   */
  take(): Int32Array {
    const values = this.data.length - this.size > this.data.length >> 3 ? this.data.slice(0, this.size) : this.data.subarray(0, this.size);
    this.data = new Int32Array(16);
    this.size = 0;
    return values;
  }
}
