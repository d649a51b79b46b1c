/**
 * Nothing capped silently (issue 10): lists the report keeps whole hold
 * every item, and lists it cuts to their first N carry a `…Total` with how
 * many there were.
 */
import { describe, expect, it } from 'vitest';
import { amplifiersAnalysis } from '../../../src/analysis/crisis/amplifiers.ts';
import { playbookAnalysis } from '../../../src/analysis/crisis/playbook.ts';
import { responseAnalysis } from '../../../src/analysis/crisis/response.ts';
import type { AmplifiersSection, PlaybookSection, ResponseSection } from '../../../src/analysis/crisis/types.ts';
import { rankCandidateFaults, type TextMessage } from '../../../src/analysis/nlp/faults/index.ts';
import { findThemes } from '../../../src/analysis/nlp/themes/index.ts';
import { NAMED_COUNTS, TOTAL_CASES, UNKNOWN_SPELLINGS, categoryName, manyCategoriesCsv } from '../../fixtures/crisis/many-categories.ts';
import { HOUR, T0, topicMessages } from '../nlp/themes/synthetic.ts';
import { memoryCrisisFiles, runCrisis, sharedData, synthCrisis, type SynthMessage } from './helpers.ts';

describe('case breakdowns hold every group', () => {
  it('counts 27 named categories and the empty ones as one "(none)" group: 28, covering every case', async () => {
    const r = await runCrisis(memoryCrisisFiles({ 'tickets.csv': manyCategoriesCsv() }), [responseAnalysis]);
    const c = (r.report.sections.response as ResponseSection).cases!;
    expect(c.cases).toBe(TOTAL_CASES);
    expect(c.byCategory).toHaveLength(NAMED_COUNTS.length + 1);
    expect(c.byCategory.reduce((sum, g) => sum + g.cases, 0)).toBe(TOTAL_CASES);
    expect(c.byCategory.find((g) => g.value === '(none)')?.cases).toBe(UNKNOWN_SPELLINGS.length);
    expect(c.byCategory.slice(0, 3).map((g) => [g.value, g.cases])).toEqual([0, 1, 2].map((k) => [categoryName(k), NAMED_COUNTS[k]]));
    expect(c.byCategory.at(-1)).toMatchObject({ value: categoryName(26), cases: 2 });
  });

  const cfpb = sharedData('cfpb-complaints-sample');
  it.skipIf(!cfpb.present)('on the CFPB sample: every issue (86) and company (710), summing to all 6,623 complaints', async () => {
    const r = await runCrisis(cfpb.dir, [responseAnalysis]);
    const c = (r.report.sections.response as ResponseSection).cases!;
    // Counted independently with Python's csv module over `Issue` and `Company`.
    expect(c.byCategory).toHaveLength(86);
    expect(c.byCompany).toHaveLength(710);
    for (const groups of [c.byCategory, c.byProduct, c.byChannel, c.byCompany]) expect(groups.reduce((sum, g) => sum + g.cases, 0)).toBe(6623);
  }, 120_000);
});

describe('amplifier lists carry their totals', () => {
  // 30 posts by 15 authors, every one liked; posts 2k and 2k+1 say the same thing (15 repeat groups).
  const posts: SynthMessage[] = Array.from({ length: 30 }, (_, i) => ({
    id: String(i + 1),
    at: Date.UTC(2024, 2, 1, 12, i),
    author: `customer${i % 15}`,
    text: `lock number ${Math.floor(i / 2)} keeps failing today`,
    likes: i + 1,
  }));

  it('says how many authors, engaged posts and repeat groups there were beyond the 10 listed', async () => {
    const r = await runCrisis(synthCrisis(posts), [amplifiersAnalysis]);
    const a = r.report.sections.amplifiers as AmplifiersSection;
    expect(a.topAuthorsByMessages).toHaveLength(10);
    expect(a.topAuthorsByMessagesTotal).toBe(15);
    expect(a.topAuthorsByEngagement).toHaveLength(10);
    expect(a.topAuthorsByEngagementTotal).toBe(15);
    expect(a.mostEngagedPosts).toHaveLength(10);
    expect(a.mostEngagedPostsTotal).toBe(30);
    expect(a.mostRepeated).toHaveLength(10);
    expect(a.mostRepeatedTotal).toBe(15);
  });

  it('counts only posts and authors with engagement', async () => {
    const r = await runCrisis(synthCrisis(posts.map((p, i) => ({ ...p, likes: i < 4 ? 1 : 0 }))), [amplifiersAnalysis]);
    const a = r.report.sections.amplifiers as AmplifiersSection;
    expect(a.mostEngagedPostsTotal).toBe(4);
    expect(a.mostEngagedPosts).toHaveLength(4);
    expect(a.topAuthorsByEngagementTotal).toBe(4);
  });
});

