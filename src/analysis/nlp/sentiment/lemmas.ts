/**
 * The lemma and place tables, read from lemmas.json, which
 * scripts/sentiment/build-lemmas.ts builds once with compromise (too slow for
 * the hot path, fine at build time).
 */
import data from './lemmas.json';

/** Surface form -> lemma (lower case). Forms absent are their own lemma. */
export const LEMMA_TABLE: ReadonlyMap<string, string> = new Map(Object.entries(data.lemmas));

/** Single-word place names (compromise City/Country/Region + hub cities), masked as <place>. */
export const PLACE_TERMS: ReadonlySet<string> = new Set(data.places);
