/**
 * Finding the words of a text: the spans {@link TOKEN_RE} matches, read
 * character by character where the text is ASCII.
 *
 * Why: the tokenizer runs over every distinct text of a crisis, twice (themes'
 * phrase index and fault matching), and the Unicode regular expression was
 * most of its cost (a million posts' 880k distinct texts: 3.3 s of regex
 * matching alone). Most posts are plain ASCII, where the expression's classes
 * reduce to a few character ranges. Wherever a decision would look at a
 * character outside ASCII (a letter é, a curly apostrophe, an `ſ` that folds to
 * `s` under the `iu` flags), the expression itself takes over from that point,
 * so every text gets exactly the expression's matches.
 */
import { isAlnum, isLetter, isSpace, isWordChar } from '../../core/ascii.ts';

/**
 * The definition of a token. Groups: 1 a skipped span (URL, mention, HTML
 * entity), 2 a hashtag's body, 3 a word.
 */
export const TOKEN_RE =
  /(https?:\/\/\S+|www\.\S+|[@＠]\w+|&(?:amp|lt|gt|quot|apos|nbsp|#\d+);)|#([\p{L}\p{N}_]+)|([\p{L}\p{N}]+(?:['’][\p{L}]+)*)/giu;

/** What a visited span is. */
export const HASHTAG = 2;
export const WORD = 3;

/**
 * Call `visit` for each hashtag body and word of `text`, in order, with its
 * start and end (exclusive, UTF-16 units); skipped spans are not visited.
 * Exactly the group 2 and group 3 matches of {@link TOKEN_RE}.
 */
export function scanWords(text: string, visit: (kind: typeof HASHTAG | typeof WORD, start: number, end: number) => void): void {
  const span = { kind: 0, start: 0, end: 0 };
  let at = 0;
  for (;;) {
    if (!asciiMatch(text, at, span)) {
      // The expression decides from `span.start`: every position before it was ASCII and matched nothing.
      TOKEN_RE.lastIndex = span.start;
      const m = TOKEN_RE.exec(text);
      if (m === null) return;
      at = m.index + m[0].length;
      if (m[2] !== undefined) visit(HASHTAG, m.index + 1, at);
      else if (m[3] !== undefined) visit(WORD, m.index, at);
      continue;
    }
    if (span.kind === 0) return;
    if (span.kind !== SKIPPED) visit(span.kind as typeof HASHTAG | typeof WORD, span.start, span.end);
    at = span.end;
  }
}

const SKIPPED = 1;

/** `text` from `at` starts with the lower-case ASCII `word`, ignoring case; -1 where a non-ASCII character was met. */
function startsWithFolded(text: string, at: number, word: string): 1 | 0 | -1 {
  for (let k = 0; k < word.length; k++) {
    const c = text.charCodeAt(at + k);
    if (c >= 128) return -1;
    // Only letters fold; NaN (past the end) is neither.
    const p = word.charCodeAt(k);
    if (c !== p && !(isLetter(c) && (c | 32) === p)) return 0;
  }
  return 1;
}

/**
 * The next match of {@link TOKEN_RE} from `at`, found within ASCII: sets
 * `span` (kind 0 when there is none) and returns true; or returns false with
 * `span.start` where a non-ASCII character must be decided by the expression.
 */
function asciiMatch(text: string, at: number, span: { kind: number; start: number; end: number }): boolean {
  const n = text.length;
  for (let i = at; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return bail(span, i);
    let end = -1;
    if (c === 104 || c === 72) end = url(text, i, 'http');
    else if (c === 119 || c === 87) end = url(text, i, 'www.');
    if (end === -2) return bail(span, i);
    if (end > 0) return found(span, SKIPPED, i, end);
    if (isAlnum(c)) {
      end = word(text, i);
      return end < 0 ? bail(span, i) : found(span, WORD, i, end);
    }
    if (c === 64 || c === 35) {
      // @mention (\w+) or #hashtag ([\p{L}\p{N}_]+): the same class within ASCII.
      let j = i + 1;
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      if (j < n && text.charCodeAt(j) >= 128) return bail(span, i);
      if (j > i + 1) return c === 64 ? found(span, SKIPPED, i, j) : found(span, HASHTAG, i + 1, j);
      continue;
    }
    if (c === 38) {
      end = entity(text, i);
      if (end === -2) return bail(span, i);
      if (end > 0) return found(span, SKIPPED, i, end);
    }
  }
  span.kind = 0;
  return true;
}

function found(span: { kind: number; start: number; end: number }, kind: number, start: number, end: number): true {
  span.kind = kind;
  span.start = start;
  span.end = end;
  return true;
}

function bail(span: { start: number }, at: number): false {
  span.start = at;
  return false;
}

/**
 * `https?:\/\/\S+` (`prefix` "http") or `www\.\S+` (`prefix` "www.") at `i`:
 * its end, 0 when it does not match, -2 when a non-ASCII character decides.
 */
function url(text: string, i: number, prefix: 'http' | 'www.'): number {
  const head = startsWithFolded(text, i, prefix);
  if (head !== 1) return head === -1 ? -2 : 0;
  let j = i + prefix.length;
  if (prefix === 'http') {
    const s = text.charCodeAt(j);
    if (s >= 128) return -2;
    if (s === 115 || s === 83) j++;
    const sep = startsWithFolded(text, j, '://');
    // Without the optional "s" the next character would have to be ":", which "s" is not: no other way to match.
    if (sep !== 1) return sep === -1 ? -2 : 0;
    j += 3;
  }
  const from = j;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c >= 128) return -2;
    if (isSpace(c)) break;
  }
  return j > from ? j : 0;
}

/** `[\p{L}\p{N}]+(?:['’][\p{L}]+)*` at `i` (an ASCII letter or digit): its end, or -1 when a non-ASCII character decides. */
function word(text: string, i: number): number {
  const n = text.length;
  let j = i + 1;
  while (j < n && isAlnum(text.charCodeAt(j))) j++;
  for (;;) {
    if (j >= n) return j;
    const c = text.charCodeAt(j);
    if (c >= 128) return -1;
    if (c !== 39) return j;
    const next = text.charCodeAt(j + 1);
    if (next >= 128) return -1;
    if (!isLetter(next)) return j;
    j += 2;
    while (j < n && isLetter(text.charCodeAt(j))) j++;
  }
}

const ENTITIES = ['amp;', 'lt;', 'gt;', 'quot;', 'apos;', 'nbsp;'];

/** `&(?:amp|lt|gt|quot|apos|nbsp|#\d+);` at `i`: its end, 0 when it does not match, -2 when a non-ASCII character decides. */
function entity(text: string, i: number): number {
  for (const name of ENTITIES) {
    const r = startsWithFolded(text, i + 1, name);
    if (r === -1) return -2;
    if (r === 1) return i + 1 + name.length;
  }
  if (text.charCodeAt(i + 1) !== 35) return 0;
  let j = i + 2;
  while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
  return j > i + 2 && text.charCodeAt(j) === 59 ? j + 1 : 0;
}
