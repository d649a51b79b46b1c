/**
 * An agent's signature at the end of a brand reply → `[name]`, in the forms
 * customer-service accounts use (seen in the TWCS replies): initials or a
 * first name after a caret ("^KM", "^Tanuj"), initials after a slash
 * (Spotify's " /LS"), a name after a dash or tilde ("-Sabi", "- Anwar",
 * "Thanks-Emir", "soon-Yana", "~ Vicky", "– Jo, Latchly Support", "— Becca C."),
 * initials or a name after an asterisk ("*HWG", "*KimberlyG") or a first
 * name alone after the last sentence ("…went well. Lewis"). Only the
 * last such mark before the end counts (trailing URLs, emoji and punctuation
 * aside), so a dash or slash inside a sentence is never read as one.
 */
import { NAME_TOKEN, NAME_WORD, isGivenName, mayBeSurnameWord, nameClass } from './privacy-lexicon.ts';

/** What may follow a signature up to the end: punctuation, symbols, emoji, URLs, spaces. */
const TRAILER = String.raw`(?=(?:[ \t]*(?:[\p{P}\p{S}\p{Extended_Pictographic}\u200d\ufe0f]|https?:\/\/\S+))*\s*$)`;

// Sticky: tried only at the position of a candidate mark, never scanned.
const CARET = new RegExp(String.raw`\^[ \t]?(\p{L}{1,12})${TRAILER}`, 'duy');
// Initials (" /PB") or a name (" / Beth").
const SLASH = new RegExp(String.raw`\/(?:(\p{Lu}{2,3})|[ \t]?(${NAME_WORD}))(?![\p{L}\p{N}_])${TRAILER}`, 'duy');
// Initials or a name run together, as some airlines and cable companies sign: "*HWG", "*KimberlyG"; not "*Sigh*".
const ASTERISK = new RegExp(String.raw`\*(\p{Lu}\p{L}{1,23})(?!\*)${TRAILER}`, 'duy');
// A name, optionally a second word or initial, optionally ", Brand Support".
const DASH = new RegExp(
  String.raw`[-–—~][ \t]?(${NAME_WORD})(?:[ \t]+(\p{Lu}\.?|${NAME_WORD}))?(?![\p{L}\p{N}_])(?:,[ \t]*\p{Lu}[\p{L}&'’]*(?:[ \t]+\p{Lu}[\p{L}&'’]*){0,3})?${TRAILER}`,
  'duy',
);

/** Chat abbreviations a caret may precede in a customer's own text ("… back to me? ^LOL"). */
const CARET_NOT_NAMES = new Set(['LOL', 'LMAO', 'ROFL', 'OMG', 'WTF', 'SMH', 'FYI', 'BTW', 'TBH', 'IMO', 'IMHO', 'TY', 'THX', 'PLS', 'PLZ', 'FTW', 'NOT', 'YES', 'NO', 'UP', 'HA', 'HAHA']);

/** The word a dash is glued to, if any ("soon-Yana", "Thanks-Emir"). */
const GLUED_WORD = /\p{L}+$/u;
/** Closing words a signature is glued to: after them any capitalised word is the agent ("Thanks-Mi"). */
const CLOSING_WORD = /^(?:[Tt]hanks|[Ss]orry|[Cc]heers|[Rr]egards)$/;
/** Prefixes glued to a capitalised word that make a compound, not a signature ("anti-Trump", "mid-October"). */
const PREFIX_WORD = /^(?:anti|non|mid|pro|ex|pre|post|un|semi|pan|trans|inter|multi|all|self|co|re|de|neo|pseudo|quasi|ultra|super|sub|over|under)$/;

/** How far from the end a signature may start: the longest one ("– Jo, Latchly Support") plus trailing URLs and emoji. */
export const SIGNATURE_REACH = 120;

const CARET_CODE = 0x5e;
const SLASH_CODE = 0x2f;
const ASTERISK_CODE = 0x2a;
// - ~ – —
const isDashCode = (c: number) => c === 0x2d || c === 0x7e || c === 0x2013 || c === 0x2014;
const isSpaceCode = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a;
const isUpperAscii = (c: number) => c >= 65 && c <= 90;

const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAsciiWord = (c: number) => isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 95;
/** A capital or any non-ASCII character (which may be a capital). */
const mayBeCapital = (c: number) => isUpperAscii(c) || c > 0x7f;

/**
 * Masks the agent's signature closing the text, if it has one. `keep` holds
 * the crisis's brand words. Walks back over the last SIGNATURE_REACH
 * characters; a pattern is tried only at a mark whose neighbours fit, so a
 * text without one costs this short loop alone.
 */
