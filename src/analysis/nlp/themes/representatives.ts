/**
 * Representative messages: the *typical* members of a theme, not the
 * loudest. Each theme is a centroid over its phrases (weight = share of the
 * theme's messages using the phrase); a message's typicality is the cosine
 * between its phrase set and that centroid. Messages that use the theme's
 * common phrases, and not just one fringe phrase, rank highest. For
 * variety, a message using exactly the same theme phrases as one already
 * picked waits until no other kind is left.
 */

/** What {@link pickRepresentatives} needs to know about documents. */
export interface RepresentativeInput {
  /** The theme's phrase ids. */
  phrases: readonly number[];
  docsOf: ReadonlyMap<number, Int32Array>;
  weight: Int32Array;
  /** Token count per document (very short or very long texts illustrate poorly). */
  tokenCount: Int32Array;
  /** How many to pick. */
  count: number;
}

const MIN_TOKENS = 5;
const MAX_TOKENS = 80;

/** Pick representative documents; returns document indices, most typical first. */
export function pickRepresentatives(input: RepresentativeInput): number[] {
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

  const scored: { doc: number; cos: number; fits: boolean; signature: string }[] = [];
  for (const [doc, list] of hits) {
    let dot = 0;
    for (const p of list) dot += phraseWeight.get(p)! / volume;
    const tokens = input.tokenCount[doc]!;
    const signature = [...list].sort((a, b) => a - b).join(',');
    scored.push({ doc, cos: dot / (Math.sqrt(list.length) * norm), fits: tokens >= MIN_TOKENS && tokens <= MAX_TOKENS, signature });
  }
  scored.sort(
    (a, b) =>
      Number(b.fits) - Number(a.fits) ||
      b.cos - a.cos ||
      input.weight[b.doc]! - input.weight[a.doc]! ||
      a.doc - b.doc,
  );
  const picked: number[] = [];
  const used = new Set<string>();
  const deferred: number[] = [];
  for (const s of scored) {
    if (picked.length >= input.count) break;
    if (used.has(s.signature)) deferred.push(s.doc);
    else {
      used.add(s.signature);
      picked.push(s.doc);
    }
  }
  for (const doc of deferred) {
    if (picked.length >= input.count) break;
    picked.push(doc);
  }
  return picked;
}
