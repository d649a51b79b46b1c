/**
 * Grouping phrases into themes: average-linkage agglomerative clustering on
 * the co-occurrence similarity of {@link phraseSimilarity}. Deterministic:
 * the most similar pair merges first, ties go to the lower indices.
 */

/** Inputs of {@link groupPhrases}. */
export interface GroupingInput {
  /** Phrase ids, strongest first (a group lists its phrases in this order). */
  phrases: readonly number[];
  /** Similarity matrix over `phrases` (row-major). */
  similarity: Float64Array;
  /** Documents holding each phrase. */
  docsOf: ReadonlyMap<number, Int32Array>;
  /** Messages per document. */
  weight: Int32Array;
  /** Merge while the best average similarity is at least this (default 0.42). */
  threshold?: number;
}

/** The groups (phrase ids, strongest first) and each document's groups. */
export interface Grouping {
  groups: number[][];
  /** Groups of each document (sparse: undefined when none). */
  docGroups: (number[] | undefined)[];
  /** Messages per group. */
  volume: number[];
}

/** Cluster phrases (see module comment). */
export function groupPhrases(input: GroupingInput): Grouping {
  const k = input.phrases.length;
  const threshold = input.threshold ?? 0.42;
  const sim = Float64Array.from(input.similarity);
  const members: (number[] | null)[] = input.phrases.map((_, i) => [i]);
  for (;;) {
    let best = -Infinity;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < k; i++) {
      if (members[i] === null) continue;
      for (let j = i + 1; j < k; j++) {
        if (members[j] === null) continue;
        const s = sim[i * k + j]!;
        if (s > best) {
          best = s;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0 || best < threshold) break;
    // Lance–Williams update for average linkage.
    const ni = members[bi]!.length;
    const nj = members[bj]!.length;
    for (let x = 0; x < k; x++) {
      if (members[x] === null || x === bi || x === bj) continue;
      const s = (ni * sim[bi * k + x]! + nj * sim[bj * k + x]!) / (ni + nj);
      sim[bi * k + x] = sim[x * k + bi] = s;
    }
    members[bi] = [...members[bi]!, ...members[bj]!].sort((a, b) => a - b);
    members[bj] = null;
  }

  const groups = members.filter((m): m is number[] => m !== null).map((m) => m.map((i) => input.phrases[i]!));
  const docGroups: (number[] | undefined)[] = new Array(input.weight.length);
  const volume = groups.map(() => 0);
  groups.forEach((group, g) => {
    for (const p of group) {
      for (const d of input.docsOf.get(p) ?? []) {
        const gs = docGroups[d];
        if (gs === undefined) docGroups[d] = [g];
        else if (gs[gs.length - 1] !== g) gs.push(g);
        else continue;
        volume[g]! += input.weight[d]!;
      }
    }
  });
  return { groups, docGroups, volume };
}
