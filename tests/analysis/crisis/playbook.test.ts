import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { setColumn, type Analysis } from '../../../src/analysis/runner/analysis.ts';
import { brandCues, customerCues } from '../../../src/analysis/crisis/playbook-cues.ts';
import { playbookAnalysis } from '../../../src/analysis/crisis/playbook.ts';
import type { PlaybookSection } from '../../../src/analysis/crisis/types.ts';
import { drawSample } from '../../fixtures/crisis/playbook-sample-source.ts';
import { runCrisis, sharedData, synthCrisis, type SynthMessage } from './helpers.ts';

type Step = 'offline' | 'apologise' | 'resolve';
const STEPS: Step[] = ['offline', 'apologise', 'resolve'];
const detected = (text: string) => STEPS.filter((k) => brandCues(text)[k]);

describe('brand cues', () => {
  it.each([
    ['Please DM us your order number.', ['offline']],
    ['Send us a private message with the details', ['offline']],
    ['Follow and DM us', ['offline']],
    ['You can email us at help@example.com', ['offline']],
    ['Call us on 0800 123 456', ['offline']],
    ['Contact us for help in your language here: https://t.co/abc', ['offline']],
    ['Thanks, checking now /DM', []],
    ['We’re sorry to hear that', ['apologise']],
    ['Weâ€™re sorry about this, we apologise', ['apologise']],
    ['Our apologies for the wait.', ['apologise']],
    ['This has been fixed in iOS 11.1.', ['resolve']],
    ['Your refund has been processed.', ['resolve']],
    ['Glad to hear it’s working now!', ['resolve']],
    ['Glad we could help!', ['resolve']],
    ['Here is a workaround until it’s fixed: restart.', []],
    ['Let’s get this sorted for you. Which plan are you on?', []],
    ['It is not resolved yet, we are working on it.', []],
    ['Playlists are sorted by date added.', []],
    ['Select the corrected spelling.', []],
  ] as [string, Step[]][])('%s → %j', (text, expected) => {
    expect(detected(text)).toEqual(expected);
  });
});

describe('customer cues', () => {
  it('reads thanks, waiting and anger', () => {
    expect(customerCues('Thanks so much!').thanks).toBe(true);
    expect(customerCues('thanks for nothing').thanks).toBe(false);
    expect(customerCues('please help me. thanks').thanks).toBe(false);
    expect(customerCues('still waiting for a reply').stillWaiting).toBe(true);
    expect(customerCues('No response after 3 days').stillWaiting).toBe(true);
    expect(customerCues('this is ridiculous, still broken!!').negativity).toBeGreaterThan(0);
    expect(customerCues('Thanks!! You guys are amazing').negativity).toBeLessThanOrEqual(0);
    expect(customerCues('my order is late').negativity).toBe(0);
  });
});

interface Fixture {
  items: { text: string; tweetId: string; labels: Step[] }[];
  holdout: { text: string; tweetId: string; labels: Step[] }[];
}
const fixture = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../fixtures/crisis/playbook-sample.json'), 'utf8')) as Fixture;
const agreement = (items: Fixture['items']) => items.filter((it) => detected(it.text).join() === [...it.labels].sort((a, b) => STEPS.indexOf(a) - STEPS.indexOf(b)).join()).length;

describe('precision on hand-labelled real brand replies', () => {
  it('agrees with the hand labels (tuning sample: 100/100 measured)', () => {
    const n = agreement(fixture.items);
    console.log(`[playbook] tuning sample: detector agrees with hand labels on ${n}/${fixture.items.length} replies`);
    expect(fixture.items).toHaveLength(100);
    expect(n).toBeGreaterThanOrEqual(98);
  });

  it('agrees with the hand labels on the held-out sample (97/100 measured)', () => {
    const n = agreement(fixture.holdout);
    console.log(`[playbook] held-out sample: detector agrees with hand labels on ${n}/${fixture.holdout.length} replies`);
    expect(fixture.holdout).toHaveLength(100);
    expect(n).toBeGreaterThanOrEqual(95);
  });

  const replies = sharedData('twcs-brand-replies');
  it.skipIf(!replies.present)('the fixture is the seeded sample of the shared data', () => {
    const drawn = drawSample(replies.dir, 200);
    expect(drawn.slice(0, 100).map((r) => r.tweetId)).toEqual(fixture.items.map((it) => it.tweetId));
    expect(drawn.slice(100).map((r) => r.text)).toEqual(fixture.holdout.map((it) => it.text));
  });
});

const at = (hhmm: string) => `2024-06-03T${hhmm}:00Z`;
/** Four conversations with known steps (times from the first customer message). */
const CONVERSATIONS: SynthMessage[] = [
  { id: 'c1', at: at('10:00'), author: 'ann', text: 'my order is late' },
  { id: 'b1', at: at('10:05'), parent: 'c1', inbound: false, text: 'Sorry to hear that! Please DM us your order number.' },
  { id: 'c2', at: at('10:30'), parent: 'b1', author: 'ann', text: 'done' },
  { id: 'b2', at: at('11:00'), parent: 'c2', inbound: false, text: 'We have processed your refund.' },
  { id: 'c3', at: at('11:10'), parent: 'b2', author: 'ann', text: 'thanks!' },
  { id: 'b3', at: at('11:15'), parent: 'c3', inbound: false, text: 'You are welcome, enjoy your day' },
  { id: 'c4', at: at('09:00'), author: 'bob', text: 'the app crashes' },
  { id: 'b4', at: at('09:30'), parent: 'c4', inbound: false, text: 'We would like to help, which version are you on?' },
  { id: 'c5', at: at('10:00'), parent: 'b4', author: 'bob', text: 'this is ridiculous, still broken!!' },
  { id: 'c6', at: at('10:30'), parent: 'c5', author: 'bob', text: 'still waiting for a reply' },
  { id: 'c7', at: at('12:00'), author: 'cat', text: 'hello' },
  { id: 'c8', at: at('13:00'), author: 'dan', text: 'my bill is wrong' },
  { id: 'b5', at: at('13:10'), parent: 'c8', inbound: false, text: 'Let’s get this sorted for you. Which plan are you on?' },
  { id: 'c9', at: at('13:20'), parent: 'b5', author: 'dan', text: 'thanks, the basic plan?' },
  { id: 'b6', at: at('13:30'), parent: 'c9', inbound: false, text: 'It is fixed now.' },
];