export function maskSignature(text: string, keep: ReadonlySet<string>): string {
  for (let i = text.length - 2, stop = Math.max(0, text.length - SIGNATURE_REACH); i >= stop; i--) {
    const c = text.charCodeAt(i);
    if (c !== CARET_CODE && c !== SLASH_CODE && c !== ASTERISK_CODE && !isDashCode(c)) continue;
    const prev = i > 0 ? text.charCodeAt(i - 1) : 0x20;
    const next = text.charCodeAt(i + 1);
    const afterSpace = next === 0x20 || next === 0x09 ? text.charCodeAt(i + 2) : next;
    if (c === CARET_CODE) {
      // Not glued to a word or number ("x^2"); a letter follows ("^KM", "^ Ko").
      if (isAsciiWord(prev) || !(isAsciiLetter(afterSpace) || afterSpace > 0x7f) || (i > 0 && /[\p{L}\p{N}]/u.test(text[i - 1]!))) continue;
      const m = at(CARET, text, i);
      if (m && !CARET_NOT_NAMES.has(m[1]!.toUpperCase())) return replaceGroup(text, m, 1);
    } else if (c === SLASH_CODE) {
      // " /LS", " / Beth": after a space, before a capital (a URL's slashes never are).
      if (!isSpaceCode(prev) || !isUpperAscii(afterSpace)) continue;
      const m = at(SLASH, text, i);
      if (m && (m[1] !== undefined || nameClass(m[2]!, keep) !== 'word')) return replaceGroup(text, m, m[1] !== undefined ? 1 : 2);
    } else if (c === ASTERISK_CODE) {
      if (!isSpaceCode(prev) || !isUpperAscii(next)) continue;
      const m = at(ASTERISK, text, i);
      if (m && !CARET_NOT_NAMES.has(m[1]!.toUpperCase())) return replaceGroup(text, m, 1);
    } else if (isDashCode(c)) {
      // A capital follows; glued, the dash follows a lower-case word that is no prefix ("Wi-Fi", "T-Mobile", "anti-Trump" are compounds).
      if (isUpperAscii(prev) || (prev >= 48 && prev <= 57) || prev === 95) continue;
      if (!mayBeCapital(afterSpace)) continue;
      const glued = GLUED_WORD.exec(text.slice(Math.max(0, i - 16), i))?.[0];
      const closing = glued !== undefined && CLOSING_WORD.test(glued);
      if (glued !== undefined && !closing && (/\p{Lu}/u.test(glued) || PREFIX_WORD.test(glued))) continue;
      const m = at(DASH, text, i);
      if (m) return maskDashSignature(text, m, closing, keep) ?? text;
    }
  }
  return maskClosingName(text, keep);
}

const isLowerAscii = (c: number) => c >= 97 && c <= 122;

/**
 * A first name alone closing the text after the last sentence or on its own
 * line ("Glad it went well. Lewis", "…in touch!\nDanny"): masked when the
 * lexicon knows it as a given name. Walks back from the end, no pattern.
 */
function maskClosingName(text: string, keep: ReadonlySet<string>): string {
  let end = text.length;
  while (end > 0 && isSpaceCode(text.charCodeAt(end - 1))) end--;
  const url = text.lastIndexOf('http', end);
  if (url > 0 && isSpaceCode(text.charCodeAt(url - 1)) && !/\s/.test(text.slice(url, end))) {
    end = url;
    while (end > 0 && isSpaceCode(text.charCodeAt(end - 1))) end--;
  }
  let start = end;
  while (start > 0 && isLowerAscii(text.charCodeAt(start - 1))) start--;
  if (start === end || start === 0 || !isUpperAscii(text.charCodeAt(start - 1))) return text;
  start--;
  if (!SENTENCE_BEFORE.test(text.slice(Math.max(0, start - 4), start))) return text;
  if (!isGivenName(text.slice(start, end), keep)) return text;
  return text.slice(0, start) + NAME_TOKEN + text.slice(end);
}

/** The end of a sentence or a line right before a closing name. */
const SENTENCE_BEFORE = /(?:[.!?)][ \t]+|\n[ \t]*)$/;

/** The text with one captured group of a match replaced by `[name]`. */
function replaceGroup(text: string, m: RegExpExecArray, group: number): string {
  const [start, end] = m.indices![group]!;
  return text.slice(0, start) + NAME_TOKEN + text.slice(end);
}

function at(pattern: RegExp, text: string, index: number): RegExpExecArray | null {
  pattern.lastIndex = index;
  return pattern.exec(text);
}

/**
 * The text with a dash signature's name masked, or null when its first word
 * is an ordinary word or brand ("- Delta"). Glued to a closing word
 * ("Thanks-Emir", "Thanks-Mi") the dash is a signature whatever the word.
 */
function maskDashSignature(text: string, m: RegExpExecArray, afterClosingWord: boolean, keep: ReadonlySet<string>): string | null {
  const [, first, second] = m;
  const ordinary = nameClass(first!, keep) === 'word' && !isGivenName(first!, keep);
  if (ordinary && !(afterClosingWord && mayBeSurnameWord(first!, keep))) return null;
  const joinsSecond = second !== undefined && (/^\p{Lu}\.?$/u.test(second) || nameClass(second, keep) !== 'word');
  const [start] = m.indices![1]!;
  const [, end] = m.indices![joinsSecond ? 2 : 1]!;
  return text.slice(0, start) + NAME_TOKEN + text.slice(end);
}
