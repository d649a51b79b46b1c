import { describe, expect, it } from 'vitest';
import { amplifiersAnalysis } from '../../../src/analysis/crisis/amplifiers.ts';
import { copyKeyHash } from '../../../src/analysis/nlp/repeat-key.ts';
import type { AmplifiersSection } from '../../../src/analysis/crisis/types.ts';
import { runCrisis, sharedData, synthCrisis, type SynthMessage } from './helpers.ts';

/**
 * 100 customer authors: "loud" writes 5 posts, "busy" 3, 98 others one each.
 * The original campaign post (with 10 likes, 5 shares) is retweeted three
 * times; one post gets two replies in the data; the brand's posts are ignored.
 */
function crowd(): SynthMessage[] {
  const out: SynthMessage[] = [];
  const base = Date.parse('2024-06-03T10:00:00Z');
  let id = 0;
  const post = (m: Omit<SynthMessage, 'id' | 'at'>) => out.push({ id: `m${++id}`, at: base + id * 60_000, ...m });
  post({ author: 'loud', text: 'Boycott this brand now please https://t.co/x', likes: 10, shares: 5 });
  for (let i = 0; i < 4; i++) post({ author: 'loud', text: `update number ${i}` });
  for (const a of ['r1', 'r2', 'busy']) post({ author: a, text: 'RT @loud: Boycott this brand now please' });
  post({ author: 'busy', text: 'my order never came' });
  post({ author: 'busy', text: 'day three without my order', likes: 1 });
  for (let i = 0; i < 96; i++) post({ author: `user${i}`, text: i < 2 ? `@busy same here ${i}` : `post ${i}`, parent: i < 2 ? 'm10' : undefined });
  post({ author: 'brand', inbound: false, text: 'Boycott this brand now please' });
  post({ author: 'brand', inbound: false, text: 'We are sorry', likes: 100 });
  return out;
}

describe('amplifiers on a generated crowd', () => {
  it('counts authors, engagement, repeats and the top 1%', async () => {
    const r = await runCrisis(synthCrisis(crowd()), [amplifiersAnalysis]);
    const s = r.report.sections.amplifiers as AmplifiersSection;
    expect(s.messages).toBe(106);
    expect(s.uniqueAuthors).toBe(100); // loud, r1, r2, busy, user0–user95
    expect(s.messagesWithoutAuthor).toBe(0);
    expect(s.engagementExported).toBe(true);
    expect(s.topAuthorsByMessages.slice(0, 2).map((a) => [a.author, a.messages])).toEqual([
      ['loud', 5],
      ['busy', 3],
    ]);
    expect(s.topAuthorsByEngagement[0]).toMatchObject({ author: 'loud', engagement: 15 });
    expect(s.topAuthorsByEngagement[1]).toMatchObject({ author: 'busy', engagement: 3 }); // 1 like + 2 replies in the data
    // 100 authors → the top 1% is one author: loud, 5 of 106 messages.
    expect(s.topOnePercent).toEqual({ authors: 1, messages: 5, share: 0.0472 });
    expect(s.mostEngagedPosts[0]).toMatchObject({ messageId: 'm1', likes: 10, shares: 5, replies: 0, engagement: 15 });
    expect(s.mostEngagedPosts.every((p) => p.author !== 'brand')).toBe(true);
    expect(s.mostRepeated).toHaveLength(1);
    expect(s.mostRepeated[0]).toMatchObject({ key: 'boycott this brand now please', posts: 4, authors: 4, retweets: 3, exampleId: 'm1', engagement: 15 });
    expect(r.columns.get('m6')?.repeat_count).toBe(4);
    expect(r.columns.get('m2')?.repeat_count).toBeUndefined();
  });

  it('keeps posts whose repeat keys share a hash apart', async () => {
    // Two keys with one 31-bit hash (found by search): posts are gathered by hash, then told apart by key.
    const [a, b] = ['My order 33643 never arrived!', 'my order 86859 never arrived'];
    expect(copyKeyHash(a)).toBe(copyKeyHash(b));
    const base = Date.parse('2024-06-03T10:00:00Z');
    const texts = [a, b, a, 'something else entirely here', b, b];
    const r = await runCrisis(synthCrisis(texts.map((text, i) => ({ id: `m${i + 1}`, at: base + i * 60_000, author: `u${i}`, text }))), [amplifiersAnalysis]);
    const s = r.report.sections.amplifiers as AmplifiersSection;
    expect(s.mostRepeated.map((g) => [g.key, g.posts, g.exampleId])).toEqual([
      ['my order 86859 never arrived', 3, 'm2'],
      ['my order 33643 never arrived', 2, 'm1'],
    ]);
    expect(s.mostRepeatedTotal).toBe(2);
    expect(['m1', 'm2', 'm3', 'm4', 'm5', 'm6'].map((id) => r.columns.get(id)?.repeat_count)).toEqual([2, 3, 2, undefined, 3, 3]);
  });
});

const head = sharedData('twcs-head-5k');
describe.skipIf(!head.present)('amplifiers on twcs-head-5k', () => {
  it('covers the customer side', async () => {
    const r = await runCrisis(head.dir, [amplifiersAnalysis]);
    const s = r.report.sections.amplifiers as AmplifiersSection;
    expect(s.messages).toBe(2777);
    expect(s.uniqueAuthors).toBe(1442);
    expect(s.engagementExported).toBe(false);
    expect(s.topAuthorsByMessages[0]).toMatchObject({ author: '117242', messages: 56 });
    expect(s.topOnePercent.authors).toBe(15);
  });
});

const airline = sharedData('airline-sentiment');
describe.skipIf(!airline.present)('amplifiers on the airline tweets', () => {
  it('uses exported retweet counts', async () => {
    const r = await runCrisis(airline.dir, [amplifiersAnalysis]);
    const s = r.report.sections.amplifiers as AmplifiersSection;
    expect(s.engagementExported).toBe(true);
    expect(s.uniqueAuthors).toBe(4659);
    expect(s.mostEngagedPosts[0].engagement).toBe(44);
    expect(s.topOnePercent.authors).toBe(47);
  });
});
