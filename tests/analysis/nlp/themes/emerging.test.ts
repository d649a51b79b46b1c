/**
 * "Emerging" needs support (emerging.ts): enough of the theme's messages in
 * the recent window, enough messages before the onset, and a significant
 * rise; a theme that grew on fewer is "too few to tell", without a figure.
 */
import { describe, expect, it } from 'vitest';
import { EMERGING_RULE, MIN_BASELINE, MIN_RECENT, rankEmerging, riseZ } from '../../../../src/analysis/nlp/themes/emerging.ts';
import { findThemes } from '../../../../src/analysis/nlp/themes/index.ts';
import { HOUR, T0, topicMessages } from './synthetic.ts';

const theme = (themeId: string, before: number, during: number) => ({ themeId, label: themeId, before, during });

describe('rankEmerging', () => {
  it('keeps a significant rise with enough messages, and says too few to tell below the floor', () => {
    const { emerging, tooFew } = rankEmerging(
      [theme('big-rise', 2, 80), theme('tiny', 1, 5), theme('flat', 25, 55), theme('falling', 60, 30), theme('modest-rise', 20, 70)],
      500,
      1000,
    );
    expect(emerging.map((e) => e.themeId)).toEqual(['big-rise', 'modest-rise']);
    expect(emerging[0]!.growth).toBeCloseTo(0.08 - 0.004, 6);
    expect(emerging[0]!.countDuring).toBe(80);
    expect(tooFew).toEqual([{ themeId: 'tiny', label: 'tiny', countBefore: 1, countDuring: 5, reason: `5 messages from the onset to the peak (at least ${MIN_RECENT} needed)` }]);
  });

  it('gives no growth figure without messages before the onset to compare with', () => {
    const { emerging, tooFew } = rankEmerging([theme('a', 0, 300), theme('b', 0, 40)], MIN_BASELINE - 1, 1000);
    expect(emerging).toEqual([]);
    expect(tooFew.map((t) => t.themeId)).toEqual(['a', 'b']);
    expect(tooFew[0]!.reason).toMatch(/19 messages before the onset/);
  });

  it('tests the rise in share', () => {
    expect(riseZ(2, 500, 80, 1000)).toBeGreaterThan(5);
    expect(riseZ(25, 500, 55, 1000)).toBeLessThan(1);
    expect(riseZ(0, 500, 0, 1000)).toBe(0);
  });
});

describe('findThemes: emerging themes need support', () => {
  const ONSET = T0 + 48 * HOUR;
  const quiet = [...topicMessages('refund', 60, T0, 'r'), ...topicMessages('screen', 60, T0, 's')];
  const later = [...topicMessages('refund', 60, ONSET, 'r2'), ...topicMessages('screen', 60, ONSET, 's2')];

  it('calls a new theme of 12 messages too few to tell', () => {
    const result = findThemes([...quiet, ...later, ...topicMessages('battery', 12, ONSET, 'b')], { onset: ONSET, bucketMs: 6 * HOUR });
    const battery = result.themes.find((t) => /battery|charger/.test(t.label))!;
    expect(battery.messageCount).toBe(12);
    expect(result.emerging.map((e) => e.themeId)).not.toContain(battery.id);
    expect(result.emergingTooFew?.find((t) => t.themeId === battery.id)?.reason).toMatch(/^12 messages from the onset/);
    expect(result.emergingRule).toBe(EMERGING_RULE);
  });

  it('calls a new theme of 60 messages emerging', () => {
    const result = findThemes([...quiet, ...later, ...topicMessages('battery', 60, ONSET, 'b')], { onset: ONSET, bucketMs: 6 * HOUR });
    expect(result.emerging[0]?.label).toMatch(/battery|charger/);
    expect(result.emerging[0]!.countDuring).toBe(60);
    expect(result.emergingTooFew).toEqual([]);
  });
});
