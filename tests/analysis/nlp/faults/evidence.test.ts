/**
 * Fault evidence is a complaint about the fault (issue 12 item 5): the hard
 * cases found while labelling, and the precision of assignments measured on
 * five samples of 100 hand-labelled ones, drawn by draw-evidence-sample.ts (20
 * per source, from the assignments made before these checks):
 *
 * - tests/fixtures/fault-evidence-labels.csv, seed 1212: 0.820 before the
 *   checks, 0.837 after the complaint checks (82 of 98), 0.879 with the
 *   library's `context:` rules for waiting for support (80 of 91). These rules
 *   were written after reading this sample, so it is no longer a fair test.
 * - tests/fixtures/fault-evidence-labels-2.csv, seed 2626, drawn and labelled
 *   after the rules were written: 0.810 before the checks, 0.832 now (79 of
 *   95). 14 of its 16 errors are single words of the tuned airline and CFPB
 *   test taxonomies naming the wrong fault ("staff" for a long queue,
 *   "savings account" for a garnished wage); the library and the sample
 *   crises' faults are right in 53 of 55.
 * - tests/fixtures/fault-evidence-labels-3.csv, seed 3939, drawn and labelled
 *   by hand in the second round, without looking at what the code assigns
 *   now: 0.790 before the checks, 0.837 now (77 of 92). 26 of its rows were
 *   drawn before (the sample crises and twcs have few distinct assignments).
 *   8 of its 15 errors are words of the CFPB test taxonomy in long narratives
 *   about something else ("notice" beside PMI charges, "paid off" beside a
 *   deed never issued), 5 one-word keywords of the airline test taxonomy
 *   ("staff", "rebook", "hotel", "baggage", "meal"). By source: the sample
 *   crises and the library's faults on twcs 50 of 52 (a reached
 *   representative, "#no #answers" written as hashtags alone), the two test
 *   taxonomies 27 of 40 (airline 15 of 20, CFPB 12 of 20).
 *
 * - tests/fixtures/fault-evidence-labels-4.csv, seed 4848, drawn and labelled
 *   by hand in the third round, after the ambiguous-keyword fixes below were
 *   applied and without looking at what the code assigns: 0.800 before the
 *   checks, 0.828 now (77 of 93); 0.830 (78 of 94) with the test taxonomies as
 *   they were before the fixes. The only sample read after every rule was
 *   written, so the fair figure: the fixes did not raise it. Its errors are
 *   label words and phrases ("cancelled" where the export rewrote "cancel",
 *   "mortgage" for PMI removal, "notification" for a cancelled card) and
 *   words of long CFPB narratives, which no one-word check reaches.
 *
 * - tests/fixtures/fault-evidence-labels-5.csv, seed 5959, drawn and labelled
 *   by hand in the fourth round before any rule of that round was written:
 *   0.780 before the checks, 0.819 with the checks of the third round (77 of
 *   94 kept). The fair figure today: 0.85 is not reached. Of its 17 errors,
 *   7 are keywords of the airline test taxonomy in tweets ("seat", "point",
 *   "meal", "attendant", "booked", "confirmation number"), 8 words of the CFPB
 *   taxonomies in narratives about something else ("checking account" beside
 *   a reversed mortgage payment, "30 days" late, "date of birth"), the rest
 *   hashtags alone or a one-word keyword in passing.
 *
 * Fourth round, tried and NOT adopted (samples 1–4 together from 0.858; the
 * rules and the lost complaints are kept here so no one tries them blind):
 * - "passing": in a narrative of ≥ 500 characters, a fault whose only evidence
 *   is one mention of a one-word keyword does not count. Samples 1–4: 0.869
 *   (the length was chosen on them); sample 5: 0.819 → 0.824, dropping one
 *   non-complaint and two complaints (a freeze that could not be lifted,
 *   unverified collection accounts); the CFPB sample crisis: 2 non-complaints
 *   dropped, 1 message moved to the right fault, 3 real complaints lost. On
 *   fresh data it trades complaints for precision one for one.
 * - the "complaint sentence" rule — in a message of several sentences, a hit
 *   counts only when its own sentence reports something wrong (a problem
 *   word, a negation, a negative word or complaint cue of the sentiment
 *   lexicon): 0.865 on all texts, but it drops 491 smart-lock assignments (310
 *   lockouts: "Firmware 4.2.0 is locking people out", "bricked itself",
 *   "unlocked by itself twice overnight" hold no generic problem word); with
 *   the sentence before or after allowed, 0.856; on narratives only 0.858:
 *   nearly every sentence of a complaint narrative holds a negation or a
 *   problem word, so it tells nothing apart there;
 * - the same for one-word keywords of short posts: drops 53 of 219 smart-lock
 *   "beeping" complaints ("beeps every 30 seconds!" beside "Very
 *   disappointed.");
 * - a question sentence asking for help, with no problem word of its own, not
 *   evidence even when the message reports a problem elsewhere: no change on
 *   samples 1–4, and it drops airline complaints whose problem follows the
 *   question ("any way you can help me find a flight to LAS? Stuck in DIA").
 *
 * Third round: `debrief faults suggest` reports ambiguous one-word keywords
 * (ambiguous.ts: no word of the fault within 8 words in ≥ 75% of its texts,
 * another fault matched in ≥ 70%) and proposes a `context:` entry for each;
 * apply-ambiguity-fixes.ts took its proposals for the two tuned test
 * taxonomies as they were (airline: 17 keywords, e.g. staff, crew, hotel,
 * meal; CFPB: 14, e.g. sue, attorney, was paid, error). Samples 1 / 2 / 3:
 * 0.879 → 0.901, 0.832 → 0.859, 0.837 → 0.846 (four messages moved to another
 * fault, labelled in rows of their own); the tuned airline taxonomy 0.521 →
 * 0.531 macro-F1, CFPB 0.398 → 0.401. The thresholds were chosen after
 * measuring 0.6 / 0.5 and 0.75 / 0.7 on samples 1–3 (0.6 / 0.5 flagged 51
 * airline keywords and gave 0.848 over the three with airline 0.515), so
 * samples 1–3 are not a fair test of them; sample 4 is. The smart-lock
 * crisis has no ambiguous keyword ("chirping" is alone in 99% of its texts
 * but another fault matches only 29%); the CFPB sample crisis has three
 * ("inaccurate", "errors", "investigation"), left as they are: fixed, they
 * moved two labelled messages and dropped two labelled complaints.
 *
 * Tried in the second round and left out (figures for samples 1 / 2 / 3):
 * - a one-word keyword the crisis's customers write as often in positive or
 *   neutral messages ("crew", "staff": its share of non-negative messages at
 *   least half the crisis's) counting only with a second signal (another
 *   keyword of the fault, or a report of something wrong): 0.879 → 0.878,
 *   0.832 → 0.849, 0.837 → 0.833 — it dropped as many complaints ("beeps
 *   every 30 seconds": the sentiment model calls such complaints neutral) as
 *   errors, and cost the tuned airline taxonomy 0.007 macro-F1;
 * - a one-word keyword that names a thing (no valence in the sentiment
 *   lexicon, not a word of the fault's label: "staff", "hotel") counting only
 *   beside another word of the fault's keywords: 0.849 → 0.876 over the three
 *   samples together, but it drops 67 "chirping" and 13 "locksmith"
 *   complaints of the smart-lock sample crisis and takes the tuned airline
 *   taxonomy from 0.521 to 0.499. What is left wrong is which fault a
 *   complaint is about, which keywords cannot tell; a crisis's own faults
 *   tighten it with `context:`.
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
import { parseFaultLibrary } from '../../../../src/analysis/config/fault-library.ts';
import { parseCrisisConfig } from '../../../../src/analysis/config/crisis-config.ts';
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

describe('fault evidence: context words and exclusions of a fault', () => {
  const library = parseFaultLibrary(readFileSync(fileURLToPath(new URL('../../../../data/faults.yaml', import.meta.url)), 'utf8'), 'data/faults.yaml');
  const support = compileTaxonomy({ 'support-delay': library.faults['support-delay']! });
  const judge = (text: string) => judgeMessage(text, support);

  it('waiting, holding and hanging up are waiting for support only beside a word of support (data/faults.yaml)', () => {
    // The twcs cases of the first sample.
    expect(judge('@116076 ordered pizza for a 515 delivery.  Still waiting on it.  Having a halloween party.').rejected).toEqual({ faultId: 'support-delay', reason: 'context' });
    expect(judge('@116276 WHY IF I REPORT ANOTHER DRIVER MY ACCOUNT GETS PUT ON HOLD????????').rejected?.reason).toBe('context');
    expect(judge('“We’re preparing for takeoff so tell them you love them and hang up.” - my @SouthwestAir attendant').rejected?.reason).toBe('context');
    // With the support word near, and the keywords that need none.
    expect(judge('@Ask_Spectrum being on hold for 11 minutes and counting is poor service').assignment?.evidence.text).toBe('on hold');
    expect(judge('@LatchlySupport Hello?? Still waiting for someone to get back to me.').assignment?.faultId).toBe('support-delay');
    expect(judge('@comcastcares says it’s transferring me then it hangs up. Twice now.').assignment?.faultId).toBe('support-delay');
    expect(judge('@AppleSupport Sent twice. no reply either way.').assignment?.faultId).toBe('support-delay');
  });

  it('a context word counts only within reach, outside the keyword, and an exclusion rules the fault out for another to win', () => {
    const t = compileTaxonomy(
      parseFaultTaxonomy(
        parse(`
wait: { label: Waiting, kind: service, context: { keywords: [still waiting], near: [reply, still], within: 2 }, exclude: [pizza] }
late: { label: Late delivery, keywords: [delivery] }
`),
      ),
    );
    expect(judgeMessage('still waiting for a reply', t).assignment?.faultId).toBe('wait');
    // "still" inside the keyword is not its own context; "reply" four words on is out of reach.
    expect(judgeMessage('still waiting since monday on the reply', t).rejected).toEqual({ faultId: 'wait', reason: 'context' });
    expect(judgeMessage('still waiting for a reply about my pizza delivery', t).assignment?.faultId).toBe('late');
  });

  it('a bad context or exclude entry is an error naming the file and the fault', () => {
    const bad = (faults: string) => () => parseFaultLibrary(`faults:\n${faults}`, 'site/faults.yaml');
    expect(bad('  wait: { label: W, keywords: [x], context: { keywords: [still waiting] } }')).toThrow(/site\/faults\.yaml[\s\S]*faults\.wait\.context\.near: required/);
    expect(bad('  wait: { label: W, keywords: [x], context: [{ keywords: [a], near: [b], nearby: 3 }] }')).toThrow(/faults\.wait\.context\[0\]\.nearby: unknown field \(known: keywords, near, within\)/);
    expect(bad('  wait: { label: W, keywords: [x], context: { keywords: [a], near: [b], within: 0 } }')).toThrow(/faults\.wait\.context\.within: must be a whole number/);
    expect(bad('  wait: { label: W, keywords: [x], exclude: [{ a: 1 }] }')).toThrow(/faults\.wait\.exclude\[0\]: must be text/);
    expect(bad('  wait: { label: W, keywords: [x], requires: [y] }')).toThrow(/faults\.wait\.requires: unknown field/);
    expect(() => parseFaultTaxonomy({ wait: { label: 'W', keywords: ['x'], context: 'reply' } })).toThrow(/faults\.wait\.context: must be a mapping/);
    expect(() => parseFaultTaxonomy({ wait: { label: 'W', keywords: ['x'], near: ['y'] } })).toThrow(/faults\.wait\.near: unknown field/);
    // A crisis adds its context rules to the library's fault; both apply.
    const crisis = parseCrisisConfig('title: T\nsources: []\nfaults:\n  support-delay: { context: { keywords: [still stuck], near: [agent] } }\n', 'c/crisis.yaml', library);
    expect(crisis.faults['support-delay']!.context.map((c) => c.keywords[0])).toEqual(['still waiting', 'on hold', 'hangs up', 'still stuck']);
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

const readLabels = (name: string) =>
  Papa.parse<Label>(readFileSync(fileURLToPath(new URL(`../../../fixtures/${name}`, import.meta.url)), 'utf8'), { header: true, skipEmptyLines: true }).data;

/**
 * Each sample, with its floor (the precision measured, to 0.01 below) and the labelled complaints the checks may drop.
 * A message a later rule moved to another fault has a second row labelling it for that fault.
 */
