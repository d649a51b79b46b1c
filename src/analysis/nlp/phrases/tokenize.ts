/**
 * Fast regex tokenizer (~150k+ short posts/s on one core).
 *
 * Produces the *match stream*: lower-cased, stemmed tokens with URLs,
 * @mentions, HTML entities, redaction marks (XXXX) and filler words
 * (articles, possessives, auxiliaries) removed. Dropping fillers lets one
 * key match many phrasings: "lost my bag", "lost the bag" and "bag was lost"
 * reduce to "lose bag" / "bag lose". The same function normalises
 * dictionary phrases and fault keywords, so keys always agree.
 */
import { fnv1a } from './hash.ts';
import { stemWord } from './stem.ts';
import { HASHTAG, scanWords } from './word-scan.ts';
import { WordTable } from '../../core/word-table.ts';

const CAMEL_RE = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g;
const REDACTION_RE = /^x{2,}$/;

/**
 * Words that carry no topic and are dropped from the match stream. Kept
 * small on purpose: negations, prepositions and "no"/"still" stay, because
 * "on hold", "still no refund" and "not working" depend on them.
 */
export const FILLER_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'my', 'our', 'your', 'his', 'her', 'their', 'its', 'this', 'that', 'these',
  'those', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'has', 'have', 'had', 'ur',
  'very', 'really', 'so', 'just',
]);

/** A tokenized text: parallel arrays, one entry per kept token. */
export interface Tokens {
  /** Normalised keys (see {@link stemWord}). */
  stems: string[];
  /** Lower-cased surface words as written (apostrophes removed). */
  surfaces: string[];
  /** Start offset of each token in the original text (UTF-16 units). */
  starts: number[];
  /** End offset (exclusive) of each token in the original text. */
  ends: number[];
}

function normaliseWord(raw: string): string {
  const lower = raw.toLowerCase();
  return lower.includes("'") || lower.includes('’') ? lower.replace(/['’]/g, '') : lower;
}

/** What one raw word becomes: its surface and stem, or null when dropped. */
interface WordKey {
  surface: string;
  stem: string;
  /** FNV-1a of the stem, 30 bits (a small integer, cheap to store): a token id for comparing streams (floods.ts). */
  hash: number;
}

// Bounded: a million noisy posts must not grow it without limit.
const WORD_CACHE_LIMIT = 300_000;
const wordCache = new WordTable<WordKey | null>(WORD_CACHE_LIMIT);

/** Raw word → surface + stem, or null when dropped. */
function makeKey(raw: string): WordKey | null {
  const surface = normaliseWord(raw);
  const stem = FILLER_WORDS.has(surface) || REDACTION_RE.test(surface) ? null : stemWord(surface);
  return stem === null ? null : { surface, stem, hash: fnv1a(stem) & 0x3fffffff };
}

/**
 * Tokenize into the match stream with original offsets.
 * @param text raw message text
 */
export function tokenize(text: string): Tokens {
  const out: Tokens = { stems: [], surfaces: [], starts: [], ends: [] };
  eachKey(text, (key, start, end) => {
    out.stems.push(key.stem);
    out.surfaces.push(key.surface);
    out.starts.push(start);
    out.ends.push(end);
  });
  return out;
}

/**
 * The kept tokens of `text` in order, with their offsets: words as they are,
 * hashtags read as words ("#LostLuggage" as "lost luggage"; "#unitedfail"
 * stays one word).
 */
function eachKey(text: string, visit: (key: WordKey, start: number, end: number) => void): void {
  scanWords(text, (kind, start, end) => {
    if (kind === HASHTAG) {
      const body = text.slice(start, end);
      CAMEL_RE.lastIndex = 0;
      let any = false;
      for (let p = CAMEL_RE.exec(body); p !== null; p = CAMEL_RE.exec(body)) {
        any = true;
        // Cached: the same words recur constantly.
        const key = wordCache.get(body, p.index, p.index + p[0].length, makeKey);
        if (key !== null) visit(key, start + p.index, start + p.index + p[0].length);
      }
      if (any) return;
    }
    const key = wordCache.get(text, start, end, makeKey);
    if (key !== null) visit(key, start, end);
  });
}

/**
 * Tokenize into stems only (the hot path for counting over every message).
 * Same stream as {@link tokenize}, without offsets.
 * @param hashes when given, receives the hash of each stem (FNV-1a, 30 bits), in step with the stems
 */
export function tokenizeStems(text: string, hashes?: number[]): string[] {
  const stems: string[] = [];
  eachKey(text, (key) => {
    stems.push(key.stem);
    hashes?.push(key.hash);
  });
  return stems;
}

/**
 * Text cleaned for compromise: URLs, mentions, entities and redactions
 * replaced by spaces, lower-cased (tweets' random capitalisation makes the
 * tagger call ordinary words proper nouns).
 */
export function cleanForTagger(text: string): string {
  return text
    .replace(/https?:\/\/\S+|www\.\S+|[@＠]\w+/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&(?:lt|gt|quot|apos|nbsp|#\d+);/g, ' ')
    .replace(/\b[xX]{2,}\b/g, ' ')
    // Split camel-case hashtags exactly as the tokenizer does, so keys agree.
    .replace(/#([\p{L}\p{N}_]+)/gu, (_all, body: string) => ' ' + (body.match(CAMEL_RE) ?? [body]).join(' ') + ' ')
    .toLowerCase();
}
