/**
 * Phrase-to-phrase similarity from co-occurrence, two ways:
 *  - first order: how often two phrases appear in the same message
 *    (overlap coefficient, counted only when clearly above chance) — joins
 *    sub-phrases ("gate agent"/"gate") and phrases used together;
 *  - second order: cosine of their co-occurrence profiles (positive PMI with
 *    every frequent phrase) — joins synonyms that rarely share a message but
 *    keep the same company ("bag"/"luggage" both go with "lost", "checked").
 * The similarity is the larger of the two.
 */
import { UNIT_TOKENS, type IndexedDocs } from '../phrases/corpus.ts';

/** Inputs of {@link phraseSimilarity}. */
export interface SimilarityInput {
  /** The phrases to compare (dictionary indices). */
  phrases: readonly number[];
  docs: IndexedDocs;
  /** Weight of each document (its evidence weight: a flood's copies weigh 0). */
  weight: Int32Array;
  /** Dictionary size. */
  dictionarySize: number;
  /** Dictionary phrases used as profile dimensions. */
  isContext: (phrase: number) => boolean;
}

/** First-order co-occurrence only counts when at least this many times chance. */
const MIN_LIFT = 2;

/** Symmetric similarity matrix (row-major, phrases.length²), diagonal 1. */
export function phraseSimilarity(input: SimilarityInput): Float64Array {
  const k = input.phrases.length;
  const local = new Map<number, number>();
  input.phrases.forEach((p, i) => local.set(p, i));
  const co = new Float64Array(k * k);
  const profile: Map<number, number>[] = input.phrases.map(() => new Map());
  const { docs } = input;
  const inDoc: number[] = [];
  // Weighted unit counts: all statistics here are per co-occurrence unit.
  const count = new Float64Array(input.dictionarySize);
  let total = 0;
  for (let d = 0; d < docs.count; d++) total += input.weight[d]! * Math.max(1, Math.ceil(docs.tokenCount[d]! / UNIT_TOKENS));
  // Counted per co-occurrence unit (a tweet, or a window of a long text).
  const units = docs.unitDoc.length;
  for (let u = 0; u < units; u++) {
    const from = docs.unitStart[u]!;
    const to = docs.unitStart[u + 1]!;
    inDoc.length = 0;
    const wu = input.weight[docs.unitDoc[u]!]!;
    if (wu === 0) continue;
    for (let j = from; j < to; j++) count[docs.unitPhrases[j]!]! += wu;
    for (let j = from; j < to; j++) {
      const i = local.get(docs.unitPhrases[j]!);
      if (i !== undefined) inDoc.push(i);
    }
    if (inDoc.length === 0) continue;
    for (const a of inDoc) for (const b of inDoc) co[a * k + b]! += wu;
    for (let j = from; j < to; j++) {
      const c = docs.unitPhrases[j]!;
      if (!input.isContext(c)) continue;
      for (const a of inDoc) {
        const prof = profile[a]!;
        prof.set(c, (prof.get(c) ?? 0) + wu);
      }
    }
  }

  // Positive PMI profiles, without the phrase itself.
  const vectors = profile.map((prof, a) => {
    const p = input.phrases[a]!;
    const na = count[p]!;
    const v = new Map<number, number>();
    for (const [c, n] of prof) {
      if (c === p) continue;
      const pmi = Math.log((n * total) / (na * count[c]!));
      if (pmi > 0) v.set(c, pmi);
    }
    return v;
  });
  const norms = vectors.map((v) => {
    let s = 0;
    for (const x of v.values()) s += x * x;
    return Math.sqrt(s);
  });

  const sim = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    sim[a * k + a] = 1;
    const na = count[input.phrases[a]!]!;
    for (let b = a + 1; b < k; b++) {
      const nb = count[input.phrases[b]!]!;
      const both = co[a * k + b]!;
      const lift = (both * total) / (na * nb);
      const first = lift >= MIN_LIFT ? both / Math.min(na, nb) : 0;
      const second = cosine(vectors[a]!, vectors[b]!, norms[a]!, norms[b]!, input.phrases[a]!, input.phrases[b]!);
      sim[a * k + b] = sim[b * k + a] = Math.max(first, second);
    }
  }
  return sim;
}

/** Cosine of two sparse profiles, ignoring the two phrases' own dimensions. */
function cosine(x: Map<number, number>, y: Map<number, number>, nx: number, ny: number, px: number, py: number): number {
  if (nx === 0 || ny === 0) return 0;
  const [small, large] = x.size <= y.size ? [x, y] : [y, x];
  let dot = 0;
  for (const [c, v] of small) {
    if (c === px || c === py) continue;
    const w = large.get(c);
    if (w !== undefined) dot += v * w;
  }
  return dot / (nx * ny);
}
