/**
 * Deterministic sampling of distinct texts for the slow (tagger) stage.
 * Ordering by content hash makes the sample independent of input order and
 * stable across runs, while still spread uniformly over the data.
 */
import { timeOrder } from '../../core/time-order.ts';
import { StreamStore } from './floods.ts';
import { FoldIndex } from './fold.ts';
import { fnv1a } from './hash.ts';
import { tokenizeStems } from './tokenize.ts';

/**
 * Texts in hash order (ties: input order), by `timeOrder`'s stable radix sort of the 32-bit hashes: no comparator
 * call and no object per text (a comparator sort of an object per text took 16 s of ten million posts' 8.4 million
 * distinct texts; a native sort of hash × 2^21 + position, kept below 2^21 texts, took as long as this: 322–336
 * against 299–385 ms for 880,000 texts).
 */
export function hashOrder(texts: readonly string[]): number[] {
  const hashes = new Float64Array(texts.length);
  for (let i = 0; i < texts.length; i++) hashes[i] = fnv1a(texts[i]!);
  return Array.from(timeOrder(hashes, () => 0));
}

/**
 * Pick up to `maxCount` texts (and at most ~`maxChars` characters) by hash
 * order, one text of each copy-paste flood: a text whose match stream
 * equals, or is near-identical to (floods.ts), one already picked is passed
 * over, so a flood is tagged — and counted as a discovered phrase — once.
 * Only texts the sample reaches are tokenized.
 * @returns indices into `texts`, ascending
 */
export function sampleFolded(texts: readonly string[], maxCount: number, maxChars: number): number[] {
  const store = new StreamStore();
  const index = new FoldIndex(store);
  const seen = new Set<string>();
  const picked: number[] = [];
  let chars = 0;
  for (const i of hashOrder(texts)) {
    if (picked.length >= maxCount || chars >= maxChars) break;
    const hashes: number[] = [];
    const stems = tokenizeStems(texts[i]!, hashes);
    const from = stems[0] === 'rt' ? 1 : 0;
    const key = stems.slice(from).join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    const doc = store.push(hashes, from);
    if (index.find(doc) >= 0) continue;
    index.add(doc);
    picked.push(i);
    chars += texts[i]!.length;
  }
  return picked.sort((a, b) => a - b);
}
