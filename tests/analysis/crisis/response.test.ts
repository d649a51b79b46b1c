import { describe, expect, it } from 'vitest';
import { responseAnalysis } from '../../../src/analysis/crisis/response.ts';
import type { ResponseSection } from '../../../src/analysis/crisis/types.ts';
import { memoryCrisisFiles, runCrisis, sharedData, synthCrisis, type SynthMessage } from './helpers.ts';

const at = (hhmm: string) => `2024-06-03T${hhmm}:00Z`;

/**
 * Six conversations with hand-computed answers (SLA 30 min):
 *  A twitter:  c1 10:00 → b1 10:10 (600 s); c2 10:20 → b2 11:20 (3600 s)
 *  B twitter:  c3 12:00 → b4 12:30 and b3 13:00 (earliest: 1800 s)
 *  C facebook: c5 09:00, another customer c6 09:05 → b5 09:45 (c6: 2400 s; conversation: 2700 s)
 *  D facebook: c7 14:00, never answered
 *  E facebook: c8 20:00, never answered (the last message: the end of the data)
 *  F twitter:  brand post b6 08:00, c9 08:30 → b7 08:40 (600 s); b8 replies to b7 (brand to brand)
 */
const THREADS: SynthMessage[] = [
  { id: 'c1', at: at('10:00'), author: 'ann' },
  { id: 'b1', at: at('10:10'), parent: 'c1', inbound: false },
  { id: 'c2', at: at('10:20'), parent: 'b1', author: 'ann' },
  { id: 'b2', at: at('11:20'), parent: 'c2', inbound: false },
  { id: 'c3', at: at('12:00'), author: 'bob' },
  { id: 'b3', at: at('13:00'), parent: 'c3', inbound: false },
  { id: 'b4', at: at('12:30'), parent: 'c3', inbound: false },
  { id: 'c5', at: at('09:00'), author: 'cat', channel: 'facebook' },
  { id: 'c6', at: at('09:05'), parent: 'c5', author: 'dan', channel: 'facebook' },
  { id: 'b5', at: at('09:45'), parent: 'c6', inbound: false, channel: 'facebook' },
  { id: 'c7', at: at('14:00'), author: 'eve', channel: 'facebook' },
  { id: 'c8', at: at('20:00'), author: 'fay', channel: 'facebook' },
  { id: 'b6', at: at('08:00'), inbound: false },
  { id: 'c9', at: at('08:30'), parent: 'b6', author: 'gus' },
  { id: 'b7', at: at('08:40'), parent: 'c9', inbound: false },
  { id: 'b8', at: at('08:41'), parent: 'b7', inbound: false },
];

describe('response on generated threads', () => {
  it('computes first-hop and conversation figures as defined', async () => {
    const r = await runCrisis(synthCrisis(THREADS, 'sla:\n  firstResponseMinutes: 30\n'), [responseAnalysis]);
    const s = r.report.sections.response as ResponseSection;
    expect(s.slaMinutes).toBe(30);
    expect(s.dataEnd).toBe('2024-06-03T20:00:00.000Z');
    expect(s.firstHop).toMatchObject({ brandRepliesToInbound: 6, answeredInbound: 5, inboundMessages: 8, withinSlaShareOfAnswered: 0.6 });
    expect(s.firstHop!.time).toMatchObject({ n: 5, medianSeconds: 1800, p90Seconds: 3120, minSeconds: 600, maxSeconds: 3600 });
    const c = s.conversations!;
    expect(c).toMatchObject({ roots: 6, conversations: 6, answered: 4, unanswered: 2, responseRate: 0.6667, withinSlaShare: 0.5 });
    expect(c.time).toMatchObject({ n: 4, medianSeconds: 1200, p90Seconds: 2430 });
    expect(c.unansweredAge).toMatchObject({ n: 2, medianSeconds: 10_800, maxSeconds: 21_600, minSeconds: 0 });
    expect(c.bands.map((b) => b.conversations)).toEqual([0, 2, 2, 0, 0, 0, 0]);
    expect(s.byChannel.map((ch) => [ch.channel, ch.conversations, ch.answered, ch.time.medianSeconds, ch.firstHop.answeredInbound])).toEqual([
      ['facebook', 3, 1, 2700, 1],
      ['twitter', 3, 3, 600, 4],
    ]);
    expect(s.cases).toBeNull();
    expect(s.notes).toEqual([]);
    const col = (id: string, name: string) => r.columns.get(id)?.[name];
    expect(['c1', 'c2', 'c3', 'c6', 'c9'].map((id) => col(id, 'first_response_s'))).toEqual([600, 3600, 1800, 2400, 600]);
    expect(col('c5', 'first_response_s')).toBeUndefined();
    expect(['c1', 'c3', 'c5', 'c9'].map((id) => col(id, 'conversation_first_response_s'))).toEqual([600, 1800, 2700, 600]);
    expect(col('c2', 'conversation_first_response_s')).toBeUndefined();
  });

  it('says why when there are no brand messages', async () => {
    const r = await runCrisis(synthCrisis(THREADS.filter((m) => m.inbound !== false)), [responseAnalysis]);
    const s = r.report.sections.response as ResponseSection;
    // Not measurable, with the reason: never a 0% response rate or every conversation "unanswered".
    expect(s.firstHop).toMatchObject({ answeredInbound: null, withinSlaShareOfAnswered: null, responseNotMeasurable: 'the export contains no brand replies' });
    expect(s.firstHop?.time.medianSeconds).toBeNull();
    expect(s.conversations).toMatchObject({ answered: null, unanswered: null, responseRate: null, withinSlaShare: null, bands: [], responseNotMeasurable: 'the export contains no brand replies' });
    expect(s.conversations?.unansweredAge.n).toBe(0);
    expect(s.byChannel.every((c) => c.responseRate === null && c.unanswered === null && c.responseNotMeasurable)).toBe(true);
    expect(s.notes[0]).toMatch(/no brand messages/);
  });
});