describe('playbook step orders', () => {
  // One conversation per order of {offline, apologise, resolve} (16 orders, the empty one included), each step its own reply.
  const REPLIES = { offline: 'Please DM us your order number.', apologise: 'Our apologies for the wait.', resolve: 'Your refund has been processed.' };
  const orders: (keyof typeof REPLIES)[][] = [[]];
  for (const a of Object.keys(REPLIES) as (keyof typeof REPLIES)[]) {
    orders.push([a]);
    for (const b of Object.keys(REPLIES) as (keyof typeof REPLIES)[]) {
      if (b === a) continue;
      orders.push([a, b]);
      for (const c of Object.keys(REPLIES) as (keyof typeof REPLIES)[]) if (c !== a && c !== b) orders.push([a, b, c]);
    }
  }
  const messages: SynthMessage[] = orders.flatMap((order, k) => {
    const root = `c${k}`;
    const t0 = Date.UTC(2024, 2, 1, k);
    return [
      { id: root, at: t0, author: `customer${k}`, text: 'my lock will not open' },
      { id: `${root}-ack`, at: t0 + 60_000, inbound: false, parent: root, text: 'Thanks for reaching out, looking into it' },
      ...order.map((step, i) => ({ id: `${root}-${step}`, at: t0 + (i + 2) * 60_000, inbound: false, parent: root, text: REPLIES[step] })),
    ];
  });

  it('lists every order that occurred, not the ten most common', async () => {
    expect(orders).toHaveLength(16);
    const r = await runCrisis(synthCrisis(messages, 'brand: { handles: [brand] }\n'), [playbookAnalysis]);
    const p = r.report.sections.playbook as PlaybookSection;
    expect(p.conversations).toBe(16);
    expect(p.sequences.length).toBeGreaterThan(10);
    expect(p.sequences.reduce((sum, q) => sum + q.conversations, 0)).toBe(16);
  });
});

describe('language lists carry their totals', () => {
  it('candidate faults: the total counts every candidate, the list the first `limit`', () => {
    const texts = ['my phone won’t charge', 'the phone will not charge', 'app keeps crashing', 'the app keeps crashing', 'still no refund', 'STILL NO REFUND', 'charged twice', 'double charged'];
    const messages: TextMessage[] = texts.map((text, i) => ({ id: String(i), text, createdAt: i, isBrand: false }));
    const all = rankCandidateFaults(messages);
    expect(all.total).toBe(all.candidates.length);
    expect(all.total).toBeGreaterThanOrEqual(4);
    const cut = rankCandidateFaults(messages, { limit: 2 });
    expect(cut.candidates).toEqual(all.candidates.slice(0, 2));
    expect(cut.total).toBe(all.total);
  });

  it('themes: `themesTotal` counts the themes found beyond `maxThemes`; phrases and context terms carry theirs', () => {
    const messages = [...topicMessages('refund', 40, T0, 'r'), ...topicMessages('screen', 40, T0, 's'), ...topicMessages('battery', 60, T0 + 48 * HOUR, 'b')];
    const all = findThemes(messages, { brandHandles: ['@AcmePhone'] });
    expect(all.themes.length).toBeGreaterThanOrEqual(3);
    expect(all.themesTotal).toBe(all.themes.length);
    const two = findThemes(messages, { brandHandles: ['@AcmePhone'], maxThemes: 2, phrasesPerTheme: 1 });
    expect(two.themes).toHaveLength(2);
    expect(two.themesTotal).toBe(all.themesTotal);
    for (const t of two.themes) {
      const whole = all.themes.find((x) => x.id === t.id)!;
      expect(t.phrases).toHaveLength(1);
      expect(whole.phrases.length).toBeGreaterThan(1);
      expect(t.phrasesTotal).toBe(whole.phrasesTotal);
      expect(whole.phrasesTotal).toBeGreaterThanOrEqual(whole.phrases.length);
    }
    expect(two.contextTermsTotal).toBeGreaterThanOrEqual(two.contextTerms.length);
  });
});
