/**
 * Fast multi-phrase matcher over the token stream: a trie of stem ids whose
 * edges live in one numeric-keyed Map (node * stride + tokenId), so a scan
 * costs one Map lookup per token plus one per extra phrase word matched.
 */

/** Callback for every (possibly overlapping) phrase occurrence. */
export type MatchCallback = (phraseIndex: number, startToken: number, endToken: number) => void;

/** Matches a fixed set of phrases (each a sequence of stems) in token streams. */
export class PhraseMatcher {
  /** The phrases, as space-joined stem keys, in index order. */
  readonly keys: readonly string[];
  private readonly vocab = new Map<string, number>();
  private readonly edges = new Map<number, number>();
  private readonly terminal: number[] = [-1];
  private readonly stride: number;
  private readonly byKey: Map<string, number>;
  /** Scratch buffer reused across scans (avoids an allocation per message). */
  private readonly ids: number[] = [];

  /**
   * @param phrases phrase stem sequences; duplicates share the first index
   *   (look them up with {@link indexOf}).
   */
  constructor(phrases: ReadonlyArray<readonly string[]>) {
    for (const phrase of phrases) for (const stem of phrase) {
      if (!this.vocab.has(stem)) this.vocab.set(stem, this.vocab.size);
    }
    this.stride = this.vocab.size + 1;
    const keys: string[] = [];
    const byKey = new Map<string, number>();
    phrases.forEach((phrase) => {
      if (phrase.length === 0) return;
      const key = phrase.join(' ');
      if (byKey.has(key)) return;
      byKey.set(key, keys.length);
      let node = 0;
      for (const stem of phrase) {
        const edge = node * this.stride + this.vocab.get(stem)!;
        let next = this.edges.get(edge);
        if (next === undefined) {
          next = this.terminal.length;
          this.terminal.push(-1);
          this.edges.set(edge, next);
        }
        node = next;
      }
      this.terminal[node] = keys.length;
      keys.push(key);
    });
    this.keys = keys;
    this.byKey = byKey;
  }

  /** Index of a phrase given its space-joined stem key, or -1. */
  indexOf(key: string): number {
    return this.byKey.get(key) ?? -1;
  }

  /** Report every phrase occurrence in a stem stream (longer and shorter overlaps alike). */
  scan(stems: readonly string[], onMatch: MatchCallback): void {
    const n = stems.length;
    const ids = this.ids;
    ids.length = n;
    for (let i = 0; i < n; i++) ids[i] = this.vocab.get(stems[i]!) ?? -1;
    for (let i = 0; i < n; i++) {
      if (ids[i]! < 0) continue;
      let node = 0;
      for (let j = i; j < n; j++) {
        const id = ids[j]!;
        if (id < 0) break;
        const next = this.edges.get(node * this.stride + id);
        if (next === undefined) break;
        node = next;
        const phrase = this.terminal[node]!;
        if (phrase >= 0) onMatch(phrase, i, j + 1);
      }
    }
  }

  /** Distinct phrase indices present in a stem stream, in first-occurrence order. */
  distinct(stems: readonly string[]): number[] {
    const found: number[] = [];
    this.scan(stems, (phrase) => {
      if (!found.includes(phrase)) found.push(phrase);
    });
    return found;
  }
}
