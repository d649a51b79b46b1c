/**
 * Fast, allocation-light tokenizer for short social posts and tickets.
 *
 * Why not compromise here: its tokenizer runs ~19k posts/s and its tagger
 * ~2k posts/s, while the pipeline must score ~1M posts in well under a
 * minute. A single global regex does the job at ~130k posts/s. compromise is
 * used at *build* time instead (scripts/sentiment/build-lemmas.ts) to produce
 * the lemma table this tokenizer applies via a plain map lookup.
 *
 * Pure TypeScript, no Node-only APIs: runs in the browser too.
 */
import { normalizeTerm } from './normalize.ts';
import { isUpper, scanAsciiTokens, type TokenSink } from './token-scan.ts';

/** Output of {@link tokenize}: parallel arrays plus a few message-level counts. */
export interface TokenizedText {
  /**
   * Normalised tokens. Words are lower-cased, de-elongated and lemmatised
   * (verbs/plurals only); brand names become `<brand>`, airport/flight codes
   * `<code>`, place names `<place>`, numbers `<num>`, emoticons a canonical `:)` / `:(` / ... form,
   * emoji the bare pictograph. Clause punctuation is kept as `.` `,` `!` `?`
   * because it bounds negation scope and contrast.
   */
  tokens: string[];
  /** `caps[i]` is true when token i was written in ALL CAPS (>= 2 letters). */
  caps: boolean[];
  /** `true` for tokens that came from a #hashtag. */
  hashtag: boolean[];
  /** Total number of `!` characters. */
  exclaims: number;
  /** Total number of `?` characters. */
  questions: number;
  /** Number of word tokens (excludes punctuation/emoji). */
  wordCount: number;
  /** Number of word tokens of >= 3 letters written in ALL CAPS. */
  capsWords: number;
  /** Whether the post contained a URL (often neutral news/links). */
  hasUrl: boolean;
}

/*
 * One alternation, tried left to right at each position:
 *  1 URL, 2 @mention, 3 #hashtag body, 4 emoticon, 5 word/number,
 *  6 !/? runs, 7 other clause punctuation, 8 emoji pictograph.
 * Emoticons must not be preceded by a digit ("10:30") nor followed by a
 * letter (":Dallas"), which removes the usual false positives.
 */
const TOKEN_RE =
  /(https?:\/\/\S+|www\.\S+)|(@\w+)|#(\w+)|((?<![0-9])(?:<\/?3|[:;=][-'^o*]?[)\](\[dDpP/\\|oO@]|\(:|\^_?\^|-_-)(?![A-Za-z0-9]))|([A-Za-z0-9]+(?:['’][A-Za-z]+)*)|([!?]+)|([.,;:…]+|\s[-–—]+\s)|(\p{Extended_Pictographic})/gu;

/** Canonical emoticon forms, so the lexicon needs only a few entries. */
const EMOTICON_CANON: Record<string, string> = {
  ')': ':)', ']': ':)', d: ':d', D: ':d', p: ':p', P: ':p', '(': ':(', '[': ':(',
  '/': ':/', '\\': ':/', '|': ':|', o: ':o', O: ':o', '@': ':(',
};

function canonEmoticon(e: string): string {
  if (e === '<3') return '<3';
  if (e === '</3') return '</3';
  if (e === '(:' || e === '^^' || e === '^_^') return ':)';
  if (e === '-_-') return ':|';
  const mouth = e[e.length - 1] ?? '';
  const face = EMOTICON_CANON[mouth] ?? ':|';
  // ";)" is a wink: mostly friendly, keep it apart from ":)".
  return e[0] === ';' && face === ':)' ? ';)' : face;
}

/** Split "NeverAgain" / "customerServiceFail" hashtags into words. */
function splitHashtag(body: string): string[] {
  if (!/[a-z][A-Z]/.test(body)) return [body];
  return body.replace(/([a-z])([A-Z])/g, '$1 $2').split(' ');
}

const NUM = '<num>';

// Module-level helpers rather than closures: tokenize() runs per post.
function push(out: TokenizedText, tok: string, isCaps: boolean, isTag: boolean): void {
  out.tokens.push(tok);
  out.caps.push(isCaps);
  out.hashtag.push(isTag);
}

