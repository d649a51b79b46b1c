/**
 * Theme labels a person would say (label.ts): noun phrases from the theme's
 * own phrases, written as people wrote them, never a slug ("a / b"), a bare
 * function word or a pair of verbs. Checked on made-up phrase sets, on the
 * two sample crises and on real exports (../shared/data, skipped visibly
 * when absent); the labels are printed so a person can judge them.
 */
import { describe, expect, it } from 'vitest';
import type { DiscoveredPhrase } from '../../../../src/analysis/nlp/phrases/discover.ts';
import { stemWord } from '../../../../src/analysis/nlp/phrases/stem.ts';
import { STOPWORDS } from '../../../../src/analysis/nlp/phrases/stopwords.ts';
import { tokenize } from '../../../../src/analysis/nlp/phrases/tokenize.ts';
import { labelCandidates, pickLabel } from '../../../../src/analysis/nlp/themes/label.ts';
import { findThemes, type TextMessage, type ThemesOptions, type ThemesResult } from '../../../../src/analysis/nlp/themes/index.ts';
import {
  AIRLINE_CSV,
  BUREAUS_CSV,
  BUREAUS_HANDLES,
  CFPB_CSV,
  SMARTLOCK_CSV,
  SMARTLOCK_HANDLES,
  TWCS_CSV,
  haveData,
  loadAirline,
  loadBureaus,
  loadCfpb,
  loadSmartlock,
  loadTwcs,
} from './datasets.ts';

/** A dictionary entry as discovery makes it: `noun` of `sample` sentences read it as a noun phrase. */
function phrase(surfaces: Record<string, number>, sample: number, noun: number, nounSurfaces: Record<string, number> = noun > 0 ? surfaces : {}): DiscoveredPhrase {
  const first = Object.keys(surfaces)[0]!;
  const stems = tokenize(first).stems;
  return {
    key: stems.join(' '),
    stems,
    surfaces: new Map(Object.entries(surfaces)),
    kind: noun > 0 ? 'noun' : stems.length > 1 ? 'action' : 'participle',
    sampleCount: sample,
    nounCount: noun,
    nounSurfaces: new Map(Object.entries(nounSurfaces)),
  };
}

/** Candidates for a theme of `entries` ([phrase, count], strongest first; score falls with rank). */
function candidates(entries: [DiscoveredPhrase, number][], posts = entries[0]![1]): string[] {
  const dictionary = entries.map(([p]) => p);
  const score = Float64Array.from(entries, (_, i) => 100 - i);
  const count = Float64Array.from(entries, ([, c]) => c);
  return labelCandidates(dictionary.map((_, i) => i), dictionary, score, count, posts);
}