describe('playbook on generated conversations', () => {
  it('finds each step, its timing and the customer signals', async () => {
    const r = await runCrisis(synthCrisis(CONVERSATIONS), [playbookAnalysis]);
    const s = r.report.sections.playbook as PlaybookSection;
    expect(s.conversations).toBe(4);
    expect(s.withBrandReply).toBe(3);
    expect(s.negativity).toBe('cue-list');
    const step = (name: string) => s.steps.find((x) => x.step === name)!;
    expect(step('acknowledge')).toMatchObject({ conversations: 3, share: 0.75 });
    expect(step('acknowledge').time).toMatchObject({ medianSeconds: 600, minSeconds: 300, maxSeconds: 1800 });
    expect(step('offline')).toMatchObject({ conversations: 1, time: { medianSeconds: 300 } });
    expect(step('apologise')).toMatchObject({ conversations: 1, time: { medianSeconds: 300 } });
    expect(step('resolve')).toMatchObject({ conversations: 2, time: { medianSeconds: 2700 } });
    expect(step('close_loop')).toMatchObject({ conversations: 1, time: { medianSeconds: 4500 } });
    expect(s.customer.thanks.conversations).toBe(1);
    expect(s.customer.stillWaiting.conversations).toBe(1);
    expect(s.customer.angrierAfterReply.conversations).toBe(1);
    expect(s.sequences[0].conversations).toBe(1);
    expect(s.notes).toEqual([]);
    const col = (id: string, name = 'playbook_step') => r.columns.get(id)?.[name];
    expect(col('b1')).toBe('acknowledge+offline+apologise');
    expect(col('b2')).toBe('resolve');
    expect(col('b3')).toBe('close_loop');
    expect(col('b5')).toBe('acknowledge');
    expect(col('b6')).toBe('resolve');
    expect(col('c3', 'customer_signal')).toBe('thanks');
    expect(col('c5', 'customer_signal')).toBe('still_waiting+angrier'); // "still broken"
    expect(col('c6', 'customer_signal')).toMatch(/still_waiting/);
    expect(col('c9', 'customer_signal')).toBeUndefined();
  });

  it('says so when the export has no brand messages', async () => {
    const r = await runCrisis(synthCrisis(CONVERSATIONS.filter((m) => m.inbound !== false)), [playbookAnalysis]);
    const s = r.report.sections.playbook as PlaybookSection;
    expect(s.withBrandReply).toBe(0);
    // Not measurable, not a scorecard of zeros.
    expect(s.stepsNotMeasurable).toBe('the export contains no brand replies');
    expect(s.steps.every((x) => x.conversations === null && x.share === null && x.time.medianSeconds === null)).toBe(true);
    expect(s.notes[0]).toMatch(/no brand messages/);
  });

  it('judges anger with the sentiment column when one exists', async () => {
    const sentiment: Analysis = {
      name: 'fake-sentiment',
      sections: [],
      columns: ['sentiment_score'],
      async run(ctx) {
        // Everyone sounds calm except the customer's reply to "You are welcome".
        for (const m of ctx.messages) setColumn(ctx, m.id, 'sentiment_score', m.id === 'c3' ? -0.8 : 0.1);
      },
    };
    const r = await runCrisis(synthCrisis(CONVERSATIONS), [sentiment, playbookAnalysis]);
    const s = r.report.sections.playbook as PlaybookSection;
    expect(s.negativity).toBe('sentiment-column');
    expect(s.customer.angrierAfterReply.conversations).toBe(1);
    expect(r.columns.get('c3')?.customer_signal).toBe('thanks+angrier');
    expect(r.columns.get('c5')?.customer_signal).toBe('still_waiting');
  });
});

const head = sharedData('twcs-head-5k');
describe.skipIf(!head.present)('playbook on twcs-head-5k', () => {
  it('reads every conversation; every one was acknowledged', async () => {
    const r = await runCrisis(head.dir, [playbookAnalysis]);
    const s = r.report.sections.playbook as PlaybookSection;
    expect(s.conversations).toBe(1310);
    const step = (name: string) => s.steps.find((x) => x.step === name)!;
    // Acknowledgement time is the conversation first response time on Twitter (all public).
    expect(step('acknowledge')).toMatchObject({ conversations: 1310, time: { medianSeconds: 813 } });
    expect(step('offline').share).toBeGreaterThan(0.3);
    expect(step('offline').share).toBeLessThan(0.5);
    expect(step('resolve').conversations).toBeLessThan(step('apologise').conversations!);
  });
});
