/**
 * A cache of what each raw word becomes, looked up by a span of the text
 * itself: no string is cut out of the text for a word already seen.
 *
 * Why: a million posts hold some fifteen million words. Cutting each out
 * (`slice`) and asking a `Map` made every word a new string to hash and
 * later collect; here a word seen before costs a hash of its characters and
 * one comparison with the stored word.
 */

/**
 * Open addressing on a hash of the word's UTF-16 units; stops taking new
 * words at `limit` (a million noisy posts must not grow it without bound),
 * and still answers the words it has.
 */
export class WordTable<V> {
  private words: (string | undefined)[] = [];
  private values: V[] = [];
  private hashes = new Int32Array(0);
  private mask = 0;
  private size = 0;

  /** @param limit the most words kept */
  constructor(private readonly limit: number) {
    this.resize(1024);
  }

  /** The value of `text.slice(start, end)`, made by `make` and kept the first time. */
  get(text: string, start: number, end: number, make: (word: string) => V): V {
    let h = 0x811c9dc5;
    for (let k = start; k < end; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
    // 0 marks an empty slot.
    h = h | 1;
    const length = end - start;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const stored = this.hashes[slot]!;
      if (stored === 0) break;
      if (stored === h) {
        const word = this.words[slot]!;
        if (word.length === length && sameUnits(word, text, start)) return this.values[slot]!;
      }
    }
    const word = text.slice(start, end);
    const value = make(word);
    if (this.size < this.limit) {
      if ((this.size + 1) * 2 > this.hashes.length) this.resize(this.hashes.length * 2);
      let slot = h & this.mask;
      while (this.hashes[slot] !== 0) slot = (slot + 1) & this.mask;
      this.hashes[slot] = h;
      this.words[slot] = word;
      this.values[slot] = value;
      this.size++;
    }
    return value;
  }

  private resize(capacity: number): void {
    const { words, values, hashes } = this;
    this.hashes = new Int32Array(capacity);
    this.words = new Array<string | undefined>(capacity);
    this.values = new Array<V>(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < hashes.length; i++) {
      const h = hashes[i]!;
      if (h === 0) continue;
      let slot = h & this.mask;
      while (this.hashes[slot] !== 0) slot = (slot + 1) & this.mask;
      this.hashes[slot] = h;
      this.words[slot] = words[i];
      this.values[slot] = values[i]!;
    }
  }
}

/** `word` equals `text` from `start` on, unit for unit (lengths already equal). */
function sameUnits(word: string, text: string, start: number): boolean {
  for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}
