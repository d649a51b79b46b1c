/**
 * Copy-paste floods: texts that are the same post repeated — retweets
 * ("RT @user: …", often cut short with "…"), a campaign text pasted by many
 * accounts with a hashtag, an emoji or "please share!!" added, one word
 * changed. Such a flood is one voice: it counts once as evidence for a phrase.
 *
 * Two token streams (the tokenizer's match stream, leading "RT" dropped) are
 * *near-identical* when they differ by one contiguous edit that leaves at
 * least {@link NEAR_SHARE} of the longer one in common (a common prefix plus
 * a common suffix), or when the shorter one is the longer one cut short (all
 * but its last, possibly cut, word a prefix of it; at least
 * {@link CUT_MIN_TOKENS} tokens and half the longer one). Texts shorter than
 * {@link MIN_FOLD_TOKENS} tokens never fold: short texts ("still no refund")
 * repeat by chance, not by copying, so each message of one counts (a retweet
 * of it excepted).
 *
 * Finding candidates is linear (fold.ts): a text is compared only with the
 * earlier roots sharing its first or its last {@link KEY_TOKENS} tokens (at
 * most {@link MAX_CANDIDATES} of each), never with every other text.
 */

/** Shortest stream that folds into a near-identical one. */
export const MIN_FOLD_TOKENS = 6;
/** Longest stream considered for near-identical folding (longer narratives fold only when identical). */
export const MAX_FOLD_TOKENS = 120;
/** Share of the longer stream that a common prefix and suffix must cover. */
export const NEAR_SHARE = 0.8;
/** Shortest stream that folds as a cut-short copy. */
export const CUT_MIN_TOKENS = 8;
/** Tokens of the head and tail keys that find candidates. */
export const KEY_TOKENS = 5;
/** Roots compared per head or tail key. */
export const MAX_CANDIDATES = 16;

/** True when two token streams are near-identical (see the module comment). */
export function nearIdentical(x: ArrayLike<number>, y: ArrayLike<number>): boolean {
  return nearIdenticalIn(x, 0, x.length, y, 0, y.length);
}

/** {@link nearIdentical} of `x[x0 .. x0+xn)` and `y[y0 .. y0+yn)` (streams in place, no copies). */
export function nearIdenticalIn(x: ArrayLike<number>, x0: number, xn: number, y: ArrayLike<number>, y0: number, yn: number): boolean {
  // a: the shorter stream, b: the longer (no destructuring: this is a hot path).
  if (xn > yn) return nearIdenticalIn(y, y0, yn, x, x0, xn);
  const a = x, a0 = x0, an = xn, b = y, b0 = y0, bn = yn;
  if (an < MIN_FOLD_TOKENS) return false;
  // Told by the lengths alone: a prefix and suffix cover at most the shorter stream, and a cut copy is at least
  // half the longer one (fold.ts compares each text with every root sharing its first or last words).
  if (an < NEAR_SHARE * bn && (an < CUT_MIN_TOKENS || 2 * an < bn)) return false;
  let p = 0;
  while (p < an && a[a0 + p] === b[b0 + p]) p++;
  // A copy cut short: a retweet truncated with "…" ends on a cut word.
  if (p >= an - 1 && an >= CUT_MIN_TOKENS && 2 * an >= bn) return true;
  let s = 0;
  while (s < an - p && a[a0 + an - 1 - s] === b[b0 + bn - 1 - s]) s++;
  return p + s >= NEAR_SHARE * bn;
}

/** Mix a 32-bit hash with one more value (order-sensitive). */
export function mixHash(h: number, v: number): number {
  return Math.imul(h ^ v, 0x9e3779b1) ^ (h >>> 15);
}

/** True when a stream's length lets it fold into a near-identical one. */
export function canFold(length: number): boolean {
  return length >= MIN_FOLD_TOKENS && length <= MAX_FOLD_TOKENS;
}

