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

  it('skips excluded messages and out-of-scope sentiment', () => {
    const without = discoverCandidateFaults(messages, { excludeIds: new Set(['1', '2']) });
    expect(without.find((c) => c.label === "phone won't charge")).toBeUndefined();
    const positive = messages.map((m) => ({ ...m, sentiment: 'positive' as const }));
    expect(discoverCandidateFaults(positive)).toEqual([]);
    expect(discoverCandidateFaults(positive, { scope: 'all' }).length).toBe(found.length);
  });
});
