/**
 * Collapsing a message set into distinct documents, and indexing which
 * dictionary phrases each document holds.
 *
 * Crisis exports are full of retweets and copy-pasted complaints; counting
 * each distinct text once (with a weight) makes every later stage cheaper
 * and keeps representative examples from repeating. Near-identical copies
 * (floods.ts) stay separate documents — each keeps its own phrases, so each
 * copy still belongs to its themes — but are folded into clusters that count
 * once as evidence.
 */
import type { PhraseMatcher } from './matcher.ts';
import { MIN_FOLD_TOKENS, StreamStore } from './floods.ts';
import { foldDocuments } from './fold.ts';
import { tokenizeStems } from './tokenize.ts';
import { IntList } from '../../core/int-list.ts';

/** Distinct documents (texts equal after tokenizing) with their phrase sets. */
export interface IndexedDocs {
  /** Number of documents. */
  count: number;
  /** For each distinct raw text: its document. */
  docOfText: Int32Array;
  /** For each document: its first raw text (index into the distinct texts). */
  firstText: Int32Array;
  /** For each document: number of tokens in its match stream. */
  tokenCount: Int32Array;
  /**
   * For each document: the root of its fold cluster — itself, or the
   * document it is a near-identical copy of (see floods.ts). A cluster is
   * one voice: it counts once as evidence.
   */
  foldOf: Int32Array;
  /** Fold clusters (documents that are their own root). */
  folds: number;
  /**
   * 1 for a document too short to fold (under MIN_FOLD_TOKENS tokens,
   * floods.ts): short texts ("still no refund") repeat by chance, not by
   * copying, so each message of one counts as evidence, retweets excepted.
   */
  short: Uint8Array;
  /** CSR offsets: phrases of doc d are `phrases[phraseStart[d] .. phraseStart[d+1])`. */
  phraseStart: Int32Array;
  /** Distinct phrase indices per document (matcher indices). */
  phrases: Int32Array;
  /**
   * Co-occurrence units: windows of {@link UNIT_TOKENS} tokens. A tweet is
   * one unit; a long complaint is several, so that words far apart in a
   * 500-word narrative do not count as "used together".
   * CSR offsets into `unitPhrases`.
   */
  unitStart: Int32Array;
  /** Distinct phrase indices per unit. */
  unitPhrases: Int32Array;
  /** Document of each unit. */
  unitDoc: Int32Array;
}

/** Window size (tokens) of a co-occurrence unit. */
export const UNIT_TOKENS = 40;

/**
 * Tokenize every distinct text once, merge texts whose token streams are
 * identical (e.g. same words, different @mention, "RT" prefix or URL),
 * record the distinct dictionary phrases of each document, and fold
 * near-identical documents (copy-paste floods, retweets cut short).
 * @param hashOf the hash documents are looked up by, a whole number below 2^53 (tests give a colliding one: documents are still told apart by their stems)
 */
