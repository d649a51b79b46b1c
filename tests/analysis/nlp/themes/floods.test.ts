/**
 * Copy-paste floods count once: near-identical texts fold into one cluster
 * (phrases/floods.ts), phrase discovery reads one text of a flood, and a
 * flood of 300 copies adds no phrase while its copies still belong to their
 * theme.
 */
import { describe, expect, it } from 'vitest';
import { dedupeExact } from '../../../../src/analysis/core/distinct-texts.ts';
import { indexDocuments } from '../../../../src/analysis/nlp/phrases/corpus.ts';
import { nearIdentical, StreamStore } from '../../../../src/analysis/nlp/phrases/floods.ts';
import { isRetweetText } from '../../../../src/analysis/nlp/retweets.ts';
import { foldDocuments } from '../../../../src/analysis/nlp/phrases/fold.ts';
import { PhraseMatcher } from '../../../../src/analysis/nlp/phrases/matcher.ts';
import { sampleFolded } from '../../../../src/analysis/nlp/phrases/sample.ts';
import { tokenizeStems } from '../../../../src/analysis/nlp/phrases/tokenize.ts';
import { buildDocTable } from '../../../../src/analysis/nlp/themes/docTable.ts';
import { findThemes, type TextMessage } from '../../../../src/analysis/nlp/themes/index.ts';
import { BOILERPLATE_TEXTS, HOUR, T0, topicMessages } from './synthetic.ts';

const FLOOD = 'ATTENTION owners: turn OFF auto-update in the app NOW. Firmware 4.2.0 is locking people out of their homes and the battery drains too. Copy & paste to warn others.';
/** How copies of a flood vary: entities, a tag, an emoji, "please share", a retweet of it, a retweet cut short. */
const VARIANTS = [
  (t: string) => t,
  (t: string) => t.replace(/&/g, '&amp;'),
  (t: string) => `${t} #AcmeFail`,
  (t: string) => `${t} 🔒`,
  (t: string) => `${t} Please share!!`,
  (t: string) => `RT @warner: ${t}`,
  (t: string) => `RT @warner: ${t.slice(0, 110)}…`,
];

/** `n` copies of {@link FLOOD}, posted after the onset. */
function flood(n: number, start: number): TextMessage[] {
  return Array.from({ length: n }, (_, i) => ({ id: `f${i}`, text: VARIANTS[i % VARIANTS.length]!(FLOOD), createdAt: start + (i % 24) * HOUR, isBrand: false }));
}

const stream = (text: string): number[] => {
  const hashes: number[] = [];
  const stems = tokenizeStems(text, hashes);
  return stems[0] === 'rt' ? hashes.slice(1) : hashes;
};

describe('nearIdentical', () => {
  it('folds copies with a tag, a comment, a cut or one word changed', () => {
    for (const variant of VARIANTS) expect(nearIdentical(stream(FLOOD), stream(variant(FLOOD))), variant(FLOOD)).toBe(true);
    expect(nearIdentical(stream('my lock bricked itself overnight after the 4.2.0 update'), stream('my lock bricked itself overnight after the 4.2.1 update'))).toBe(true);
  });
  it('keeps short texts and different complaints apart', () => {
    // Short texts repeat by chance: they fold only when identical.
    expect(nearIdentical(stream('still no refund'), stream('still no refund!!'))).toBe(false);
    expect(nearIdentical(stream('my flight was cancelled and nobody at the gate can tell me why'), stream('my flight was delayed and the crew lost my bag at the gate again'))).toBe(false);
    // A text that only opens like another one is not a copy of it.
    expect(nearIdentical(stream('I am writing to dispute the late payments on my credit report'), stream('I am writing to dispute the late payments on my credit report which were caused by the bank, who agreed in writing that they were its error and promised to correct them'))).toBe(false);
  });
});

