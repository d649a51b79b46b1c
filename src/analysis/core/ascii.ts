/**
 * Character classes of regular expressions, within ASCII, on character codes:
 * what the scans that stand in for a pattern on ASCII text (nlp/phrases/word-scan.ts,
 * nlp/sentiment/token-scan.ts) test a character against. NaN (a code past the end
 * of a text) is in none of them.
 */

/** [0-9]. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** [A-Za-z]. */
export function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** [A-Za-z0-9]. */
export function isAlnum(c: number): boolean {
  return isLetter(c) || isDigit(c);
}

/** [A-Za-z0-9_] (`\w` within ASCII). */
export function isWordChar(c: number): boolean {
  return isAlnum(c) || c === 95;
}

/** `\s` within ASCII: tab, line feed, vertical tab, form feed, carriage return, space. */
export function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}
