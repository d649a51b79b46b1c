/**
 * Candidate-phrase discovery with compromise's part-of-speech tagger.
 *
 * The tagger is slow (~1–3k posts/s), so it only runs on a sample; the
 * phrases it finds are then counted over every message by the fast matcher.
 * Shapes collected (after filler words are dropped):
 *  - noun phrases, as every 1–3 word suffix ending on the head noun
 *    ("customer service", "hold time", "car seat");
 *  - complaint shapes: verb + object ("lost bag", "missed connection",
 *    "cancel flight") and subject + past participle ("flight delayed");
 *  - past participles on their own ("delayed", "stranded", "charged").
 * Hashtags are split and tagged like ordinary words.
 */
import nlp from 'compromise/two';
import { tokenize } from './tokenize.ts';
import { cleanForTagger } from './tokenize.ts';
import { BOILERPLATE, STOPWORDS, isContentStem } from './stopwords.ts';

/** Which shape produced a phrase. */
export type PhraseKind = 'noun' | 'action' | 'participle';

/** A phrase found in the sample. */
export interface DiscoveredPhrase {
  /** Space-joined stems: the matching key. */
  key: string;
  stems: string[];
  /** Lower-cased surface forms seen, with counts (for readable labels). */
  surfaces: Map<string, number>;
  kind: PhraseKind;
  /** How many sampled sentences produced it. */
  sampleCount: number;
  /** How many of those produced it as a noun phrase (a label should be one). */
  nounCount: number;
  /** Surface forms seen where it was a noun phrase, with counts ("call", not "called"). */
  nounSurfaces: Map<string, number>;
}

interface TaggedTerm {
  text: string;
  tags: ReadonlySet<string>;
  /** Punctuation follows the term: phrases must not run across it. */
  breakAfter: boolean;
}

type Role = 'noun' | 'adj' | 'verb' | 'participle' | 'skip' | 'other';

function roleOf(t: TaggedTerm): Role {
  const tags = t.tags;
  if (t.text === '') return 'skip';
  if (tags.has('Pronoun') || tags.has('AtMention') || tags.has('Url') || tags.has('Email')) return 'other';
  if (tags.has('Determiner') || tags.has('Possessive') || tags.has('Copula') || tags.has('Auxiliary')) return 'skip';
  if (tags.has('Value') || tags.has('Emoji') || tags.has('Emoticon')) return 'other';
  if (tags.has('Noun')) return 'noun';
  if (tags.has('PastTense') || tags.has('Participle')) return 'participle';
  if (tags.has('Verb') && !tags.has('Modal')) return 'verb';
  if (tags.has('Adjective')) return 'adj';
  return 'other';
}

/** Collects phrases from one text into `into`; `seen` de-duplicates per text. */
function collect(terms: readonly TaggedTerm[], into: Map<string, DiscoveredPhrase>, seen: Set<string>, maxWords: number): void {
  const roles = terms.map(roleOf);
  const add = (words: readonly string[], kind: PhraseKind): void => {
    const tokens = tokenize(words.join(' '));
    const n = tokens.stems.length;
    if (n === 0 || n > maxWords) return;
    if (STOPWORDS.has(tokens.stems[0]!) || STOPWORDS.has(tokens.stems[n - 1]!)) return;
    if (n === 1 && !isContentStem(tokens.stems[0]!)) return;
    for (const s of tokens.stems) if (BOILERPLATE.has(s) || /^\d/.test(s) || s.length < 2) return;
    const key = tokens.stems.join(' ');
    const surface = tokens.surfaces.join(' ');
    let entry = into.get(key);
    if (entry === undefined) {
      entry = { key, stems: tokens.stems, surfaces: new Map(), kind, sampleCount: 0, nounCount: 0, nounSurfaces: new Map() };
      into.set(key, entry);
    }
    entry.surfaces.set(surface, (entry.surfaces.get(surface) ?? 0) + 1);
    if (kind === 'noun') entry.nounSurfaces.set(surface, (entry.nounSurfaces.get(surface) ?? 0) + 1);
    if (!seen.has(key)) {
      seen.add(key);
      entry.sampleCount++;
    }
    if (kind === 'noun' && !seen.has(`\u0000${key}`)) {
      seen.add(`\u0000${key}`);
      entry.nounCount++;
    }
  };

  // Noun runs: (adj|noun)* ending on a noun.
  let i = 0;
  while (i < terms.length) {
    if (roles[i] !== 'noun' && roles[i] !== 'adj') { i++; continue; }
    let j = i;
    while (j < terms.length && (roles[j] === 'noun' || roles[j] === 'adj')) {
      j++;
      if (terms[j - 1]!.breakAfter) break;
    }
    let end = j - 1;
    while (end >= i && roles[end] !== 'noun') end--;
    if (end >= i) {
      const words = terms.slice(i, end + 1).map((t) => t.text);
      for (let len = 1; len <= Math.min(maxWords, words.length); len++) add(words.slice(-len), 'noun');
      actionAround(terms, roles, i, end, add);
    }
    i = j;
  }
  terms.forEach((t, k) => {
    if (roles[k] === 'participle') add([t.text], 'participle');
  });
}

