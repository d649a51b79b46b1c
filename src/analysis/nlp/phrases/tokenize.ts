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

// Groups: 1 skipped span (URL, mention, entity), 2 hashtag body, 3 word.
const TOKEN_RE =
  /(https?:\/\/\S+|www\.\S+|[@＠]\w+|&(?:amp|lt|gt|quot|apos|nbsp|#\d+);)|#([\p{L}\p{N}_]+)|([\p{L}\p{N}]+(?:['’][\p{L}]+)*)/giu;

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

const wordCache = new Map<string, WordKey | null>();
// Bounded: a million noisy posts must not grow it without limit.
const WORD_CACHE_LIMIT = 300_000;

/** Raw word → surface + stem (cached: the same words recur constantly). */
function keyOf(raw: string): WordKey | null {
  const hit = wordCache.get(raw);
  if (hit !== undefined) return hit;
  const surface = normaliseWord(raw);
  const stem = FILLER_WORDS.has(surface) || REDACTION_RE.test(surface) ? null : stemWord(surface);
  const key = stem === null ? null : { surface, stem, hash: fnv1a(stem) & 0x3fffffff };
  if (wordCache.size < WORD_CACHE_LIMIT) wordCache.set(raw, key);
  return key;
}

/**
 * Tokenize into the match stream with original offsets.
 * @param text raw message text
 */
export function tokenize(text: string): Tokens {
  const out: Tokens = { stems: [], surfaces: [], starts: [], ends: [] };
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    if (m[1] !== undefined) continue;
    if (m[2] !== undefined) {
      // Hashtags: "#LostLuggage" reads as "lost luggage"; "#unitedfail" stays one word.
      const body = m[2];
      const start = m.index + 1;
      CAMEL_RE.lastIndex = 0;
      let p: RegExpExecArray | null;
      let any = false;
      while ((p = CAMEL_RE.exec(body)) !== null) {
        any = true;
        push(out, keyOf(p[0]), start + p.index, start + p.index + p[0].length);
      }
      if (!any) push(out, keyOf(body), start, start + body.length);
      continue;
    }
    const word = m[3]!;
    push(out, keyOf(word), m.index, m.index + word.length);
  }
  return out;
}

function push(out: Tokens, key: WordKey | null, start: number, end: number): void {
  if (key === null) return;
  out.stems.push(key.stem);
  out.surfaces.push(key.surface);
  out.starts.push(start);
  out.ends.push(end);
}

/**
 * Tokenize into stems only (the hot path for counting over every message).
 * Same stream as {@link tokenize}, without offsets.
 * @param hashes when given, receives the hash of each stem (FNV-1a, 30 bits), in step with the stems
 */
export function tokenizeStems(text: string, hashes?: number[]): string[] {
  const stems: string[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    if (m[1] !== undefined) continue;
    if (m[2] !== undefined) {
      const parts = m[2].match(CAMEL_RE);
      if (parts === null) pushStem(stems, hashes, keyOf(m[2]));
      else for (const part of parts) pushStem(stems, hashes, keyOf(part));
      continue;
    }
    pushStem(stems, hashes, keyOf(m[3]!));
  }
  return stems;
}

function pushStem(stems: string[], hashes: number[] | undefined, key: WordKey | null): void {
  if (key === null) return;
  stems.push(key.stem);
  hashes?.push(key.hash);
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
