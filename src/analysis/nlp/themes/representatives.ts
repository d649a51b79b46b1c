/**
 * Representative messages: the *typical* members of a theme, not the
 * loudest. Each theme is a centroid over its phrases (weight = share of the
 * theme's messages using the phrase); a message's typicality is the cosine
 * between its phrase set and that centroid. Messages that use the theme's
 * common phrases, and not just one fringe phrase, rank highest. For
 * variety, a message using exactly the same theme phrases as one already
 * picked waits until no other kind is left.
 *
 * Quotes are originals: never a retweet, and one per fold cluster (a flood
 * of copies is quoted once, with its number of copies); customers' messages
 * come before the brand's.
 */
import { lazyOrder } from '../../core/lazy-order.ts';
import { mixHash } from '../phrases/floods.ts';

/** An original message a document can be quoted by. */
export interface Quote {
  /** Message index. */
  message: number;
  /** Written by a customer (not the brand). */
  customer: boolean;
}

/** What {@link pickRepresentatives} needs to know about documents. */
export interface RepresentativeInput {
  /** The theme's phrase ids. */
  phrases: readonly number[];
  docsOf: ReadonlyMap<number, Int32Array>;
  /** Messages per document. */
  weight: Int32Array;
  /** Messages per fold cluster, by root. */
  copies: Int32Array;
  /** Root of each document's fold cluster. */
  foldOf: Int32Array;
  /** Token count per document (very short or very long texts illustrate poorly). */
  tokenCount: Int32Array;
  /** An original (non-retweet) message of a document, or null when it has none; called only for documents considered. */
  quote: (doc: number) => Quote | null;
  /** How many to pick. */
  count: number;
}

/** A picked document and the message that quotes it. */
export interface Representative {
  doc: number;
  quote: Quote;
}

const MIN_TOKENS = 5;
const MAX_TOKENS = 80;

/**
 * Arrays over every document that {@link pickRepresentatives} fills for one theme and clears after it, so that the
 * themes of one description share them. Allocated per theme, they were 17 bytes a document each time: ten million
 * posts' 8.4 million documents made 143 MB a theme, zeroed, and V8 starts a marking of its whole heap for about every
 * 64 MB of new buffers.
 */
export class RepresentativeScratch {
  readonly phraseCount: Int32Array;
  readonly dot: Float64Array;
  readonly signature: Int32Array;
  readonly started: Uint8Array;

  constructor(documents: number) {
    this.phraseCount = new Int32Array(documents);
    this.dot = new Float64Array(documents);
    this.signature = new Int32Array(documents);
    this.started = new Uint8Array(documents);
  }

  /** Zeroes the entries of `docs`, the only ones a pick sets. */
  clear(docs: readonly number[]): void {
    for (const d of docs) {
      this.phraseCount[d] = 0;
      this.dot[d] = 0;
      this.signature[d] = 0;
      this.started[d] = 0;
    }
  }
}

/** Pick representative documents, most typical first; `scratch` (cleared again on return) may be shared by the themes of one description. */
export function pickRepresentatives(input: RepresentativeInput, scratch = new RepresentativeScratch(input.weight.length)): Representative[] {
  if (scratch.phraseCount.length !== input.weight.length) throw new Error(`representatives: scratch for ${scratch.phraseCount.length} documents, input has ${input.weight.length}`);
  const touched: number[] = [];
  try {
    return pick(input, scratch, touched);
  } finally {
    scratch.clear(touched);
  }
}

function pick(input: RepresentativeInput, scratch: RepresentativeScratch, touched: number[]): Representative[] {
  // Per document, in arrays over every document (a theme may hold a few hundred thousand: a list and a record
  // each were most of this function's time): its count of the theme's phrases, then its dot product and signature.
  const { phraseCount, dot, signature, started } = scratch;
  const phraseWeight: number[] = [];
  let volume = 0;
  for (const p of input.phrases) {
    let w = 0;
    for (const d of input.docsOf.get(p) ?? []) {
      w += input.weight[d]!;
      if (phraseCount[d]++ === 0) {
        touched.push(d);
        volume += input.weight[d]!;
      }
    }
    phraseWeight.push(w);
  }
  if (volume === 0) return [];
  let norm = 0;
  for (const w of phraseWeight) norm += (w / volume) ** 2;
  norm = Math.sqrt(norm);

  // Phrase by phrase, in the order of `phrases`: each document's sum adds its phrases in that order, and the same
  // set of phrases hashes the same.
  input.phrases.forEach((p, k) => {
    const share = phraseWeight[k]! / volume;
    for (const d of input.docsOf.get(p) ?? []) {
      dot[d]! += share;
      signature[d] = mixHash(started[d] ? signature[d]! : 0x811c9dc5, p);
      started[d] = 1;
    }
  });
  // The cosine in place of the dot product; documents as numbers, sorted by what is in the arrays.
  for (const d of touched) dot[d] = dot[d]! / (Math.sqrt(phraseCount[d]!) * norm);
  const cos = dot;
  const fits = (d: number) => (input.tokenCount[d]! >= MIN_TOKENS && input.tokenCount[d]! <= MAX_TOKENS ? 1 : 0);
  const copiesOf = (d: number) => input.copies[input.foldOf[d]!]!;
  // Equally typical: the less copied first (an original over a flood). Ordered as read, for a few picks: sorting
  // every document a theme touches took 2.1 s of three million posts' themes stage (0.2 s of a million's).
  const scored = lazyOrder(Int32Array.from(touched), (a, b) => fits(b) - fits(a) || cos[b]! - cos[a]! || copiesOf(a) - copiesOf(b) || a - b);
  const picked: Representative[] = [];
  const usedSignatures = new Set<number>();
  const usedClusters = new Set<number>();
  // Quotes are looked up only for documents about to be picked (a theme may hold thousands).
  const deferred: number[] = [];
  const brand: Representative[] = [];
  const take = (doc: number, signature: number | null): void => {
    const root = input.foldOf[doc]!;
    if (usedClusters.has(root)) return;
    const quote = input.quote(doc);
    if (quote === null) return;
    usedClusters.add(root);
    if (!quote.customer) brand.push({ doc, quote });
    else {
      if (signature !== null) usedSignatures.add(signature);
      picked.push({ doc, quote });
    }
  };
  for (const doc of scored) {
    if (picked.length >= input.count) break;
    if (usedSignatures.has(signature[doc]!)) deferred.push(doc);
    else take(doc, signature[doc]!);
  }
  for (const doc of deferred) {
    if (picked.length >= input.count) break;
    take(doc, null);
  }
  for (const rep of brand) {
    if (picked.length >= input.count) break;
    picked.push(rep);
  }
  return picked;
}
