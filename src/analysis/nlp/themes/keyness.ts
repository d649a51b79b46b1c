/**
 * Keyness: how much more common a phrase is here than expected.
 * score = count × log2(observed / expected), 0 when not over-represented.
 * Count × log-ratio rewards phrases that are both frequent and distinctive:
 * "delayed" (rare in ordinary English) outranks "day" (common everywhere)
 * even when "day" is mentioned as often.
 */

/**
 * Distribution of text lengths, so the expected share of texts containing a
 * word accounts for length: a 500-word complaint contains "asked" far more
 * often than a 15-word tweet does.
 */
export class LengthProfile {
  private readonly lengths: number[] = [];
  private readonly weights: number[] = [];
  readonly total: number;

  /** @param tokenCount tokens per document; @param weight messages per document */
  constructor(tokenCount: ArrayLike<number>, weight: ArrayLike<number>) {
    // Log-spaced bins (~5% wide) keep the per-phrase cost small.
    const bins = new Map<number, { len: number; w: number }>();
    let total = 0;
    for (let d = 0; d < tokenCount.length; d++) {
      const len = Math.max(1, tokenCount[d]!);
      const w = weight[d]!;
      // A flood's copies weigh nothing (an empty bin would divide 0 by 0).
      if (w === 0) continue;
      const key = Math.round(Math.log(len) / Math.log(1.05));
      const bin = bins.get(key);
      if (bin === undefined) bins.set(key, { len: len * w, w });
      else {
        bin.len += len * w;
        bin.w += w;
      }
      total += w;
    }
    for (const key of [...bins.keys()].sort((a, b) => a - b)) {
      const bin = bins.get(key)!;
      this.lengths.push(bin.len / bin.w);
      this.weights.push(bin.w);
    }
    this.total = total;
  }

  /** Expected share of texts containing something that occurs `rate` times per token. */
  share(rate: number): number {
    if (this.total === 0) return 0;
    let expected = 0;
    for (let i = 0; i < this.lengths.length; i++) expected += this.weights[i]! * -Math.expm1(-this.lengths[i]! * rate);
    return expected / this.total;
  }
}

/** Keyness of an observed count against an expected share of `total` texts. */
export function keyness(count: number, total: number, expectedShare: number): { score: number; ratio: number } {
  if (count <= 0 || total <= 0 || expectedShare <= 0) return { score: 0, ratio: 0 };
  const ratio = count / total / expectedShare;
  return { score: ratio > 1 ? count * Math.log2(ratio) : 0, ratio };
}

/** Pseudo-messages of ordinary-English prior blended into a baseline share. */
const PRIOR_WEIGHT = 20;

/**
 * Expected share after the baseline: the quiet period's share, smoothed
 * towards ordinary English so phrases absent from a short baseline do not
 * get infinite lift.
 */
export function baselineShare(countBefore: number, totalBefore: number, priorShare: number): number {
  return (countBefore + PRIOR_WEIGHT * priorShare) / (totalBefore + PRIOR_WEIGHT);
}
