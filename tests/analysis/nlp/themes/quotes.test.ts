/**
 * Example quotes are originals: never a retweet ("RT @…" or flagged by the
 * export), one per flood of copies (with its number of copies), customers
 * before the brand.
 */
import { describe, expect, it } from 'vitest';
import { nearIdentical } from '../../../../src/analysis/nlp/phrases/floods.ts';
import { isRetweetText } from '../../../../src/analysis/nlp/retweets.ts';
import { tokenizeStems } from '../../../../src/analysis/nlp/phrases/tokenize.ts';
import { findThemes, type TextMessage, type ThemesResult } from '../../../../src/analysis/nlp/themes/index.ts';
import { AIRLINE_CSV, TWCS_CSV, haveData, loadAirline, loadTwcs } from './datasets.ts';
import { HOUR, T0, topicMessages } from './synthetic.ts';

const stream = (text: string): number[] => {
  const hashes: number[] = [];
  const stems = tokenizeStems(text, hashes);
  return stems[0] === 'rt' ? hashes.slice(1) : hashes;
};

/** No quote is a retweet, and no two quotes of a theme are copies of each other. */
function checkQuotes(result: ThemesResult, flagged: ReadonlySet<string> = new Set()): void {
  for (const theme of result.themes) {
    for (const r of theme.representatives) {
      expect(isRetweetText(r.text), r.text).toBe(false);
      expect(flagged.has(r.id), r.id).toBe(false);
      expect(r.copies).toBeGreaterThanOrEqual(1);
    }
    const streams = theme.representatives.map((r) => stream(r.text));
    for (let i = 0; i < streams.length; i++) {
      for (let j = i + 1; j < streams.length; j++) {
        const same = streams[i]!.join() === streams[j]!.join() || nearIdentical(streams[i]!, streams[j]!);
        expect(same, `${theme.representatives[i]!.text} ~ ${theme.representatives[j]!.text}`).toBe(false);
      }
    }
  }
}

describe('representatives of a theme full of retweets', () => {
  const battery = topicMessages('battery', 60, T0, 'b');
  // Retweets of the originals, retweets of a post not in the data, and retweets the export flags (no "RT" in the text).
  const retweets: TextMessage[] = battery.slice(0, 30).flatMap((m, i) =>
    Array.from({ length: 4 }, (_, k) => ({ id: `rt${i}-${k}`, text: `RT @fan${k}: ${m.text}`, createdAt: m.createdAt + HOUR, isBrand: false })),
  );
  const orphans: TextMessage[] = Array.from({ length: 80 }, (_, i) => ({ id: `or${i}`, text: 'RT @news: Phone battery fire reported at a store, charger overheats and burned a customer’s hand', createdAt: T0 + i * 1000, isBrand: false }));
  const flagged: TextMessage[] = Array.from({ length: 40 }, (_, i) => ({ id: `fl${i}`, text: `my battery overheats and the charger gets hot, day ${i} of this`, createdAt: T0 + i * 1000, isBrand: false, isRetweet: true }));
  const brand: TextMessage[] = Array.from({ length: 40 }, (_, i) => ({ id: `br${i}`, text: `We are looking into battery overheats with the charger, case ${i}, sorry about your phone battery`, createdAt: T0 + i * 1000, isBrand: true }));
  const messages = [...battery, ...topicMessages('refund', 40, T0, 'r'), ...retweets, ...orphans, ...flagged, ...brand];

  it('quotes originals only, each flood once with its copies', () => {
    const result = findThemes(messages, { brandHandles: ['@AcmePhone'], representatives: 10 });
    checkQuotes(result, new Set(flagged.map((m) => m.id)));
    const theme = result.themes.find((t) => /battery|charger/.test(t.label))!;
    expect(theme.representatives.length).toBeGreaterThanOrEqual(8);
    expect(theme.representatives.every((r) => r.id.startsWith('b'))).toBe(true);
    // An original whose retweets are in the data stands for them all.
    const retweeted = theme.representatives.filter((r) => battery.slice(0, 30).some((m) => m.id === r.id));
    for (const r of retweeted) expect(r.copies).toBeGreaterThanOrEqual(5);
  });

  it('puts customers before the brand when brand messages are analysed', () => {
    const result = findThemes(messages, { brandHandles: ['@AcmePhone'], includeBrandMessages: true });
    checkQuotes(result, new Set(flagged.map((m) => m.id)));
    const theme = result.themes.find((t) => /battery|charger/.test(t.label))!;
    expect(theme.representatives.filter((r) => r.id.startsWith('br'))).toEqual([]);
  });
});

describe.skipIf(!haveData(AIRLINE_CSV))('representatives: airline tweets', () => {
  it('are originals, no two alike', () => {
    const messages = loadAirline();
    checkQuotes(findThemes(messages, { brandHandles: ['@united', '@USAirways', '@AmericanAir', '@SouthwestAir', '@JetBlue', '@VirginAmerica'], bucketMs: 86_400_000 }));
  });
});

describe.skipIf(!haveData(TWCS_CSV))('representatives: customer-support tweets', () => {
  it('are originals, no two alike', () => {
    const messages = loadTwcs();
    const mentioned = [...new Set(messages.filter((m) => !m.isBrand).flatMap((m) => m.text.match(/@[A-Za-z_]\w+/g) ?? []))];
    checkQuotes(findThemes(messages, { brandHandles: mentioned, bucketMs: 86_400_000 }));
  });
});