describe('response on generated cases', () => {
  it('times first response, resolution and close by category and product', async () => {
    const csv = [
      'ticket_id,opened_at,first_response_at,resolved_at,closed_at,status,category,product',
      'T1,2024-06-03T09:00:00Z,2024-06-03T09:30:00Z,2024-06-03T12:00:00Z,2024-06-04T09:00:00Z,closed,billing,app',
      'T2,2024-06-03T10:00:00Z,2024-06-03T11:00:00Z,2024-06-03T14:00:00Z,,solved,billing,web',
      'T3,2024-06-03T11:00:00Z,2024-06-03T11:10:00Z,,,open,outage,app',
      'T4,2024-06-03T12:00:00Z,,,,new,,app',
    ].join('\n');
    const r = await runCrisis(memoryCrisisFiles({ 'tickets.csv': csv }), [responseAnalysis]);
    const s = r.report.sections.response as ResponseSection;
    expect(s.firstHop).toBeNull();
    const c = s.cases!;
    expect(c.cases).toBe(4);
    expect(c.firstResponse).toMatchObject({ n: 3, medianSeconds: 1800, p90Seconds: 3240, minSeconds: 600 });
    expect(c.resolution).toMatchObject({ n: 2, medianSeconds: 12_600 });
    expect(c.close).toMatchObject({ n: 1, medianSeconds: 86_400 });
    expect(c.timely).toBeNull();
    expect(c.byCategory.map((g) => [g.value, g.cases, g.firstResponse?.medianSeconds])).toEqual([
      ['billing', 2, 2700],
      ['(none)', 1, null],
      ['outage', 1, 600],
    ]);
    expect(c.byProduct.map((g) => [g.value, g.cases])).toEqual([
      ['app', 3],
      ['web', 1],
    ]);
    expect(c.statuses.map((x) => x.value)).toEqual(['closed', 'new', 'open', 'solved']);
    expect(s.notes).toEqual([]);
  });
});

const head = sharedData('twcs-head-5k');
describe.skipIf(!head.present)('response on twcs-head-5k (figures from an independent calculation)', () => {
  it('reproduces the first-hop and conversation figures', async () => {
    const r = await runCrisis(head.dir, [responseAnalysis]);
    expect(r.messages).toHaveLength(4999);
    const s = r.report.sections.response as ResponseSection;
    expect(s.firstHop).toMatchObject({ brandRepliesToInbound: 2187, answeredInbound: 2082 });
    expect(s.firstHop!.time.medianSeconds).toBe(691.5);
    expect(s.firstHop!.time.p90Seconds).toBe(22_813);
    expect(s.firstHop!.time.minSeconds).toBeGreaterThan(0); // no negative latencies
    expect(s.conversations).toMatchObject({ roots: 1312, conversations: 1310, answered: 1310, unanswered: 0, responseRate: 1 });
    expect(s.conversations!.time.medianSeconds).toBe(813);
    expect(s.conversations!.time.p90Seconds).toBeCloseTo(32_933.3, 1);
    expect(s.notes).toEqual([]);
  });
});

const random = sharedData('twcs-random-5k');
describe.skipIf(!random.present)('response on twcs-random-5k', () => {
  it('warns that sampling broke the threads', async () => {
    const r = await runCrisis(random.dir, [responseAnalysis]);
    const s = r.report.sections.response as ResponseSection;
    expect(s.firstHop!.brandRepliesToInbound).toBe(3);
    expect(s.notes.join(' ')).toMatch(/reply to messages missing from the export/);
  });
});

const airline = sharedData('airline-sentiment');
describe.skipIf(!airline.present)('response on the airline tweets', () => {
  it('has nothing to measure and says so', async () => {
    const r = await runCrisis(airline.dir, [responseAnalysis]);
    const s = r.report.sections.response as ResponseSection;
    expect(s.firstHop?.answeredInbound).toBeNull();
    expect(s.conversations).toMatchObject({ answered: null, responseRate: null, responseNotMeasurable: 'the export contains no brand replies' });
    expect(s.notes[0]).toMatch(/no brand messages/);
  });
});

const cfpb = sharedData('cfpb-complaints-sample');
describe.skipIf(!cfpb.present)('response on CFPB complaints', () => {
  it('reports the timely-response flag by product and company, and no response times', async () => {
    const r = await runCrisis(cfpb.dir, [responseAnalysis]);
    const s = r.report.sections.response as ResponseSection;
    expect(s.firstHop).toBeNull();
    const c = s.cases!;
    expect(c.cases).toBe(6623);
    expect(c.timelyAttribute).toBe('Timely response?');
    expect(c.timely).toEqual({ yes: 6529, no: 94, unknown: 0, share: 0.9858 });
    expect(c.firstResponse).toBeNull();
    expect(c.byProduct[0]).toMatchObject({ value: 'Credit reporting, credit repair services, or other personal consumer reports', cases: 3503 });
    expect(c.byCompany[0].value).toMatch(/TRANSUNION/);
    expect(c.byCompany[0].cases).toBe(1708);
    expect(s.notes.join(' ')).toMatch(/no first-response, resolution or close times/);
  });
});