const SAMPLES = [
  { file: 'fault-evidence-labels.csv', floor: 0.87, droppedComplaints: 2 },
  { file: 'fault-evidence-labels-2.csv', floor: 0.85, droppedComplaints: 2 },
  { file: 'fault-evidence-labels-3.csv', floor: 0.84, droppedComplaints: 2 },
  { file: 'fault-evidence-labels-4.csv', floor: 0.82, droppedComplaints: 3 },
  { file: 'fault-evidence-labels-5.csv', floor: 0.81, droppedComplaints: 1 },
] as const;

describe.skipIf(!SOURCE_NAMES.every(sourcePresent))('fault evidence: precision on hand-labelled assignments', () => {
  const now = new Map<string, string | null>();
  const samples = SAMPLES.map((s) => ({ ...s, labels: readLabels(s.file) }));
  beforeAll(async () => {
    for (const name of SOURCE_NAMES) {
      const source = await loadSource(name);
      const { assignments } = classifyFaults(source.items, source.taxonomy, { retweetIds: source.retweetIds });
      for (const { labels } of samples) for (const row of labels.filter((r) => r.source === name)) now.set(`${name}\u0000${row.id}`, assignments[row.id]?.faultId ?? null);
    }
  }, 300_000);
  const key = (r: Label) => `${r.source}\u0000${r.id}`;
  const assigned = (r: Label) => now.get(key(r)) ?? null;
  /** The drawn messages: the first row of each (the fault it was drawn with). */
  const drawn = (labels: readonly Label[]) => labels.filter((r, i) => labels.findIndex((o) => key(o) === key(r)) === i);

  it('holds 100 labelled assignments per sample, 20 per source', () => {
    for (const { labels } of samples) {
      expect(drawn(labels).length).toBe(100);
      for (const name of SOURCE_NAMES) expect(drawn(labels).filter((r) => r.source === name).length).toBe(20);
      expect(labels.every((r) => r.label === 'yes' || r.label === 'no')).toBe(true);
    }
  });

  it.each(SAMPLES.map((s) => [s.file] as const))('%s: keeps precision at or above its floor, with no assignment the labels do not cover', (file) => {
    const { labels, floor, droppedComplaints } = samples.find((s) => s.file === file)!;
    const kept = drawn(labels).filter((r) => assigned(r) !== null);
    // A message now assigned another fault needs a label of its own (add a row): it would not be measured otherwise.
    const labelNow = (r: Label) => labels.find((o) => key(o) === key(r) && o.fault === assigned(r));
    expect(kept.filter((r) => labelNow(r) === undefined).map((r) => r.text)).toEqual([]);
    const precision = kept.filter((r) => labelNow(r)!.label === 'yes').length / kept.length;
    const before = drawn(labels).filter((r) => r.label === 'yes').length / 100;
    console.log(`[faults] evidence precision (${file}): ${before.toFixed(3)} before the checks (100), ${precision.toFixed(3)} now (${kept.length} still assigned)`);
    expect(precision).toBeGreaterThanOrEqual(floor);
    // What the checks drop is mostly not a complaint about the fault.
    const dropped = drawn(labels).filter((r) => assigned(r) === null);
    expect(dropped.filter((r) => r.label === 'yes').length).toBeLessThanOrEqual(droppedComplaints);
    expect(dropped.filter((r) => r.label === 'no').length).toBeGreaterThan(dropped.filter((r) => r.label === 'yes').length);
  });

  it('the cases the checks exist for are gone from the samples', () => {
    const dropped = samples.flatMap((s) => drawn(s.labels)).filter((r) => assigned(r) === null && r.label === 'no');
    // The retweet of a counted news post, the how-to question, and waiting that is not for support (a pizza, the internet, a joke).
    expect(dropped.map((r) => r.reason)).toEqual(expect.arrayContaining([expect.stringMatching(/^retweet/), expect.stringMatching(/^a question/), expect.stringMatching(/pizza/), expect.stringMatching(/internet service/), expect.stringMatching(/^a joke/)]));
  });
});
