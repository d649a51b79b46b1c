/**
 * One analysis column's cells, coded: each row holds the number of its value
 * in the column's list of distinct values, in the narrowest typed array that
 * numbers them (one byte a row for a label, two for a few thousand values).
 * Why: a plain array costs eight bytes a row, and sixteen more for every
 * fractional number it holds; a crisis has a dozen such columns (a million
 * posts' live heap at the faults stage: 593 MiB plain, 490 MiB coded). A
 * column whose values are mostly distinct goes back to a plain array, where
 * a code would save nothing.
 */
/** One cell: what a per-row column holds. */
export type CellValue = string | number | boolean | null;

/** A column read by row position. */
export interface CellReader {
  /** Number of rows. */
  readonly length: number;
  /** The cell of row `i`; undefined when it was never set. */
  at(i: number): CellValue | undefined;
  /** Every value set, each at least once (for the column's type). */
  values(): Iterable<CellValue>;
}

type Codes = Uint8Array | Uint16Array | Int32Array;

/** An empty column (an unknown name): every cell unset. */
export const NO_CELLS: CellReader = { length: 0, at: () => undefined, values: () => [] };

/** A column of `length` rows, every cell unset until {@link CellColumn.set}. */
export class CellColumn implements CellReader {
  readonly length: number;
  /** 0: never set; k: `distinct[k − 1]`. Null once the column is plain. */
  private codes: Codes | null;
  private readonly distinct: CellValue[] = [];
  private readonly codeOf = new Map<CellValue, number>();
  /** The code of −0, which a Map does not tell from 0 (and Arrow keeps): 0 until set. */
  private negativeZero = 0;
  /** The cells themselves, once the values are too many to be worth coding. */
  private plain: (CellValue | undefined)[] | null = null;
  /** Distinct values past which the column goes plain. */
  private readonly limit: number;

  constructor(length: number) {
    this.length = length;
    this.codes = new Uint8Array(length);
    // Coded, a row costs at most four bytes against eight plain; a value, a Map entry and a slot (about 60 bytes).
    this.limit = Math.max(255, length >> 3);
  }

  set(i: number, value: CellValue): void {
    if (this.plain) {
      this.plain[i] = value;
      return;
    }
    const negativeZero = value === 0 && 1 / value < 0;
    let code = negativeZero ? this.negativeZero : this.codeOf.get(value);
    if (!code) {
      if (this.distinct.length >= this.limit) {
        this.goPlain()[i] = value;
        return;
      }
      this.distinct.push(value);
      code = this.distinct.length;
      if (negativeZero) this.negativeZero = code;
      else this.codeOf.set(value, code);
      this.widen(code);
    }
    this.codes![i] = code;
  }

  at(i: number): CellValue | undefined {
    if (this.plain) return this.plain[i];
    const code = this.codes![i]!;
    return code === 0 ? undefined : this.distinct[code - 1];
  }

  values(): Iterable<CellValue> {
    return this.plain ? setCells(this.plain) : this.distinct;
  }

  /** Codes wide enough for `code`. */
  private widen(code: number): void {
    const codes = this.codes!;
    if (codes instanceof Int32Array || code <= 0xff || (code <= 0xffff && codes instanceof Uint16Array)) return;
    const wider = code <= 0xffff ? new Uint16Array(this.length) : new Int32Array(this.length);
    wider.set(codes);
    this.codes = wider;
  }

  private goPlain(): (CellValue | undefined)[] {
    const plain = new Array<CellValue | undefined>(this.length);
    for (let i = 0; i < this.length; i++) {
      const code = this.codes![i]!;
      if (code !== 0) plain[i] = this.distinct[code - 1];
    }
    this.plain = plain;
    this.codes = null;
    this.distinct.length = 0;
    this.codeOf.clear();
    return plain;
  }
}

/** The cells of a plain column that were set, without a copy of ten million of them. */
function* setCells(cells: readonly (CellValue | undefined)[]): Generator<CellValue> {
  for (const v of cells) if (v !== undefined) yield v;
}
