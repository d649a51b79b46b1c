/**
 * Deterministic sampling of distinct texts for the slow (tagger) stage.
 * Ordering by content hash makes the sample independent of input order and
 * stable across runs, while still spread uniformly over the data.
 */
import { fnv1a } from './hash.ts';

/**
 * Pick up to `maxCount` texts (and at most ~`maxChars` characters) by hash order.
 * @returns indices into `texts`, ascending
 */
export function sampleByHash(texts: readonly string[], maxCount: number, maxChars: number): number[] {
  if (texts.length <= maxCount) {
    const total = texts.reduce((sum, t) => sum + t.length, 0);
    if (total <= maxChars) return texts.map((_, i) => i);
  }
  const order = texts.map((t, i) => ({ i, h: fnv1a(t) }));
  order.sort((a, b) => a.h - b.h || a.i - b.i);
  const picked: number[] = [];
  let chars = 0;
  for (const { i } of order) {
    if (picked.length >= maxCount || chars >= maxChars) break;
    picked.push(i);
    chars += texts[i]!.length;
  }
  return picked.sort((a, b) => a - b);
}
