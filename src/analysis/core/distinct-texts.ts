/**
 * Distinct texts: a crisis's texts collapsed to each distinct one, once.
 * Language work runs per distinct text (retweets and copy-paste floods repeat
 * a text thousands of times), and hashing a million texts costs about a
 * second, so the messages' collapse is made once and shared by whoever needs
 * it: sentiment, themes and the bundle's privacy filter.
 */
import type { MessageRows } from '../model.ts';
import { messageTexts } from './message-table.ts';

/** Exact-duplicate collapse of raw texts. */
export interface DistinctTexts {
  /** Distinct raw texts, in first-seen order. */
  texts: string[];
  /** For each input message: index into `texts`, or -1 when not included. */
  of: Int32Array;
}

/**
 * Collapse identical raw texts.
 * @param include which messages take part (others map to -1)
 */
export function dedupeExact(texts: readonly string[], include: (index: number) => boolean): DistinctTexts {
  const index = new Map<string, number>();
  const distinct: string[] = [];
  const of = new Int32Array(texts.length).fill(-1);
  for (let i = 0; i < texts.length; i++) {
    if (!include(i)) continue;
    const text = texts[i]!;
    let k = index.get(text);
    if (k === undefined) {
      k = distinct.length;
      index.set(text, k);
      distinct.push(text);
    }
    of[i] = k;
  }
  return { texts: distinct, of };
}

/**
 * {@link dedupeExact} of the same texts with fewer of them included, read off
 * `all` (every text included) without hashing a text again.
 */
export function restrictDistinct(all: DistinctTexts, include: (index: number) => boolean): DistinctTexts {
  const remap = new Int32Array(all.texts.length).fill(-1);
  const texts: string[] = [];
  const of = new Int32Array(all.of.length).fill(-1);
  for (let i = 0; i < all.of.length; i++) {
    if (!include(i)) continue;
    const t = all.of[i]!;
    let k = remap[t]!;
    if (k < 0) {
      k = remap[t] = texts.length;
      texts.push(all.texts[t]!);
    }
    of[i] = k;
  }
  return { texts, of };
}

const distinctByRows = new WeakMap<object, DistinctTexts>();

/**
 * The distinct texts of `rows` (a crisis's messages) in first-seen order,
 * and each row's: made once per array (or table) and shared.
 */
export function distinctMessageTexts(rows: MessageRows | readonly { text: string }[]): DistinctTexts {
  let distinct = distinctByRows.get(rows);
  if (!distinct) distinctByRows.set(rows, (distinct = dedupeExact(messageTexts(rows), () => true)));
  return distinct;
}
