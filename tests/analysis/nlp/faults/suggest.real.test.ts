/**
 * `debrief faults suggest` measured on the airline tweets (issue 12 item 6):
 * a taxonomy written from the nine `negativereason` label names alone
 * (tests/fixtures/taxonomies/airline-plain.yaml), scored on the 6,033 negative
 * tweets with a reason, without and with the suggested keywords applied
 * automatically (all of them, top 10 per fault). The suggestions are computed
 * on the same tweets they are scored on; the split-half figure fits them on
 * the even-numbered tweets and scores the odd-numbered ones.
 *
 * Measured: plain 0.314, with suggestions 0.342; split half 0.320 → 0.331.
 * The target of 0.50 is not reached: a phrase-level seed finds few texts of
 * the faults whose label words people do not write ("bad flight" matches no
 * tweet) and customer-service complaints rarely say "service".
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
    // Measured 0.314 and 0.342.
    expect(before.macroF1).toBeGreaterThanOrEqual(0.3);
    expect(after.macroF1).toBeGreaterThanOrEqual(0.335);
    expect(after.macroF1).toBeGreaterThan(before.macroF1);
    // "bag" and "luggage", found beside "lost luggage", carry lost luggage (measured 0.21 → 0.68).
    expect(after.perLabel['lost_luggage']!.f1).toBeGreaterThanOrEqual(0.6);
  });

  it('and on tweets they were not fitted on', () => {
    const fit = tweets.filter((_, i) => i % 2 === 0);
    const held = tweets.filter((_, i) => i % 2 === 1);
    const before = score(plain, held).macroF1;
    const after = score(suggested(fit), held).macroF1;
    console.log(`[faults] airline split half: plain ${before.toFixed(3)}, with suggestions fitted on the other half ${after.toFixed(3)}`);
    // Measured 0.320 → 0.331.
    expect(after).toBeGreaterThanOrEqual(0.32);
    expect(after).toBeGreaterThan(before);
  });
});
