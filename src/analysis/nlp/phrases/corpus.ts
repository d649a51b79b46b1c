/**
 * Collapsing a message set into distinct documents, and indexing which
 * dictionary phrases each document holds.
 *
 * Crisis exports are full of retweets and copy-pasted complaints; counting
 * each distinct text once (with a weight) makes every later stage cheaper
 * and keeps representative examples from repeating.
 */
import type { PhraseMatcher } from './matcher.ts';
import { tokenizeStems } from './tokenize.ts';

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

/** Distinct documents (texts equal after tokenizing) with their phrase sets. */
export interface IndexedDocs {
  /** Number of documents. */
  count: number;
  /** For each distinct raw text: its document. */
  docOfText: Int32Array;
  /** For each document: its first raw text (index into the distinct texts). */
  firstText: Int32Array;
  /** For each document: number of tokens in its match stream. */
  tokenCount: Int32Array;
  /** CSR offsets: phrases of doc d are `phrases[phraseStart[d] .. phraseStart[d+1])`. */
  phraseStart: Int32Array;
  /** Distinct phrase indices per document (matcher indices). */
  phrases: Int32Array;
  /**
   * Co-occurrence units: windows of {@link UNIT_TOKENS} tokens. A tweet is
   * one unit; a long complaint is several, so that words far apart in a
   * 500-word narrative do not count as "used together".
   * CSR offsets into `unitPhrases`.
   */
  unitStart: Int32Array;
  /** Distinct phrase indices per unit. */
  unitPhrases: Int32Array;
  /** Document of each unit. */
  unitDoc: Int32Array;
}

/** Window size (tokens) of a co-occurrence unit. */
export const UNIT_TOKENS = 40;

/**
 * Tokenize every distinct text once, merge texts whose token streams are
 * identical (e.g. same words, different @mention, "RT" prefix or URL), and
 * record the distinct dictionary phrases of each document.
 */
export function indexDocuments(texts: readonly string[], matcher: PhraseMatcher): IndexedDocs {
  const byKey = new Map<string, number>();
  const docOfText = new Int32Array(texts.length);
  const firstText: number[] = [];
  const tokenCount: number[] = [];
  const phraseStart: number[] = [0];
  const phrases: number[] = [];
  const unitStart: number[] = [0];
  const unitPhrases: number[] = [];
  const unitDoc: number[] = [];
  const docSet = new Set<number>();
  const unitSets: Set<number>[] = [];
  for (let i = 0; i < texts.length; i++) {
    const stems = tokenizeStems(texts[i]!);
    // A leading "RT" marks a retweet of the same words.
    const key = (stems[0] === 'rt' ? stems.slice(1) : stems).join(' ');
    const known = byKey.get(key);
    if (known !== undefined) {
      docOfText[i] = known;
      continue;
    }
    const doc = firstText.length;
    byKey.set(key, doc);
    docOfText[i] = doc;
    firstText.push(i);
    tokenCount.push(stems.length);
    docSet.clear();
    unitSets.length = 0;
    matcher.scan(stems, (p, start) => {
      docSet.add(p);
      const u = Math.floor(start / UNIT_TOKENS);
      while (unitSets.length <= u) unitSets.push(new Set());
      unitSets[u]!.add(p);
    });
    for (const p of docSet) phrases.push(p);
    phraseStart.push(phrases.length);
    for (const set of unitSets) {
      if (set.size === 0) continue;
      for (const p of set) unitPhrases.push(p);
      unitStart.push(unitPhrases.length);
      unitDoc.push(doc);
    }
  }
  return {
    count: firstText.length,
    docOfText,
    firstText: Int32Array.from(firstText),
    tokenCount: Int32Array.from(tokenCount),
    phraseStart: Int32Array.from(phraseStart),
    phrases: Int32Array.from(phrases),
    unitStart: Int32Array.from(unitStart),
    unitPhrases: Int32Array.from(unitPhrases),
    unitDoc: Int32Array.from(unitDoc),
  };
}
