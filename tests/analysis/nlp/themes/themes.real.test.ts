/**
 * Themes on real exports (../shared/data). Skips visibly when absent.
 * Prints the top 10 themes of each set so a person can judge them.
 */
import { describe, expect, it } from 'vitest';
import { findThemes, type ThemesResult } from '../../../../src/analysis/nlp/themes/index.ts';
import { AIRLINE_CSV, CFPB_CSV, TWCS_CSV, haveData, loadAirline, loadCfpb, loadTwcs } from './datasets.ts';

function show(name: string, result: ThemesResult): string[] {
  const labels = result.themes.slice(0, 10).map((t) => t.label);
  console.log(
    `[themes] ${name}: ${result.messageCount} messages, ${result.distinctTexts} distinct\n` +
      result.themes
        .slice(0, 10)
        .map((t, i) => `  ${i + 1}. ${t.label} (${t.messageCount}) — ${t.phrases.slice(0, 5).map((p) => p.phrase).join(', ')}`)
        .join('\n'),
  );
  return labels;
}

describe.skipIf(!haveData(AIRLINE_CSV))('themes: airline tweets', () => {
  it('names delays, cancellations, bags and phone/hold problems in the top 10', () => {
    const result = findThemes(loadAirline(), { brandHandles: ['@united', '@USAirways', '@AmericanAir'], bucketMs: 86_400_000 });
    const labels = show('airline', result);
    expect(labels.length).toBe(10);
    for (const re of [/delay|late/, /cancel/, /bag|luggage/, /hold|call|phone/]) {
      expect(labels.some((l) => re.test(l)), `${re} in ${labels.join(' | ')}`).toBe(true);
    }
    expect(labels.some((l) => /united|american|airways/.test(l))).toBe(false);
    expect(result.contextTerms.map((c) => c.phrase)).toContain('flight');
    for (const t of result.themes) expect(t.representatives.length).toBeGreaterThanOrEqual(3);
  });
});

describe.skipIf(!haveData(TWCS_CSV))('themes: customer-support tweets', () => {
  it('finds product/service themes and never a brand handle', () => {
    const messages = loadTwcs();
    // The brands are the accounts customers address.
    const mentioned = [...new Set(messages.filter((m) => !m.isBrand).flatMap((m) => m.text.match(/@[A-Za-z_]\w+/g) ?? []))];
    const result = findThemes(messages, { brandHandles: mentioned, bucketMs: 86_400_000 });
    const labels = show('twcs', result);
    expect(labels.length).toBeGreaterThanOrEqual(8);
    expect(labels.some((l) => /customer service|delivery|order|account|update|phone|app/.test(l))).toBe(true);
    expect(labels.some((l) => /sprint|amazon|apple|spotify|comcast|chipotle|uber|tesco/.test(l))).toBe(false);
  });
});

describe.skipIf(!haveData(CFPB_CSV))('themes: CFPB complaint narratives', () => {
  it('finds credit-report, debt-collection and identity-theft themes', () => {
    const result = findThemes(loadCfpb(), { bucketMs: 30 * 86_400_000 });
    show('cfpb', result);
    // Among the 15 strongest: identity theft ranks 12th or 13th, next to "balance and due".
    const labels = result.ranking.slice(0, 15).map((t) => t.label);
    for (const re of [/debt|collection/, /dispute|agenc|bureau|report/, /identity|theft|fraud/, /mortgage|loan/]) {
      expect(labels.some((l) => re.test(l)), `${re} in ${labels.join(' | ')}`).toBe(true);
    }
    expect(labels.some((l) => /xx/.test(l))).toBe(false);
  });
});