export function indexDocuments(texts: readonly string[], matcher: PhraseMatcher, hashOf: (tokenHashes: readonly number[], from: number) => number = streamHash): IndexedDocs {
  // Documents by a hash of their stems, checked against the stems themselves: a map keyed by the joined stems
  // held a string per document (140 MB at a million posts) where this holds a number.
  const byHash = new DocsByHash(texts.length);
  const docOfText = new Int32Array(texts.length);
  // Typed lists (core/int-list.ts): arrays of numbers cost eight bytes a slot and were copied into typed arrays at the
  // end. A document per distinct text at most; phrases and units a few per document.
  const firstText = new IntList(texts.length);
  const tokenCount = new IntList(texts.length);
  const phraseStart = new IntList(texts.length + 1);
  phraseStart.push(0);
  const phrases = new IntList(texts.length * 3);
  const unitStart = new IntList(texts.length + 1);
  unitStart.push(0);
  const unitPhrases = new IntList(texts.length * 3);
  const unitDoc = new IntList(texts.length);
  const short = new Uint8Array(texts.length);
  // Token hashes (from the tokenizer's cache) are what folding compares.
  const store = new StreamStore(texts.length);
  const hashes: number[] = [];
  // Distinct phrases per document and per unit, by marking each phrase with the last document and unit that
  // listed it (matches arrive in token order, so units arrive in order): no set allocated per text.
  const docMark = new Int32Array(matcher.keys.length).fill(-1);
  const unitMark = new Int32Array(matcher.keys.length).fill(-1);
  let doc = -1;
  let unit = -1;
  let unitIndex = -1;
  const closeUnit = (): void => {
    if (unitPhrases.length > unitStart.last()!) {
      unitStart.push(unitPhrases.length);
      unitDoc.push(doc);
    }
  };
  const onMatch = (p: number, start: number): void => {
    if (docMark[p] !== doc) {
      docMark[p] = doc;
      phrases.push(p);
    }
    const u = Math.floor(start / UNIT_TOKENS);
    if (u !== unitIndex) {
      closeUnit();
      unitIndex = u;
      unit++;
    }
    if (unitMark[p] !== unit) {
      unitMark[p] = unit;
      unitPhrases.push(p);
    }
  };
  for (let i = 0; i < texts.length; i++) {
    hashes.length = 0;
    const stems = tokenizeStems(texts[i]!, hashes);
    // A leading "RT" marks a retweet of the same words.
    const from = stems[0] === 'rt' ? 1 : 0;
    const hash = hashOf(hashes, from);
    const known = byHash.find(hash, (d) => sameStems(stems, from, texts[firstText.get(d)]!));
    if (known >= 0) {
      docOfText[i] = known;
      continue;
    }
    doc = firstText.length;
    byHash.add(hash, doc);
    docOfText[i] = doc;
    firstText.push(i);
    tokenCount.push(stems.length);
    store.push(hashes, from);
    short[doc] = stems.length - from < MIN_FOLD_TOKENS ? 1 : 0;
    unitIndex = -1;
    matcher.scan(stems, onMatch);
    closeUnit();
    phraseStart.push(phrases.length);
  }
  const foldOf = foldDocuments(store);
  let folds = 0;
  for (let d = 0; d < foldOf.length; d++) if (foldOf[d] === d) folds++;
  const count = firstText.length;
  return {
    count,
    docOfText,
    firstText: firstText.take(),
    tokenCount: tokenCount.take(),
    foldOf,
    folds,
    short: short.slice(0, count),
    phraseStart: phraseStart.take(),
    phrases: phrases.take(),
    unitStart: unitStart.take(),
    unitPhrases: unitPhrases.take(),
    unitDoc: unitDoc.take(),
  };
}

/** A 53-bit hash of a token stream from `from` on (two 32-bit multiplicative hashes of the tokens' own hashes). */
function streamHash(hashes: readonly number[], from: number): number {
  let a = 0x811c9dc5;
  let b = hashes.length - from;
  for (let k = from; k < hashes.length; k++) {
    const h = hashes[k]!;
    a = Math.imul(a ^ h, 0x01000193);
    b = Math.imul(b + h, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

/** Whether `text`, tokenized again, has `stems`' stems from `from` on (each without a leading "RT"). */
function sameStems(stems: readonly string[], from: number, text: string): boolean {
  const other = tokenizeStems(text);
  const start = other[0] === 'rt' ? 1 : 0;
  if (other.length - start !== stems.length - from) return false;
  for (let k = 0; k < stems.length - from; k++) if (other[start + k] !== stems[from + k]) return false;
  return true;
}

/**
 * Documents by their 53-bit stream hash: an open-addressing table of typed arrays, the hash in two parts. A
 * `Map` of them kept every key as a boxed number and a table entry in V8's heap (8.4 million of them at ten
 * million posts), where this costs 12 bytes a slot outside it. Documents of one hash (a collision, rare) are all
 * kept and tried in turn.
 */
class DocsByHash {
  private readonly high: Int32Array;
  private readonly low: Int32Array;
  private readonly docs: Int32Array;
  private readonly mask: number;

  /** @param most the most documents it will hold */
  constructor(most: number) {
    let n = 16;
    while (n < 2 * most) n *= 2;
    this.high = new Int32Array(n);
    this.low = new Int32Array(n);
    this.docs = new Int32Array(n).fill(-1);
    this.mask = n - 1;
  }

  /** The first document of `hash` that `same` accepts, or -1. */
  find(hash: number, same: (doc: number) => boolean): number {
    const high = (hash / 0x200000) | 0;
    const low = hash % 0x200000;
    for (let i = this.slot(high, low); this.docs[i] !== -1; i = (i + 1) & this.mask) {
      if (this.high[i] === high && this.low[i] === low && same(this.docs[i]!)) return this.docs[i]!;
    }
    return -1;
  }

  /** Adds `doc` under `hash` (after any documents already there). */
  add(hash: number, doc: number): void {
    const high = (hash / 0x200000) | 0;
    const low = hash % 0x200000;
    let i = this.slot(high, low);
    while (this.docs[i] !== -1) i = (i + 1) & this.mask;
    this.high[i] = high;
    this.low[i] = low;
    this.docs[i] = doc;
  }

  private slot(high: number, low: number): number {
    return (Math.imul(high ^ Math.imul(low, 0x9e3779b1), 0x85ebca6b) >>> 0) & this.mask;
  }
}