function pushWord(out: TokenizedText, raw: string, isTag: boolean): void {
  pushNormalized(out, normalizeTerm(raw), isUpper(raw), raw.length, isTag);
}

function pushNormalized(out: TokenizedText, norm: string, upper: boolean, length: number, isTag: boolean): void {
  if (norm === '') return;
  out.wordCount++;
  if (upper && length >= 3) out.capsWords++;
  // "3hrs" / "2days": keep the unit as its own word after <num>.
  const sp = norm.indexOf(' ');
  if (sp > 0) {
    push(out, NUM, false, isTag);
    push(out, norm.slice(sp + 1), upper, isTag);
  } else {
    push(out, norm, upper, isTag);
  }
}

function pushMarks(out: TokenizedText, exclaims: number, questions: number): void {
  out.exclaims += exclaims;
  out.questions += questions;
  push(out, questions ? '?' : '!', false, false);
}

/** The ASCII scan's sink: one object, pointed at the text being tokenised (no closures per post). */
const SINK: TokenSink & { out: TokenizedText } = {
  out: emptyTokens(),
  url() {
    this.out.hasUrl = true;
  },
  hashtag(body) {
    for (const part of splitHashtag(body)) pushWord(this.out, part, true);
  },
  emoticon(raw) {
    push(this.out, canonEmoticon(raw), false, false);
  },
  word(norm, upper, length) {
    pushNormalized(this.out, norm, upper, length, false);
  },
  marks(exclaims, questions) {
    pushMarks(this.out, exclaims, questions);
  },
  clause(p) {
    push(this.out, p, false, false);
  },
};

function emptyTokens(): TokenizedText {
  return { tokens: [], caps: [], hashtag: [], exclaims: 0, questions: 0, wordCount: 0, capsWords: 0, hasUrl: false };
}

/**
 * Tokenise one post. Handles @mentions (dropped: they are addressees, and
 * dropping them keeps brand handles out of learned features), URLs (dropped,
 * flagged), #hashtags (kept as words, camelCase split), emoticons, emoji,
 * ALL CAPS, elongations ("sooooo"), "3hrs" style numbers and clause
 * punctuation. Input is expected to have HTML entities already decoded; a
 * stray `&amp;` only yields the harmless word "amp".
 */
export function tokenize(text: string): TokenizedText {
  const out = emptyTokens();
  SINK.out = out;
  // ASCII text (most posts) by a scan of its characters (token-scan.ts), the same tokens; any other by the pattern.
  return scanAsciiTokens(text, SINK) ? out : tokenizeWithPattern(text, out);
}

/** {@link tokenize} by TOKEN_RE alone, into `out` (the definition the ASCII scan follows; tests compare the two). */
export function tokenizeWithPattern(text: string, out: TokenizedText = emptyTokens()): TokenizedText {
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    if (m[1] !== undefined) {
      out.hasUrl = true;
    } else if (m[2] !== undefined) {
      // @mention: intentionally dropped.
    } else if (m[3] !== undefined) {
      for (const part of splitHashtag(m[3])) pushWord(out, part, true);
    } else if (m[4] !== undefined) {
      push(out, canonEmoticon(m[4]), false, false);
    } else if (m[5] !== undefined) {
      pushWord(out, m[5], false);
    } else if (m[6] !== undefined) {
      const run = m[6];
      let exclaims = 0;
      for (let i = 0; i < run.length; i++) if (run.charCodeAt(i) === 33) exclaims++;
      pushMarks(out, exclaims, run.length - exclaims);
    } else if (m[7] !== undefined) {
      // "." and "…" end a sentence; ",", ";", ":" and dashes a clause.
      const p = m[7].trim()[0];
      push(out, p === '.' || p === '…' ? '.' : ',', false, false);
    } else if (m[8] !== undefined) {
      push(out, m[8], false, false);
    }
  }
  return out;
}

/** True for tokens that end a clause (negation scope stops there). */
export function isClauseBreak(tok: string): boolean {
  return tok === '.' || tok === ',' || tok === '!' || tok === '?';
}
