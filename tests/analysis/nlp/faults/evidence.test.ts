/**
 * Fault evidence is a complaint about the fault (issue 12 item 5): the hard
 * cases found while labelling, and the precision of assignments measured on
 * 100 hand-labelled ones (tests/fixtures/fault-evidence-labels.csv, drawn by
 * draw-evidence-sample.ts: 20 per source, seed 1212, from the assignments made
 * before these checks). Measured: 0.820 before (82 of 100), 0.837 after
 * (82 of the 98 still assigned); every remaining error is a keyword of the
 * wrong fault ("ticket" for a festival ticket), not praise, a question, a
 * hashtag or a retweet.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { classifyFaults, parseFaultTaxonomy, type FaultTaxonomy, type TextMessage } from '../../../../src/analysis/nlp/faults/index.ts';
import { compileTaxonomy } from '../../../../src/analysis/nlp/faults/compile.ts';
import { hashtagRanges, insideHashtag, isAskingQuestion } from '../../../../src/analysis/nlp/faults/evidence.ts';
import { retweetBody } from '../../../../src/analysis/nlp/retweets.ts';
import { judgeMessage } from '../../../../src/analysis/nlp/faults/match.ts';
import { SOURCE_NAMES, loadSource, sourcePresent, type SourceName } from './evidence-sources.ts';

const lock: FaultTaxonomy = parseFaultTaxonomy(
  parse(`
lockout: { label: Locked out, keywords: [locked out, lockout, won't open] }
beeping: { label: Constant beeping, keywords: [beeping] }
support-delay: { label: Waiting for support, kind: service, keywords: [no response, still waiting] }
late: { label: Late flight, keywords: [delayed, delay] }
bags: { label: Lost luggage, keywords: [lost bag, missing bag, bag] }
service: { label: Customer service, keywords: [refund, customer service] }
crew: { label: Flight attendant, keywords: [flight attendant] }
`),
);
const compiled = compileTaxonomy(lock);
const verdict = (text: string) => judgeMessage(text, compiled);

describe('fault evidence: hard cases found while labelling', () => {
  it('a keyword only inside a campaign hashtag is not evidence (the smart-lock sample: praise and a question tagged #LatchlyLockout)', () => {
    expect(verdict('@Latchly Auto-unlock when I get home is magic 🔑 #LatchlyLockout')).toEqual({ assignment: null, rejected: { faultId: 'lockout', reason: 'hashtag' } });
    expect(verdict('Hey @LatchlySupport, how do I add a guest code for the weekend? #LatchlyLockout 😭').rejected?.reason).toBe('hashtag');
    expect(verdict('@united Why is my time less important to you?  #StrandUsInDenver #HourAndTenMinuteDelay').rejected?.reason).toBe('hashtag');
    // The same words outside the tag are evidence; a tag that is only the word is the author's word.
    expect(verdict('Locked out since 6am. #LatchlyLockout').assignment?.faultId).toBe('lockout');
    expect(verdict("@united I'm counting on you, please don't let me down! #delayed #again").assignment?.faultId).toBe('late');
    expect(verdict("@AmericanAir Let's see if your social media team will respond here. #NoResponse").assignment?.faultId).toBe('support-delay');
  });

  it('a question asking for help or information, reporting nothing wrong, is not evidence', () => {
    expect(verdict("@USAirways  in don't have it on me at the time as I am taking Amtrak home. How do we call for partial refunds?").rejected).toEqual({ faultId: 'service', reason: 'question' });
    expect(verdict('Is there a way to turn off the beeping at night?').rejected?.reason).toBe('question');
    expect(verdict('Is there a customer service number for Canada?').rejected?.reason).toBe('question');
    // Questions that report the problem, and rhetorical ones, are complaints.
    expect(verdict("How do I get in when the lock won't open?").assignment?.faultId).toBe('lockout');
    expect(verdict('@united Can you please follow for a Dm on a missing bag?').assignment?.faultId).toBe('bags');
    expect(verdict('@United how do you lose a gate checked bag DEN to ORD? Direct flight. Ugh.').assignment?.faultId).toBe('bags');
    expect(verdict('Why is my flight delayed again??').assignment?.faultId).toBe('late');
    expect(verdict("@USAirways how do I get a hold of customer service? I've called multiple times and have been on hold for 30+ mins").assignment?.faultId).toBe('service');
  });

  it('praise is not evidence; a complaint signed "Thanks" is', () => {
    expect(verdict('@JetBlue the flight attendant on 1234 was wonderful, best crew ever, thank you so much! 😍').rejected).toEqual({ faultId: 'crew', reason: 'praise' });
    expect(verdict('Hi Latchly team,  My Latchly Mini beeps every 30 seconds! Pulled the batteries just to make it stop.  Thanks, Jorge').assignment?.faultId).toBe('beeping');
    expect(verdict('@Latchly @LatchlySupport The back door lock has been beeping all night!! #fail 🙃').assignment?.faultId).toBe('beeping');
  });

  it('a retweet of a message already counted is not counted again; the first report of a complaint is', () => {
    const at = Date.UTC(2024, 9, 9);
    const m = (id: string, text: string, minutes: number): TextMessage => ({ id, text, createdAt: at + minutes * 60_000, isBrand: false });
    const original = m('1', 'Locked out of my own house since the update', 0);
    const rt = m('2', 'RT @ana: Locked out of my own house since the update', 5);
    const rtOfAbsent = m('3', 'RT @Channel9Desk: Dozens of residents say they were locked out of their homes https://t.co/x1', 6);
    const again = m('4', 'RT @bob: Dozens of residents say they were locked out of their homes https://t.co/y2', 7);
    const flagged = m('5', 'Locked out of my own house since the update', 8);
    const result = classifyFaults([rt, original, rtOfAbsent, again, flagged], lock, { retweetIds: new Set(['5']) });
    expect(Object.keys(result.assignments).sort()).toEqual(['1', '3']);
    expect(result.pareto.find((f) => f.faultId === 'lockout')!.count).toBe(2);
    // Copies that are not retweets are separate reports.
    expect(Object.keys(classifyFaults([original, { ...original, id: '6' }], lock).assignments)).toEqual(['1', '6']);
    expect(retweetBody('RT @a: Same   words https://t.co/1')).toBe(retweetBody('same words'));
  });

  it('the helpers work on offsets of the raw text', () => {
    const text = 'Door stuck #LatchlyLockout #lockout';
    const tags = hashtagRanges(text);
    expect(tags).toEqual([11, 26, 27, 35]);
    expect(insideHashtag(tags, 19, 26)).toBe(true);
    expect(insideHashtag(tags, 28, 35)).toBe(false);
    expect(isAskingQuestion('Locked out. How do I roll back?', 20)).toBe(true);
    expect(isAskingQuestion('Locked out. How do I roll back?', 2)).toBe(false);
  });
});

interface Label {
  source: SourceName;
  id: string;
  text: string;
  fault: string;
  label: 'yes' | 'no';
  reason: string;
}

const labels = Papa.parse<Label>(readFileSync(fileURLToPath(new URL('../../../fixtures/fault-evidence-labels.csv', import.meta.url)), 'utf8'), { header: true, skipEmptyLines: true }).data;

describe.skipIf(!SOURCE_NAMES.every(sourcePresent))('fault evidence: precision on 100 hand-labelled assignments', () => {
  const now = new Map<string, string | null>();
  beforeAll(async () => {
    for (const name of SOURCE_NAMES) {
      const source = await loadSource(name);
      const { assignments } = classifyFaults(source.items, source.taxonomy, { retweetIds: source.retweetIds });
      for (const row of labels.filter((r) => r.source === name)) now.set(`${name}\u0000${row.id}`, assignments[row.id]?.faultId ?? null);
    }
  }, 300_000);

  it('holds 100 labelled assignments, 20 per source', () => {
    expect(labels.length).toBe(100);
    for (const name of SOURCE_NAMES) expect(labels.filter((r) => r.source === name).length).toBe(20);
    expect(labels.every((r) => r.label === 'yes' || r.label === 'no')).toBe(true);
  });

  it('keeps precision at or above its floor, with no assignment the labels do not cover', () => {
    const kept = labels.filter((r) => now.get(`${r.source}\u0000${r.id}`) !== null);
    // A message now assigned another fault needs a label of its own (add a row): it would not be measured otherwise.
    const moved = kept.filter((r) => now.get(`${r.source}\u0000${r.id}`) !== r.fault);
    expect(moved.map((r) => r.text)).toEqual([]);
    const precision = kept.filter((r) => r.label === 'yes').length / kept.length;
    const before = labels.filter((r) => r.label === 'yes').length / labels.length;
    console.log(`[faults] evidence precision: ${before.toFixed(3)} before the complaint checks (100), ${precision.toFixed(3)} after (${kept.length} still assigned)`);
    // Measured 0.837 (82 of 98).
    expect(precision).toBeGreaterThanOrEqual(0.82);
    // The cases the checks exist for are gone: the retweet of a counted news post, the how-to question.
    const dropped = labels.filter((r) => now.get(`${r.source}\u0000${r.id}`) === null);
    expect(dropped.filter((r) => r.label === 'no').map((r) => r.reason)).toEqual(expect.arrayContaining([expect.stringMatching(/^retweet/), expect.stringMatching(/^a question/)]));
    expect(dropped.filter((r) => r.label === 'yes').length).toBeLessThanOrEqual(1);
  });
});
