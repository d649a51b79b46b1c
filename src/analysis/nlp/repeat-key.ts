/**
 * The repeat key: a post's text with what differs between copies of one post
 * removed, so that retweets and copy-paste campaigns share one key (the
 * amplifiers' repeated posts). A pure function of the text: it runs as a
 * per-text task on the host's worker threads.
 */
import { fnv1a } from './phrases/hash.ts';

/** Normalised texts shorter than this many words ("thanks", "any update?") repeat by chance, not by copying. */
export const MIN_REPEAT_WORDS = 4;

/** Only ASCII characters. */
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Text with the parts that differ between copies removed: "RT @x:"
 * prefixes, leading @mentions (who a post is addressed to), links, case,
 * punctuation and spacing.
 */
export function repeatKey(text: string): string {
  const t = text
    .toLowerCase()
    .replace(/^(\s*rt\s+@\w+:?\s*)+/, '')
    .replace(/https?:\/\/\S+|www\.\S+/g, ' ')
    .replace(/^(\s*[@.]\w+[:,]?)+/, '')
    .replace(/&amp;/g, '&');
  // Punctuation becomes a space and runs of spaces one space: one pass over runs of anything but letters, digits and #@&'.
  // On ASCII text \p{L} and \p{N} are a-z, A-Z and 0-9, and the plain class avoids the much slower Unicode-mode scan.
  return (ASCII.test(t) ? t.replace(/[^a-zA-Z0-9#@&']+/g, ' ') : t.replace(/[^\p{L}\p{N}#@&']+/gu, ' ')).trim();
}

/** The repeat key of a text that can be a copy, or null when the key has fewer than {@link MIN_REPEAT_WORDS} words. */
export function copyKey(text: string): string | null {
  const key = repeatKey(text);
  return wordCount(key) < MIN_REPEAT_WORDS ? null : key;
}

/**
 * A 31-bit hash of the text's {@link copyKey}, or -1 when it has none: what a
 * worker thread sends back for each text (a small integer, where the key
 * itself is a string as long as the text). Texts with one hash are copies of
 * one post once their keys are compared (two keys can share a hash).
 */
export function copyKeyHash(text: string): number {
  const key = copyKey(text);
  return key === null ? -1 : fnv1a(key) >>> 1;
}

/** Words in a repeat key (single spaces between words, none at the ends), without splitting it. */
function wordCount(key: string): number {
  let n = 1;
  for (let i = key.indexOf(' '); i >= 0; i = key.indexOf(' ', i + 1)) n++;
  return n;
}
