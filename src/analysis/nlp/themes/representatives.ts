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

/** Pick representative documents, most typical first. */
export function pickRepresentatives(input: RepresentativeInput): Representative[] {
  const phraseWeight = new Map<number, number>();
  const hits = new Map<number, number[]>();
  let volume = 0;
  const seen = new Set<number>();
  for (const p of input.phrases) {
    let w = 0;
    for (const d of input.docsOf.get(p) ?? []) {
      w += input.weight[d]!;
      let list = hits.get(d);
      if (list === undefined) hits.set(d, (list = []));
      list.push(p);
      if (!seen.has(d)) {
        seen.add(d);
        volume += input.weight[d]!;
      }
    }
    phraseWeight.set(p, w);
  }
  if (volume === 0) return [];
  let norm = 0;
  for (const w of phraseWeight.values()) norm += (w / volume) ** 2;
  norm = Math.sqrt(norm);

  const scored: { doc: number; cos: number; fits: boolean; signature: number; copies: number }[] = [];
  for (const [doc, list] of hits) {
    let dot = 0;
    for (const p of list) dot += phraseWeight.get(p)! / volume;
    const tokens = input.tokenCount[doc]!;
    // Lists are in the order of `phrases` (filled phrase by phrase): the same set hashes the same.
    let signature = 0x811c9dc5;
    for (const p of list) signature = mixHash(signature, p);
    const copies = input.copies[input.foldOf[doc]!]!;
    scored.push({ doc, cos: dot / (Math.sqrt(list.length) * norm), fits: tokens >= MIN_TOKENS && tokens <= MAX_TOKENS, signature, copies });
  }
  // Equally typical: the less copied first (an original over a flood).
  scored.sort((a, b) => Number(b.fits) - Number(a.fits) || b.cos - a.cos || a.copies - b.copies || a.doc - b.doc);
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
  for (const s of scored) {
    if (picked.length >= input.count) break;
    if (usedSignatures.has(s.signature)) deferred.push(s.doc);
    else take(s.doc, s.signature);
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
