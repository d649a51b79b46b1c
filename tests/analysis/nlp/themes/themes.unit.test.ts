import { describe, expect, it } from 'vitest';
import { findThemes, THEMES_VERSION, type TextMessage } from '../../../../src/analysis/nlp/themes/index.ts';
import { brandPhraseFilter } from '../../../../src/analysis/nlp/themes/brandFilter.ts';
import { BOILERPLATE_TEXTS, HOUR, T0, topicMessages } from './synthetic.ts';

const ONSET = T0 + 48 * HOUR;

/** Refund and screen complaints first; a battery crisis after the onset; boilerplate throughout. */
function crisis(): TextMessage[] {
  const boilerplate: TextMessage[] = BOILERPLATE_TEXTS.flatMap((text, k) =>
    Array.from({ length: 15 }, (_, i) => ({ id: `bp${k}-${i}`, text, createdAt: T0 + i * HOUR, isBrand: k === 0 })),
  );
  return [
    ...topicMessages('refund', 40, T0, 'r', 'negative'),
    ...topicMessages('screen', 40, T0, 's', 'neutral'),
    ...topicMessages('battery', 60, ONSET, 'b', 'negative'),
    ...boilerplate,
  ];
}

const themeOf = (result: ReturnType<typeof findThemes>, word: string) =>
  result.themes.find((t) => t.label.includes(word));

describe('findThemes on a made-up crisis', () => {
  const messages = crisis();
  const result = findThemes(messages, { brandHandles: ['@AcmePhone'], onset: ONSET, bucketMs: 6 * HOUR });

  it('finds the three topics', () => {
    expect(result.version).toBe(THEMES_VERSION);
    const labels = result.themes.slice(0, 3).map((t) => t.label);
    expect(labels.some((l) => /battery/.test(l))).toBe(true);
    expect(labels.some((l) => /screen/.test(l))).toBe(true);
    expect(labels.some((l) => /refund/.test(l))).toBe(true);
  });

  it('groups co-occurring phrases ("charger" with "battery")', () => {
    const battery = themeOf(result, 'battery')!;
    expect(battery.phrases.map((p) => p.phrase)).toContain('charger');
    expect(battery.messageCount).toBe(60);
    expect(battery.phrases.every((p) => !/refund|screen/.test(p.phrase))).toBe(true);
  });

  it('keeps brand handles, URLs and boilerplate out of every phrase', () => {
    for (const theme of result.themes) {
      for (const p of [theme.label, ...theme.phrases.map((x) => x.phrase)]) {
        expect(p).not.toMatch(/acme|http|t\.co|\bdm\b|please|thanks|hello|morning help/i);
      }
    }
  });

  it('excludes brand messages unless asked', () => {
    expect(result.messageCount).toBe(messages.filter((m) => !m.isBrand).length);
    const withBrand = findThemes(messages, { includeBrandMessages: true, brandHandles: ['AcmePhone'] });
    expect(withBrand.messageCount).toBe(messages.length);
  });

  it('ranks the battery crisis as emerging', () => {
    expect(result.emerging[0]?.label).toMatch(/battery/);
    expect(result.emerging[0]!.shareBefore).toBe(0);
    expect(result.emerging[0]!.growth).toBeGreaterThan(0.5);
    expect(result.emerging.some((e) => /refund|screen/.test(e.label))).toBe(false);
  });

  it('reports volume per bucket, sentiment mix and typical messages', () => {
    const battery = themeOf(result, 'battery')!;
    expect(battery.volume).toHaveLength(result.bucketStarts.length);
    expect(battery.volume.reduce((a, b) => a + b, 0)).toBe(60);
    const firstBucket = result.bucketStarts.findIndex((s) => s >= ONSET);
    expect(battery.volume.slice(0, firstBucket).every((v) => v === 0)).toBe(true);
    expect(battery.sentiment).toEqual({ negative: 60, neutral: 0, positive: 0 });
    expect(battery.representatives).toHaveLength(4);
    expect(new Set(battery.representatives.map((r) => r.id)).size).toBe(4);
    expect(battery.representatives.every((r) => r.id.startsWith('b'))).toBe(true);
    // Typical, and varied: four different texts.
    expect(new Set(battery.representatives.map((r) => r.text)).size).toBe(4);
  });

  it('is deterministic and independent of input order', () => {
    const again = findThemes([...messages].reverse(), { brandHandles: ['@AcmePhone'], onset: ONSET, bucketMs: 6 * HOUR });
    expect(again.themes.map((t) => [t.label, t.messageCount])).toEqual(result.themes.map((t) => [t.label, t.messageCount]));
  });
});

describe('findThemes with a quiet baseline', () => {
  it('weights phrases against the period before baselineEnd', () => {
    const baselineEnd = T0 + 40 * HOUR;
    // Screen complaints are normal here (before and after); the battery is new.
    const messages = [
      ...topicMessages('screen', 60, T0, 'sa'),
      ...topicMessages('screen', 60, ONSET, 'sb'),
      ...topicMessages('battery', 60, ONSET, 'b'),
    ];
    const result = findThemes(messages, { baselineEnd, bucketMs: 6 * HOUR });
    expect(result.weighting).toBe('baseline');
    expect(result.themes[0]!.label).toMatch(/battery|charger/);
  });
});

describe('findThemes edge cases', () => {
  it('handles empty input and texts with no phrases', () => {
    expect(findThemes([]).themes).toEqual([]);
    const r = findThemes([{ id: '1', text: 'thanks!! @acme http://x.y', createdAt: T0, isBrand: false }]);
    expect(r.themes).toEqual([]);
    expect(r.messageCount).toBe(1);
  });
});

describe('brandPhraseFilter', () => {
  const isBrand = brandPhraseFilter(['@AmericanAir', 'USAirways', '@Ask_Spectrum', 'united']);
  it('matches brand names, their parts and handle forms', () => {
    for (const p of [['american'], ['american', 'airlines'], ['americanair'], ['us', 'airways'], ['spectrum'], ['united'], ['united', 'airlines']]) {
      expect(isBrand(p)).toBe(true);
    }
  });
  it('keeps ordinary words and brand-bashing hashtags', () => {
    for (const p of [['bag'], ['customer', 'service'], ['unitedfail'], ['air'], ['spec']]) expect(isBrand(p)).toBe(false);
  });
});
