/**
 * `debrief faults suggest` measured on the airline tweets (issue 12 item 6):
 * a taxonomy written from the nine `negativereason` label names alone
 * (tests/fixtures/taxonomies/airline-plain.yaml), scored on the 6,033 negative
 * tweets with a reason, without and with the suggested keywords applied
 * automatically (all of them, top 10 per fault). The suggestions are computed
 * on the same tweets they are scored on; the split-half figure fits them on
 * the even-numbered tweets and scores the odd-numbered ones.
 *
 * Measured: plain 0.314; with the suggestions as plain keywords 0.342 (split
 * half 0.320 → 0.331); as `suggested:` keywords, tried only where the written
 * ones match nothing, 0.364 (split half 0.320 → 0.348). The target of 0.50 is
 * not reached. Tried on this set without gain (same tweets / split half): keyness
 * against the other faults' texts only (0.343 / 0.331), every match of a fault
 * as its seed texts rather than its phrases' (0.326 / 0.325), 25 keywords per
 * fault (0.339 / 0.325), two or three rounds of bootstrapping (0.338 / 0.314,
 * 0.342 / 0.316), a floor on the share of all texts holding a term that are of
 * the fault (≤ 0.333). What limits it: the label words are rarely written — 3
 * of the 6,033 tweets have "bad" within four words of "flight", 9 "long" near
 * "line" — so bad flight has no seed text at all, and customer-service
 * complaints rarely say "service" (352 tweets have "customer" near "service";
 * 2,260 are customer service).
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
    // Measured 0.314 and 0.364.
    expect(before.macroF1).toBeGreaterThanOrEqual(0.3);
    expect(after.macroF1).toBeGreaterThanOrEqual(0.355);
    expect(after.macroF1).toBeGreaterThan(before.macroF1);
    // "bag" and "luggage", found beside "lost luggage", carry lost luggage (measured 0.21 → 0.66).
    expect(after.perLabel['lost_luggage']!.f1).toBeGreaterThanOrEqual(0.6);
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
    // Measured 0.320 → 0.348.
    expect(after).toBeGreaterThanOrEqual(0.34);
    expect(after).toBeGreaterThan(before);
  });
});