/** Verb + object before the noun run [start, head]; subject + participle after it. */
function actionAround(
  terms: readonly TaggedTerm[],
  roles: readonly Role[],
  start: number,
  head: number,
  add: (words: readonly string[], kind: PhraseKind) => void,
): void {
  const headWord = terms[head]!.text;
  let v = start - 1;
  while (v >= 0 && roles[v] === 'skip' && !terms[v]!.breakAfter) v--;
  if (v >= 0 && !terms[v]!.breakAfter && (roles[v] === 'verb' || roles[v] === 'participle')) add([terms[v]!.text, headWord], 'action');
  if (terms[head]!.breakAfter) return;
  let p = head + 1;
  while (p < terms.length && roles[p] === 'skip' && !terms[p]!.breakAfter) p++;
  if (p < terms.length && roles[p] === 'participle') add([headWord, terms[p]!.text], 'action');
}

/**
 * Run the tagger over `texts` and return every candidate phrase, keyed by stems.
 * @param maxWords longest phrase kept, in stems (default 3)
 */
export function discoverPhrases(texts: readonly string[], maxWords = 3): Map<string, DiscoveredPhrase> {
  const found = new Map<string, DiscoveredPhrase>();
  // The tagger has a per-call cost, so texts go through in batches, one per
  // line and ended with a full stop so that sentences never merge. (The
  // tagger's main cost is per sentence, so no separator sentences are added:
  // `sampleCount` therefore counts sentences, not texts.)
  for (let i = 0; i < texts.length; i += BATCH) {
    const parts: string[] = [];
    for (const text of texts.slice(i, i + BATCH)) {
      const clean = cleanForTagger(text).replace(/\s+/g, ' ').trim();
      if (clean !== '') parts.push(`${clean.replace(/[\s.!?,;:]*$/, '')}.\n`);
    }
    for (const sentence of nlp(parts.join('')).docs) {
      const terms: TaggedTerm[] = sentence.map((t) => ({
        text: t.text,
        tags: t.tags ?? new Set<string>(),
        breakAfter: /[,;:()\[\]"—–]|\s-\s/.test(t.post),
      }));
      collect(terms, found, new Set<string>(), maxWords);
    }
  }
  return found;
}

/** Texts per tagger call (batching is ~2× faster than one call per text). */
const BATCH = 50;

/** Most frequent surface form (ties: alphabetical) — the readable label of a phrase. */
export function bestSurface(phrase: DiscoveredPhrase): string {
  return mostFrequent(phrase.surfaces);
}

/** Most frequent surface form where the phrase was a noun phrase ("call" of "call"/"called"); else {@link bestSurface}. */
export function bestNounSurface(phrase: DiscoveredPhrase): string {
  return phrase.nounSurfaces.size > 0 ? mostFrequent(phrase.nounSurfaces) : bestSurface(phrase);
}

function mostFrequent(surfaces: ReadonlyMap<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [surface, count] of surfaces) {
    if (count > bestCount || (count === bestCount && surface < best)) {
      best = surface;
      bestCount = count;
    }
  }
  return best;
}

/** Texts per batch of {@link discoverPhrases}: split a sample at multiples of it and the parts tag exactly as the whole. */
export const DISCOVERY_BATCH = BATCH;

/**
 * Merge {@link discoverPhrases} results of consecutive parts of a sample
 * (each a multiple of {@link DISCOVERY_BATCH} texts, but the last), in order:
 * the result equals discovering the whole sample at once — same phrases,
 * counts, first-seen kinds and key order.
 */
export function mergeDiscovered(parts: readonly ReadonlyMap<string, DiscoveredPhrase>[]): Map<string, DiscoveredPhrase> {
  const out = new Map<string, DiscoveredPhrase>();
  for (const part of parts) {
    for (const [key, phrase] of part) {
      const into = out.get(key);
      if (into === undefined) {
        out.set(key, { ...phrase, stems: [...phrase.stems], surfaces: new Map(phrase.surfaces), nounSurfaces: new Map(phrase.nounSurfaces) });
        continue;
      }
      into.sampleCount += phrase.sampleCount;
      into.nounCount += phrase.nounCount;
      for (const [surface, n] of phrase.surfaces) into.surfaces.set(surface, (into.surfaces.get(surface) ?? 0) + n);
      for (const [surface, n] of phrase.nounSurfaces) into.nounSurfaces.set(surface, (into.nounSurfaces.get(surface) ?? 0) + n);
    }
  }
  return out;
}