describe('labelCandidates', () => {
  it('names the theme with a noun phrase that contains its leading word', () => {
    const labels = candidates([
      [phrase({ update: 40 }, 40, 35), 900],
      [phrase({ stuck: 20 }, 20, 0), 300],
      [phrase({ 'firmware update': 12 }, 12, 12), 200],
      [phrase({ 'auto update': 9 }, 9, 9), 150],
    ]);
    expect(labels[0]).toBe('firmware update');
    expect(labels).toContain('update');
  });

  it('never joins two verbs: a theme of "received / sent" is named by its nouns', () => {
    const labels = candidates([
      [phrase({ received: 20 }, 20, 0), 40],
      [phrase({ sent: 19 }, 19, 0), 39],
      [phrase({ notice: 9 }, 9, 9), 20],
      [phrase({ letters: 5 }, 5, 5), 12],
    ]);
    expect(labels[0]).toBe('notice and letters');
    for (const l of labels) expect(l).not.toMatch(/\//);
  });

  it('never pairs two forms of one word', () => {
    const labels = candidates([
      [phrase({ verified: 31, verify: 2 }, 33, 2, { verified: 2 }), 180],
      [phrase({ verification: 60 }, 53, 53), 82],
      [phrase({ requested: 40 }, 40, 0), 120],
    ]);
    expect(labels[0]).toBe('verification');
  });

  it('writes a noun as people wrote it as a noun ("call", not "called")', () => {
    const labels = candidates([
      [phrase({ called: 50, call: 40 }, 80, 45, { call: 40, calls: 5 }), 500],
      [phrase({ hold: 60 }, 60, 55), 450],
    ]);
    expect(labels[0]).toBe('call and hold');
  });

  it('takes the longer phrase that carries most of a shorter one’s uses', () => {
    const labels = candidates([
      [phrase({ agencies: 30 }, 30, 30), 220],
      [phrase({ 'reporting agencies': 10 }, 10, 10), 80],
      [phrase({ 'credit reporting agencies': 8 }, 8, 8), 56],
    ]);
    expect(labels[0]).toBe('credit reporting agencies');
  });

  it('keeps a side phrase from naming the theme unless nearly as common as the lead', () => {
    const side = candidates([
      [phrase({ support: 30 }, 30, 30), 200],
      [phrase({ hold: 25 }, 25, 25), 170],
      [phrase({ 'chat bot': 8 }, 8, 8), 46],
    ]);
    expect(side[0]).toBe('support and hold');
    const common = candidates([
      [phrase({ refund: 30 }, 30, 30), 100],
      [phrase({ 'double charge': 25 }, 25, 25), 90],
    ]);
    expect(common[0]).toBe('double charge');
  });

  it('leaves a label a stronger theme already took', () => {
    expect(pickLabel(['door lock', 'door and lock', 'door'], new Set(['door lock']))).toBe('door and lock');
    expect(pickLabel(['door lock'], new Set(['door lock']))).toBe('door lock');
  });
});

/** The review's labels of the sample crises that an executive could not name. */
const UNNAMEABLE = ['update', 'app', 'door lock / pro', 'hours / shipped', 'received / sent', 'agencies'];

/**
 * Checks every label of a result: no slug, no lone stopword, no pair of
 * verbs, two words or more where the theme's phrases have a fitting one, and
 * most labels two words or more.
 */
function checkLabels(name: string, result: ThemesResult, unnameable: readonly string[]): string[] {
  const labels = result.themes.map((t) => t.label);
  console.log(`[labels] ${name}: ${labels.join(' | ')}`);
  expect(labels.length).toBeGreaterThanOrEqual(8);
  for (const theme of result.themes) {
    const label = theme.label;
    const words = label.split(' ');
    expect(label, label).not.toMatch(/\//);
    expect(words.length === 1 && STOPWORDS.has(stemWord(label)), label).toBe(false);
    expect(label, label).not.toMatch(/^\S+(?:ed|ing) and \S+(?:ed|ing)$/);
    if (words.length === 1) {
      // A one-word label only when no phrase of two words or more containing it is common in the theme.
      const lead = theme.phrases[0]!;
      const fitting = theme.phrases.filter((p) => p.key.split(' ').length > 1 && p.key.split(' ').includes(lead.key) && p.count >= 0.25 * lead.count);
      expect(fitting.map((p) => p.phrase), `${label}: ${theme.phrases.map((p) => p.phrase).join(', ')}`).toEqual([]);
    }
  }
  expect(labels.filter((l) => l.includes(' ')).length, labels.join(' | ')).toBeGreaterThanOrEqual(labels.length / 2);
  expect(labels.filter((l) => unnameable.includes(l))).toEqual([]);
  return labels;
}

function run(name: string, messages: TextMessage[], options: ThemesOptions, unnameable: readonly string[] = []): string[] {
  return checkLabels(name, findThemes(messages, options), unnameable);
}

describe.skipIf(!haveData(SMARTLOCK_CSV))('labels: sample crisis smartlock-firmware-2024', () => {
  it('names firmware updates, the keypad, locksmiths and batteries', () => {
    const labels = run('smartlock', loadSmartlock(), { brandHandles: SMARTLOCK_HANDLES }, UNNAMEABLE);
    for (const re of [/update|firmware/, /keypad/, /locksmith/, /batter/]) expect(labels.some((l) => re.test(l)), `${re} in ${labels.join(' | ')}`).toBe(true);
  });
});

describe.skipIf(!haveData(BUREAUS_CSV))('labels: sample crisis cfpb-credit-bureaus-2019', () => {
  it('names disputes, identity theft and the credit reporting agencies', () => {
    const labels = run('bureaus', loadBureaus(), { brandHandles: BUREAUS_HANDLES, bucketMs: 86_400_000 }, UNNAMEABLE);
    for (const re of [/dispute/, /identity theft/, /credit reporting agencies|credit bureaus/]) expect(labels.some((l) => re.test(l)), `${re} in ${labels.join(' | ')}`).toBe(true);
  });
});

describe.skipIf(!haveData(AIRLINE_CSV))('labels: airline tweets', () => {
  it('are nameable', () => {
    const labels = run('airline', loadAirline(), { brandHandles: ['@united', '@USAirways', '@AmericanAir', '@SouthwestAir', '@JetBlue', '@VirginAmerica'], bucketMs: 86_400_000 });
    expect(labels).toContain('cancelled flight');
  });
});

describe.skipIf(!haveData(CFPB_CSV))('labels: CFPB complaint narratives', () => {
  it('are nameable', () => {
    run('cfpb', loadCfpb(), { bucketMs: 30 * 86_400_000 });
  });
});

describe.skipIf(!haveData(TWCS_CSV))('labels: customer-support tweets', () => {
  it('are nameable', () => {
    const messages = loadTwcs();
    const mentioned = [...new Set(messages.filter((m) => !m.isBrand).flatMap((m) => m.text.match(/@[A-Za-z_]\w+/g) ?? []))];
    run('twcs', messages, { brandHandles: mentioned, bucketMs: 86_400_000 });
  });
});
