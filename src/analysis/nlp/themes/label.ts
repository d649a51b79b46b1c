/**
 * Theme labels a person would say: "firmware update", "replacement keypad",
 * "credit reporting agencies" — not "update", "hours / shipped" or
 * "received / sent".
 *
 * In order of preference, from the theme's strongest phrases (those in at
 * least {@link MIN_COUNT_SHARE} as many posts as the leading phrase, and in
 * {@link MIN_COUNT_SHARE} of the theme's posts):
 *  1. a phrase of two or more words, the one most people wrote: a noun
 *     phrase, or (weighted down) a complaint shape ("call locksmith",
 *     "flight delayed"); it must contain the leading phrase, or be used
 *     nearly as often ({@link UNANCHORED_SHARE}), so the label stays on
 *     what the theme is mostly about; a longer phrase that contains it and
 *     most of its uses replaces it ("reporting agencies" → "credit
 *     reporting agencies");
 *  2. the two strongest nouns, joined with "and" ("app and bridge");
 *  3. the strongest noun; else the leading phrase.
 * Each is written in its most frequent surface form (as a noun: "call", not
 * "called"), never as stems. Deterministic: ties go to the stronger phrase.
 */
import { bestNounSurface, bestSurface, type DiscoveredPhrase } from '../phrases/discover.ts';

/** Phrases looked at, strongest first. */
const CONSIDERED = 12;
/** A candidate's count, as a share of the leading phrase's and of the theme's posts. */
const MIN_COUNT_SHARE = 0.1;
/** Weight of a complaint shape against a noun phrase. */
const ACTION_WEIGHT = 0.75;
/** Weight of a phrase that contains the leading phrase. */
const ANCHOR_WEIGHT = 1.5;
/** A phrase that does not contain the leading phrase needs this share of its count. */
const UNANCHORED_SHARE = 0.75;
/** A longer phrase replaces one it contains when it has this share of its count. */
const EXTEND_SHARE = 0.6;
/** The second noun of "a and b" needs this share of the first's score. */
const SECOND_NOUN_SHARE = 0.3;

/** True when the tagger mostly read the phrase as a noun phrase. */
export function isNounPhrase(phrase: DiscoveredPhrase): boolean {
  return phrase.nounCount > 0 && 2 * phrase.nounCount >= phrase.sampleCount;
}

/** True when two stems look like one word's forms ("verify" / "verification", "charge" / "charger"): they share their first five letters, or all of the shorter. */
function sameFamily(a: string, b: string): boolean {
  const n = Math.min(5, a.length, b.length);
  return a.slice(0, n) === b.slice(0, n);
}

/** True when `inner` is a contiguous run of `outer` (and shorter). */
function within(inner: readonly string[], outer: readonly string[]): boolean {
  for (let i = 0; i + inner.length <= outer.length && inner.length < outer.length; i++) {
    if (inner.every((s, k) => outer[i + k] === s)) return true;
  }
  return false;
}

/**
 * Candidate labels of a theme, best first (the caller takes the first not
 * already used by a stronger theme); never empty for a non-empty theme.
 * @param phrases the theme's phrases, strongest first
 * @param count posts per phrase (a flood once)
 * @param posts posts of the theme (a flood once)
 */
export function labelCandidates(
  phrases: readonly number[],
  dictionary: readonly DiscoveredPhrase[],
  score: Float64Array,
  count: Float64Array,
  posts: number,
): string[] {
  if (phrases.length === 0) return [];
  const lead = phrases[0]!;
  const leadStems = dictionary[lead]!.stems;
  const considered = phrases
    .slice(0, CONSIDERED)
    .filter((p) => p === lead || count[p]! >= MIN_COUNT_SHARE * Math.max(count[lead]!, posts));
  const surface = (p: number): string => (isNounPhrase(dictionary[p]!) ? bestNounSurface(dictionary[p]!) : bestSurface(dictionary[p]!));

  const anchored = (p: number): boolean => leadStems.every((s) => dictionary[p]!.stems.includes(s));
  const multi = considered.filter((p) => dictionary[p]!.stems.length >= 2 && (anchored(p) || count[p]! >= UNANCHORED_SHARE * count[lead]!));
  const value = (p: number): number => count[p]! * (isNounPhrase(dictionary[p]!) ? 1 : ACTION_WEIGHT) * (anchored(p) ? ANCHOR_WEIGHT : 1);
  const ranked = multi.map((p) => ({ p, value: value(p) })).sort((a, b) => b.value - a.value || score[b.p]! - score[a.p]! || a.p - b.p);
  const out: string[] = [];
  for (const { p } of ranked) {
    const longer = multi
      .filter((q) => within(dictionary[p]!.stems, dictionary[q]!.stems) && count[q]! >= EXTEND_SHARE * count[p]!)
      .sort((a, b) => count[b]! - count[a]! || a - b)[0];
    out.push(surface(longer ?? p));
  }

  // The leading word counts as a noun when the tagger read it as one a quarter of the time (a hashtag's word is often misread).
  const leadNoun = 4 * dictionary[lead]!.nounCount >= dictionary[lead]!.sampleCount;
  const nouns = considered.filter((p) => dictionary[p]!.stems.length === 1 && (isNounPhrase(dictionary[p]!) || (p === lead && leadNoun)));
  const [first, ...rest] = nouns;
  if (first !== undefined) {
    const second = rest.find((p) => score[p]! >= SECOND_NOUN_SHARE * score[first]! && !sameFamily(dictionary[p]!.stems[0]!, dictionary[first]!.stems[0]!));
    if (second !== undefined) out.push(`${surface(first)} and ${surface(second)}`);
    out.push(surface(first));
  }
  out.push(surface(lead));
  return [...new Set(out)];
}

/** The first candidate not in `used` (else the best one, made distinct by the caller's id suffix). */
export function pickLabel(candidates: readonly string[], used: ReadonlySet<string>): string {
  return candidates.find((c) => !used.has(c)) ?? candidates[0] ?? 'theme';
}
