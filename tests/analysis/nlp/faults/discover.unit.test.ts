import { describe, expect, it } from 'vitest';
import { discoverCandidateFaults, type TextMessage } from '../../../../src/analysis/nlp/faults/index.ts';

const texts = [
  'my phone won’t charge since yesterday', // 1
  '@acme Phone will not charge!!', // 2
  'the phone doesn’t charge at all', // 3
  'your app keeps crashing', // 4
  'App keeps crashing on login', // 5
  'still no refund after 3 weeks', // 6
  'STILL NO REFUND', // 7
  'you charged me twice for one order', // 8
  'double charged again', // 9
  'never received my order', // 10
  'my order never arrived', // 11
  "can't log in to my account", // 12
  'unable to login', // 13
  'it won’t work', // 14: pronoun object, not a candidate
  'the screen is broken', // 15: only once
];
const messages: TextMessage[] = texts.map((text, i) => ({ id: String(i + 1), text, createdAt: i, isBrand: false }));

describe('discoverCandidateFaults', () => {
  const found = discoverCandidateFaults(messages);
  const byLabel = Object.fromEntries(found.map((c) => [c.label, c]));

  it('normalises wordings of one problem by object', () => {
    expect(byLabel["phone won't charge"]).toMatchObject({ count: 3, object: 'phone', exampleIds: ['1', '2', '3'] });
    expect(byLabel['app keeps crashing']).toMatchObject({ count: 2, object: 'app' });
    expect(byLabel['still no refund']?.count).toBe(2);
    expect(byLabel['charged twice']).toMatchObject({ count: 2, object: null });
    expect(byLabel['order not received']?.count).toBe(2);
    expect(byLabel["can't log in"]?.count).toBe(2);
  });

  it('drops pronoun objects and one-offs, and sorts by count', () => {
    expect(found.some((c) => c.object === 'it')).toBe(false);
    expect(found.some((c) => /screen/.test(c.label))).toBe(false);
    expect(found[0]!.label).toBe("phone won't charge");
    const counts = found.map((c) => c.count);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    expect(discoverCandidateFaults(messages, { minCount: 1 }).some((c) => c.label === 'screen is broken')).toBe(true);
  });

  it('dates a candidate by all its messages, not by its three examples', () => {
    // Five messages in non-chronological input order: the examples are the first three read, the dates span all five.
    const times = [30, 10, 50, 5, 90];
    const five = times.map((t, i) => ({ id: `c${i}`, text: 'my phone won’t charge', createdAt: Date.UTC(2024, 0, 1) + t * 3_600_000, isBrand: false }));
    const [c] = discoverCandidateFaults(five);
    expect(c).toMatchObject({ count: 5, exampleIds: ['c0', 'c1', 'c2'], firstSeen: Date.UTC(2024, 0, 1) + 5 * 3_600_000, lastSeen: Date.UTC(2024, 0, 1) + 90 * 3_600_000 });
  });

  it('skips excluded messages and out-of-scope sentiment', () => {
    const without = discoverCandidateFaults(messages, { excludeIds: new Set(['1', '2']) });
    expect(without.find((c) => c.label === "phone won't charge")).toBeUndefined();
    const positive = messages.map((m) => ({ ...m, sentiment: 'positive' as const }));
    expect(discoverCandidateFaults(positive)).toEqual([]);
    expect(discoverCandidateFaults(positive, { scope: 'all' }).length).toBe(found.length);
  });
});

describe('named failures', () => {
  const failures = [
    'another system failure, third time this week', // 1
    'Systemwide SYSTEM FAILURES again?', // 2: plural, caps; "systemwide" is a different word
    'power outage at the depot', // 3
    'power outages all night', // 4
    'the software glitches are back', // 5
    'software glitch wiped my booking', // 6
    'got an error when paying', // 7: "an" is not an object
    'error 404', // 8: no object before it
    '404 error on checkout', // 9: numbers are not objects
    'support was the real failure', // 10: a judgement, not a thing
    'what a total failure. real failure!', // 11
    'epic failure', // 12
  ].map((text, i): TextMessage => ({ id: `f${i + 1}`, text, createdAt: i, isBrand: false }));
  const found = discoverCandidateFaults(failures);

  it('groups "<thing> failure / outage / glitch" by thing, singular and plural alike', () => {
    expect(found.map((c) => [c.label, c.count, c.exampleIds])).toEqual([
      ['power outage', 2, ['f3', 'f4']],
      ['software glitch', 2, ['f5', 'f6']],
      ['system failure', 2, ['f1', 'f2']],
    ]);
    expect(found.every((c) => c.object !== null)).toBe(true);
  });
});
