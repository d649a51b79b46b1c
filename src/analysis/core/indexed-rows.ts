/**
 * Row lists that make each row when it is read (core/message-table.ts), and
 * picks of them by position. Why: a crisis's messages held as one object each
 * cost two gigabytes at ten million posts, and a list of the half of them in
 * some scope would keep half of those objects alive again.
 */
import type { RowList, RowsByPosition } from '../model.ts';

/** A {@link RowList} over `row(i)`: each list method reads rows one at a time. */
export abstract class IndexedRows<R> implements RowList<R> {
  abstract readonly length: number;
  /** The row at `i` (0 ≤ i < length). */
  protected abstract row(i: number): R;

  /** The row at `index` (negative: from the end), undefined past either end. */
  at(index: number): R | undefined {
    if (index < 0) index += this.length;
    return index >= 0 && index < this.length ? this.row(index) : undefined;
  }

  *[Symbol.iterator](): Iterator<R> {
    for (let i = 0; i < this.length; i++) yield this.row(i);
  }

  map<U>(f: (row: R, index: number) => U): U[] {
    const out = new Array<U>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = f(this.row(i), i);
    return out;
  }

  filter(f: (row: R, index: number) => boolean): R[] {
    const out: R[] = [];
    for (let i = 0; i < this.length; i++) {
      const r = this.row(i);
      if (f(r, i)) out.push(r);
    }
    return out;
  }

  some(f: (row: R, index: number) => boolean): boolean {
    for (let i = 0; i < this.length; i++) if (f(this.row(i), i)) return true;
    return false;
  }

  every(f: (row: R, index: number) => boolean): boolean {
    for (let i = 0; i < this.length; i++) if (!f(this.row(i), i)) return false;
    return true;
  }

  find(f: (row: R, index: number) => boolean): R | undefined {
    for (let i = 0; i < this.length; i++) {
      const r = this.row(i);
      if (f(r, i)) return r;
    }
    return undefined;
  }

  forEach(f: (row: R, index: number) => void): void {
    for (let i = 0; i < this.length; i++) f(this.row(i), i);
  }
}

/**
 * Some rows of `source`, by their positions, then `more` rows of their own
 * (case narratives after the messages): a subset of a million messages as a
 * typed array of positions rather than an array of their objects.
 */
export class PickedRows<R> extends IndexedRows<R> {
  readonly length: number;

  constructor(
    private readonly source: RowsByPosition<R>,
    /** Positions in `source`, in the pick's order. */
    readonly positions: Int32Array,
    private readonly more: readonly R[] = [],
  ) {
    super();
    this.length = positions.length + more.length;
  }

  /** The rows of `rows` for which `keep` holds, by position (`rows` itself read once). */
  static where<R>(rows: RowsByPosition<R>, keep: (row: R, index: number) => boolean): PickedRows<R> {
    const positions: number[] = [];
    for (let i = 0; i < rows.length; i++) if (keep(rows.at(i)!, i)) positions.push(i);
    return new PickedRows(rows, Int32Array.from(positions));
  }

  protected row(i: number): R {
    const p = this.positions.length;
    return i < p ? this.source.at(this.positions[i]!)! : this.more[i - p]!;
  }
}