/** Tokens of a {@link StreamStore}'s first block (256 KiB); each next block is twice the last, up to {@link MAX_BLOCK_TOKENS}. */
const FIRST_BLOCK_TOKENS = 1 << 16;
/** 16 MiB. */
const MAX_BLOCK_TOKENS = 1 << 22;
const NO_BLOCK = new Int32Array(0);

/**
 * Token streams of documents, one after another in blocks of growing size. A
 * stream is the token hashes of a text (the tokenizer's hash of each stem),
 * which do not depend on the order of the input; only streams that can fold
 * are kept, and one is never split between blocks.
 *
 * Why blocks, not one buffer grown by half: every buffer outside V8's heap
 * counts towards a full marking of the whole heap for about every 64 MB, and
 * growing by half allocated about three times the streams' size (three
 * million posts: 8 of the themes stage's markings were started so); blocks
 * allocate the streams' size once, and nothing is copied.
 */
export class StreamStore {
  /** The blocks; a stream's tokens are `blocks[block(doc)][start(doc) ..]`. */
  readonly blocks: Int32Array[] = [];
  private used = 0;
  private size = 0;
  // Per document, typed and sized ahead: arrays of numbers grown by push were copied over and over (three million
  // posts: 1.5 s of the themes stage in this method) and cost twice the bytes.
  private starts: Int32Array;
  private lengths: Int32Array;
  private blockOf: Int32Array;

  /** @param expected documents expected (an upper bound saves growing; the arrays double past it) */
  constructor(expected = 1024) {
    const n = Math.max(16, expected);
    this.starts = new Int32Array(n);
    this.lengths = new Int32Array(n);
    this.blockOf = new Int32Array(n);
  }

  /** Number of documents recorded. */
  get count(): number {
    return this.size;
  }

  /** Record the next document's stream `tokens[from..)` (nothing when it cannot fold); returns its number. */
  push(tokens: readonly number[], from: number): number {
    const doc = this.size;
    if (doc === this.starts.length) this.grow();
    this.size = doc + 1;
    const n = tokens.length - from;
    if (!canFold(n)) {
      // No block: block(doc) gives the empty one, as its comment says.
      this.blockOf[doc] = -1;
      return doc;
    }
    const last = this.blocks[this.blocks.length - 1] ?? NO_BLOCK;
    if (this.used + n > last.length) {
      this.blocks.push(new Int32Array(Math.min(MAX_BLOCK_TOKENS, Math.max(FIRST_BLOCK_TOKENS, last.length * 2))));
      this.used = 0;
    }
    const data = this.blocks[this.blocks.length - 1]!;
    const base = this.used;
    for (let i = 0; i < n; i++) data[base + i] = tokens[from + i]!;
    this.starts[doc] = base;
    this.lengths[doc] = n;
    this.blockOf[doc] = this.blocks.length - 1;
    this.used = base + n;
    return doc;
  }

  private grow(): void {
    const wider = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.starts = wider(this.starts);
    this.lengths = wider(this.lengths);
    this.blockOf = wider(this.blockOf);
  }

  /** The block holding the kept stream of `doc` (an empty one when it was not kept). */
  block(doc: number): Int32Array {
    return this.blocks[this.blockOf[doc]!] ?? NO_BLOCK;
  }

  /** Offset of the kept stream of `doc` in its {@link block}. */
  start(doc: number): number {
    return this.starts[doc]!;
  }

  /** Length of the kept stream of `doc` (0 when not kept). */
  length(doc: number): number {
    return this.lengths[doc]!;
  }

  /** Hash of `n` tokens of `doc`'s stream from token `from`. */
  hash(doc: number, from = 0, n = this.lengths[doc]!): number {
    let h = 0x811c9dc5;
    const data = this.block(doc);
    const start = this.starts[doc]! + from;
    for (let i = start; i < start + n; i++) h = mixHash(h, data[i]!);
    return h;
  }
}