describe('nearIdentical by lengths', () => {
  // The rule as written before pairs too far apart in length were told by their lengths alone.
  const byScan = (x: number[], y: number[]): boolean => {
    const [a, b] = x.length > y.length ? [y, x] : [x, y];
    if (a.length < 6) return false;
    let p = 0;
    while (p < a.length && a[p] === b[p]) p++;
    if (p >= a.length - 1 && a.length >= 8 && 2 * a.length >= b.length) return true;
    let s = 0;
    while (s < a.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
    return p + s >= 0.8 * b.length;
  };
  it('gives the scan\'s answer for streams sharing a head, a tail, both or neither, of every pair of lengths', () => {
    let seed = 11;
    const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const answers = new Set<boolean>();
    for (let an = 0; an <= 40; an++) {
      for (let bn = an; bn <= 60; bn++) {
        for (let k = 0; k < 6; k++) {
          const b = Array.from({ length: bn }, () => random(5));
          // A head of b, its tail, both around an edit, or random tokens.
          const head = random(an + 1);
          const a = k % 3 === 0 ? Array.from({ length: an }, () => random(5)) : [...b.slice(0, head), ...Array.from({ length: k % 3 === 1 ? 0 : random(3) }, () => random(5)), ...b.slice(bn - (an - head))].slice(0, an);
          while (a.length < an) a.push(random(5));
          const want = byScan(a, b);
          answers.add(want);
          expect(nearIdentical(a, b), `${a} | ${b}`).toBe(want);
          expect(nearIdentical(b, a), `${b} | ${a}`).toBe(want);
        }
      }
    }
    expect([...answers].sort()).toEqual([false, true]);
  });
});

describe('foldDocuments', () => {
  it('folds each copy into the longest text, whatever the input order', () => {
    const texts = [...VARIANTS.map((v) => v(FLOOD)), 'the keypad stopped working after the overnight update and the app says offline so I cannot get in at all', 'the keypad stopped working after the overnight update and the app says offline'];
    const roots = (order: string[]): string[] => {
      const store = new StreamStore();
      for (const t of order) store.push(stream(t), 0);
      const foldOf = foldDocuments(store);
      return order.map((_, d) => order[foldOf[d]!]!);
    };
    const forward = roots(texts);
    const backward = roots([...texts].reverse()).reverse();
    expect(backward).toEqual(forward);
    // Seven copies in one cluster whose root is a longest copy; the two keypad texts are one cut-short pair.
    expect(new Set(forward.slice(0, VARIANTS.length)).size).toBe(1);
    expect([`${FLOOD} Please share!!`, `${FLOOD} #AcmeFail`]).toContain(forward[0]);
    expect(forward[VARIANTS.length + 1]).toBe(texts[VARIANTS.length]);
  });

  it('indexDocuments counts fold clusters', () => {
    const texts = [...VARIANTS.map((v) => v(FLOOD)), 'my battery drains in an hour', 'battery drains overnight, third set this week'];
    const docs = indexDocuments(dedupeExact(texts, () => true).texts, new PhraseMatcher([['battery']]));
    // Entities, an emoji and "RT @x:" leave the token stream as it is (one document); a tag, a comment and a cut do not, and fold.
    expect(docs.count).toBe(4 + 2);
    expect(docs.folds).toBe(3);
  });
});

describe('buildDocTable: evidence weights', () => {
  it('counts a flood once, a short text each time it was written, never its retweets', () => {
    const texts = [
      ...Array.from({ length: 5 }, (_, i) => `@acme${i} still no refund`),
      ...Array.from({ length: 3 }, () => 'RT @bob: still no refund'),
      ...Array.from({ length: 4 }, (_, i) => VARIANTS[i]!(FLOOD)),
    ];
    const messages: TextMessage[] = texts.map((text, i) => ({ id: String(i), text, createdAt: T0 + i, isBrand: false, isRetweet: i === 1 }));
    const distinct = dedupeExact(texts, () => true);
    const docs = indexDocuments(distinct.texts, new PhraseMatcher([['refund']]));
    const table = buildDocTable(messages, distinct.of, docs);
    const weightOf = (i: number): number => table.evidence[docs.foldOf[docs.docOfText[distinct.of[i]!]!]!]!;
    // Five people wrote "still no refund": four count (one is flagged as a retweet), the three "RT" copies do not.
    expect(weightOf(0)).toBe(4);
    expect(table.copies[docs.foldOf[docs.docOfText[distinct.of[0]!]!]!]).toBe(8);
    // Four copies of the flood, in three documents: one cluster, counted once.
    expect(weightOf(8)).toBe(1);
    expect(table.evidence.reduce((a, b) => a + b, 0)).toBe(5);
  });
});

describe('sampleFolded', () => {
  it('takes one text of a flood for phrase discovery', () => {
    const texts = [...VARIANTS.map((v) => v(FLOOD)), 'my battery drains in an hour', 'the screen cracked after one drop'];
    const picked = sampleFolded(texts, 100, 1e6).map((i) => texts[i]!);
    expect(picked).toHaveLength(3);
    expect(picked.filter((t) => t.includes('ATTENTION'))).toHaveLength(1);
  });
});

describe('findThemes with a flood of 300 copies', () => {
  const ONSET = T0 + 48 * HOUR;
  const base: TextMessage[] = [
    ...topicMessages('refund', 40, T0, 'r'),
    ...topicMessages('screen', 40, T0, 's'),
    ...topicMessages('battery', 60, ONSET, 'b'),
    ...BOILERPLATE_TEXTS.map((text, i) => ({ id: `bp${i}`, text, createdAt: T0 + i * HOUR, isBrand: false })),
  ];
  const options = { brandHandles: ['@AcmePhone'], onset: ONSET, bucketMs: 6 * HOUR };
  const without = findThemes(base, options);
  const withFlood = findThemes([...base, ...flood(300, ONSET)], options);
  const listed = (r: typeof without): string[] => [...r.themes.flatMap((t) => t.phrases.map((p) => p.key)), ...r.ranking.flatMap((t) => t.phrases), ...r.contextRanking.map((c) => c.key)];

  it('adds no phrase: none of the flood’s own words is listed anywhere', () => {
    const baseStems = new Set(base.flatMap((m) => tokenizeStems(m.text)));
    const floodOnly = new Set(tokenizeStems(FLOOD).filter((s) => !baseStems.has(s)));
    expect(floodOnly.size).toBeGreaterThan(5);
    const keys = listed(withFlood).flatMap((k) => tokenizeStems(k));
    expect(keys.filter((s) => floodOnly.has(s))).toEqual([]);
    expect(withFlood.themes.map((t) => t.label).sort()).toEqual(without.themes.map((t) => t.label).sort());
  });

  it('counts the flood once as evidence, but every copy in its theme', () => {
    const battery = (r: typeof without) => r.themes.find((t) => /battery/.test(t.label))!;
    const count = (r: typeof without) => battery(r).phrases.find((p) => p.key === 'battery')!.count;
    expect(count(withFlood)).toBe(count(without) + 1);
    // Every copy that mentions the battery belongs to the theme (a copy cut short before it does not).
    const mentioning = flood(300, ONSET).filter((m) => tokenizeStems(m.text).includes('battery')).length;
    expect(mentioning).toBeGreaterThan(200);
    expect(battery(withFlood).messageCount).toBe(battery(without).messageCount + mentioning);
    expect(withFlood.distinctTexts).toBe(without.distinctTexts + 1);
  });

  it('quotes the flood once at most, as an original with its copies', () => {
    const reps = withFlood.themes.flatMap((t) => t.representatives);
    for (const r of reps) expect(isRetweetText(r.text), r.text).toBe(false);
    const floodReps = reps.filter((r) => r.text.includes('ATTENTION'));
    for (const r of floodReps) expect(r.copies).toBe(300);
    for (const t of withFlood.themes) expect(t.representatives.filter((r) => r.text.includes('ATTENTION')).length).toBeLessThanOrEqual(1);
  });
});
