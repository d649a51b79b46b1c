/**
 * Context terms versus themes among very widespread phrases.
 *
 * A phrase in more than `maxShare` of all messages is usually the setting
 * ("flight" in airline complaints): it appears alongside every topic alike.
 * But in a product crisis the object itself ("battery") can be that common
 * and still be the theme. The difference is whether it marks out a subset:
 * a widespread phrase stays a theme candidate when the candidate phrases
 * living mostly inside it (sharing no word or word-prefix with it; at least
 * {@link MIN_CONTAINMENT} of their messages, and {@link MIN_LIFT} times
 * chance) together cover at least {@link MIN_COVERAGE} of its messages:
 * "charger", "overheats" and "fire" fill most of "battery"; only
 * "cancelled" sits inside "flight", and it covers a quarter of it.
 */
import type { DiscoveredPhrase } from '../phrases/discover.ts';

const MIN_CONTAINMENT = 0.7;
const MIN_LIFT = 2.5;
const MIN_COVERAGE = 0.5;

/** Size of the intersection of two ascending arrays. */
export function intersectionSize(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      n++;
      i++;
      j++;
    }
  }
  return n;
}

/** Inputs of {@link splitWidespread}. */
export interface WidespreadInput {
  /** Widespread phrases (share above maxShare). */
  wide: readonly number[];
  /** Ordinary theme candidates, strongest first. */
  candidates: readonly number[];
  dictionary: readonly DiscoveredPhrase[];
  /** Documents of every phrase in `wide` and `candidates` (ascending). */
  docsOf: ReadonlyMap<number, Int32Array>;
  /** Number of documents. */
  documents: number;
}

/**
 * Split widespread phrases into those that still anchor a theme and true
 * context terms. Counts are per distinct document (cheap and sufficient).
 */
export function splitWidespread(input: WidespreadInput): { themes: number[]; context: number[] } {
  const themes: number[] = [];
  const context: number[] = [];
  const mark = new Uint8Array(input.documents);
  for (const p of input.wide) {
    const pDocs = input.docsOf.get(p) ?? new Int32Array(0);
    const pShare = pDocs.length / Math.max(1, input.documents);
    const pStems = input.dictionary[p]!.stems;
    mark.fill(0);
    let covered = 0;
    for (const q of input.candidates) {
      // Variants of the same word ("flight" / "flightled") do not count.
      if (input.dictionary[q]!.stems.some((s) => pStems.some((t) => s.startsWith(t) || t.startsWith(s)))) continue;
      const qDocs = input.docsOf.get(q) ?? new Int32Array(0);
      if (qDocs.length === 0) continue;
      const containment = intersectionSize(qDocs, pDocs) / qDocs.length;
      if (containment < MIN_CONTAINMENT || containment < MIN_LIFT * pShare) continue;
      for (const d of qDocs) {
        if (mark[d] === 0) {
          mark[d] = 1;
          covered++;
        }
      }
    }
    // `covered` counts the containers' documents; those outside p are few by construction.
    (pDocs.length > 0 && covered >= MIN_COVERAGE * pDocs.length ? themes : context).push(p);
  }
  return { themes, context };
}
