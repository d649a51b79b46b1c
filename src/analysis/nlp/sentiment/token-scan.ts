/**
 * The sentiment tokenizer's pattern (tokenize.ts TOKEN_RE) read as a scan
 * over an ASCII text's character codes, with each word's normalised form
 * looked up by its span of the text.
 *
 * Why: most posts are ASCII, and there the pattern's match arrays, the
 * substrings cut for every word and the lookup of each new string in the
 * normaliser's memo cost more than the scan (the 880k distinct texts of a
 * million posts: 4.2-4.8 s against 5.2-5.4 s; in the analysis, normalizeTerm
 * alone took about 3 CPU s). The pattern stays the definition: a text with
 * any other character is tokenised by it, and the tests hold the scan to it,
 * token for token. No closures are made in the scan: under tsx (the tests,
 * the CLI when its bundle cannot be built) each costs a call naming it, and
 * that made the scan seven times slower than the pattern.
 */
import { isAlnum, isDigit, isLetter, isSpace, isWordChar } from '../../core/ascii.ts';
import { WordTable } from '../../core/word-table.ts';
import { normalizeTerm } from './normalize.ts';

/** Where a scan puts what it finds (tokenize.ts: the TokenizedText being built). */
export interface TokenSink {
  /** A URL (dropped, flagged). */
  url(): void;
  /** A #hashtag's body. */
  hashtag(body: string): void;
  /** An emoticon, as written. */
  emoticon(raw: string): void;
  /** A word or number, normalised, with whether it is written in capitals and its length. */
  word(norm: string, upper: boolean, length: number): void;
  /** A run of ! and ?. */
  marks(exclaims: number, questions: number): void;
  /** Clause punctuation: `.` ends a sentence, `,` a clause. */
  clause(p: '.' | ','): void;
}

/** A word's normalised form and its ALL CAPS flag, kept by its raw text. */
interface WordForm {
  norm: string;
  upper: boolean;
}

// Words of a million posts: some hundreds of thousands distinct; beyond the limit they are normalised each time.
const FORMS = new WordTable<WordForm>(1 << 20);

function wordForm(raw: string): WordForm {
  return { norm: normalizeTerm(raw), upper: isUpper(raw) };
}

/** ALL CAPS: >= 2 ASCII letters and no lower-case ones. */
export function isUpper(w: string): boolean {
  let letters = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) letters++;
  }
  return letters >= 2;
}

/** An emoticon's mouth: `[)\](\[dDpP/\\|oO@]`. */
const MOUTHS = new Set([...')](\\[dDpP/\\|oO@'].map((c) => c.charCodeAt(0)));
/** An emoticon's nose: `[-'^o*]`. */
const NOSES = new Set([..."-'^o*"].map((c) => c.charCodeAt(0)));

/**
 * Scans `text` as TOKEN_RE's global matches would find it, into `sink`;
 * false, with nothing sent, when the text is not all ASCII.
 */
export function scanAsciiTokens(text: string, sink: TokenSink): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) > 0x7f) return false;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    // The alternatives in the pattern's order, each only where its first character can start it.
    const url = c === 104 || c === 119 ? urlEnd(text, i, n) : -1;
    if (url > 0) {
      sink.url();
      i = url;
      continue;
    }
    if (c === 64 || c === 35) {
      let j = i + 1;
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      if (j > i + 1) {
        if (c === 35) sink.hashtag(text.slice(i + 1, j));
        i = j;
        continue;
      }
    }
    const emoticon = emoticonEnd(text, i, n);
    if (emoticon > 0) {
      sink.emoticon(text.slice(i, emoticon));
      i = emoticon;
      continue;
    }
    if (isAlnum(c)) {
      let j = i + 1;
      while (j < n && isAlnum(text.charCodeAt(j))) j++;
      // (?:'[A-Za-z]+)*
      while (j + 1 < n && text.charCodeAt(j) === 39 && isLetter(text.charCodeAt(j + 1))) {
        j += 2;
        while (j < n && isLetter(text.charCodeAt(j))) j++;
      }
      const form = FORMS.get(text, i, j, wordForm);
      sink.word(form.norm, form.upper, j - i);
      i = j;
      continue;
    }
    if (c === 33 || c === 63) {
      let exclaims = 0;
      let questions = 0;
      let j = i;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d === 33) exclaims++;
        else if (d === 63) questions++;
        else break;
      }
      sink.marks(exclaims, questions);
      i = j;
      continue;
    }
    if (c === 46 || c === 44 || c === 59 || c === 58) {
      let j = i + 1;
      while (j < n && isClausePunctuation(text.charCodeAt(j))) j++;
      sink.clause(c === 46 ? '.' : ',');
      i = j;
      continue;
    }
    // \s[-–—]+\s
    if (isSpace(c) && i + 1 < n && text.charCodeAt(i + 1) === 45) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) === 45) j++;
      if (j < n && isSpace(text.charCodeAt(j))) {
        sink.clause(',');
        i = j + 1;
        continue;
      }
    }
    i++;
  }
  return true;
}

/** `[.,;:]`. */
function isClausePunctuation(c: number): boolean {
  return c === 46 || c === 44 || c === 59 || c === 58;
}

/** Where `https?:\/\/\S+|www\.\S+` matching at `i` ends; −1 when it does not match there. */
function urlEnd(text: string, i: number, n: number): number {
  let j: number;
  if (text.startsWith('http', i)) {
    j = i + 4;
    if (text.charCodeAt(j) === 115) j++;
    if (!text.startsWith('://', j)) return -1;
    j += 3;
  } else if (text.startsWith('www.', i)) j = i + 4;
  else return -1;
  const start = j;
  while (j < n && !isSpace(text.charCodeAt(j))) j++;
  return j > start ? j : -1;
}

/**
 * Where the emoticon alternative matching at `i` ends; −1 when it does not:
 * `(?<![0-9])(?:<\/?3|[:;=][-'^o*]?MOUTH|\(:|\^_?\^|-_-)(?![A-Za-z0-9])`,
 * each optional character tried with, then without, as the pattern backtracks.
 */
function emoticonEnd(text: string, i: number, n: number): number {
  if (i > 0 && isDigit(text.charCodeAt(i - 1))) return -1;
  // Past the end, charCodeAt is NaN, which matches no character.
  const c1 = text.charCodeAt(i + 1);
  const c2 = text.charCodeAt(i + 2);
  switch (text.charCodeAt(i)) {
    case 60: // <3 </3
      return either(text, n, c1 === 47 && c2 === 51 ? i + 3 : -1, c1 === 51 ? i + 2 : -1);
    case 58:
    case 59:
    case 61: // [:;=] nose? mouth
      return either(text, n, NOSES.has(c1) && MOUTHS.has(c2) ? i + 3 : -1, MOUTHS.has(c1) ? i + 2 : -1);
    case 40: // (:
      return either(text, n, c1 === 58 ? i + 2 : -1, -1);
    case 94: // ^_^ ^^
      return either(text, n, c1 === 95 && c2 === 94 ? i + 3 : -1, c1 === 94 ? i + 2 : -1);
    case 45: // -_-
      return either(text, n, c1 === 95 && c2 === 45 ? i + 3 : -1, -1);
    default:
      return -1;
  }
}

/** The first of two candidate ends (−1: none) that no letter or digit follows: `(?![A-Za-z0-9])`. */
function either(text: string, n: number, a: number, b: number): number {
  if (a > 0 && !(a < n && isAlnum(text.charCodeAt(a)))) return a;
  if (b > 0 && !(b < n && isAlnum(text.charCodeAt(b)))) return b;
  return -1;
}
