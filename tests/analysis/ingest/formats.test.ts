import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../helpers/ingest.ts';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/ingest');
const file = (name: string) => readFile(path.join(fixtures, name));

describe('twcs fixture', () => {
  it('strips the .0 of parent ids, rejects a record broken by bare CRs whole, threads replies', async () => {
    const { source, messages } = await ingest({ 'twcs.csv': await file('twcs-mini.csv') });
    expect(source.format).toBe('twcs');
    expect([source.read, source.loaded, source.rejected]).toEqual([6, 5, 1]);
    expect(source.rejectedByReason['carriage return in an unquoted field'].examples.map((e) => e.at)).toEqual(['twcs.csv:6']);
    const byId = Object.fromEntries(messages.map((m) => [m.id, m]));
    expect(byId['1'].parentId).toBe('3');
    expect(byId['2'].conversationId).toBe('3');
    expect(byId['3'].text).toBe('@sprintcare I have sent several private messages & no one is responding');
    expect(byId['4']).toMatchObject({ isBrand: true, inbound: false, parentId: '7', conversationId: '4', attributes: { response_tweet_id: '5,6' } });
    expect(byId['8'].text).toBe('@AskPayPal multi\nline text');
  });
});

describe('brand replies fixture (UTF-8 BOM, TRUE/FALSE)', () => {
  it('reads the header through the BOM and FALSE as outbound', async () => {
    const { source, messages } = await ingest({ 'AppleSupport.csv': await file('brand-replies-bom.csv') });
    expect(source.format).toBe('twcs');
    expect(messages.map((m) => [m.id, m.isBrand, m.inbound])).toEqual([['696', true, false], ['699', true, false]]);
    expect(messages.at(0)!.text).toContain('Settings > General > About.');
  });
});

describe('airline fixture', () => {
  it('converts -0800 to UTC, keeps labels, counts exact and repeated-id duplicates, rejects an impossible date', async () => {
    const { source, messages } = await ingest({ 'Tweets.csv': await file('airline-mini.csv') });
    expect([source.read, source.loaded, source.duplicates, source.exactDuplicates, source.repeatedIds, source.rejected]).toEqual([6, 3, 2, 1, 1, 1]);
    expect(source.rejectedByReason['impossible date'].examples[0]).toMatchObject({ at: 'Tweets.csv:8' });
    const m = messages.find((x) => x.id === '570301031407624196')!;
    expect(m.createdAt).toBe(Date.UTC(2015, 1, 24, 19, 15, 36));
    expect(m.text).toContain('"entertainment"');
    expect(m.text).toContain(' & they');
    expect(m.attributes).toMatchObject({ airline_sentiment: 'negative', negativereason: 'Bad Flight', airline: 'United' });
    expect(messages.find((x) => x.id === '570264145116819457')).toMatchObject({ shares: 2, text: '@AmericanAir I love this graphic.\nTwo lines.' });
  });
});

describe('cfpb fixture', () => {
  it('loads complaints as cases with YYYY/M/D dates', async () => {
    const { source, cases } = await ingest({ 'complaints.csv': await file('cfpb-mini.csv') });
    expect(source).toMatchObject({ format: 'cfpb', table: 'cases', read: 3, loaded: 3 });
    expect(cases[1]).toMatchObject({ id: '3384392', openedAt: Date.UTC(2019, 8, 24), category: 'Attempts to collect debt not owed', company: 'TRANSWORLD SYSTEMS INC', channel: 'web' });
    expect(cases[1].attributes['Timely response?']).toBe('No');
  });
});

describe('generic header-less TSV (NHTSA layout, CRLF, space padding)', () => {
  it('maps by 1-based position and trims padding', async () => {
    const yaml = 'sources:\n  - file: c.txt\n    table: cases\n    columns: { id: 1, company: 3, product: 5, category: 12, opened_at: 16, text: 20 }\n';
    const { source, cases } = await ingest({ 'crisis.yaml': yaml, 'c.txt': await file('nhtsa-mini.txt') });
    expect([source.read, source.loaded]).toEqual([3, 3]);
    expect(cases.map((c) => c.product)).toEqual(['COROLLA', 'LAND CRUISER', 'PASEO']);
    expect(cases[2].text).toBe('PARKED ON FLAT SURFACE EMERGENCY BRAKING ENGAGED VEHICLE ROLLED REARWARD.  TT');
  });
});

describe('crisis.yaml with a cases source: dateFormat, source time zone, latest version wins', () => {
  it('keeps the latest update per ticket by updated_at and counts the superseded rows', async () => {
    const { ledger, cases, messages, config } = await ingest(path.join(fixtures, 'crisis-mini'));
    const tickets = ledger.sources[1];
    expect(tickets).toMatchObject({ read: 6, loaded: 3, superseded: 2, rejected: 1 });
    expect(tickets.rejectedByReason['impossible date'].examples[0].at).toBe('tickets.csv:5');
    expect(tickets.warnings.resolved_at.count).toBe(1);
    const t2 = cases.find((c) => c.id === 'T-2')!;
    expect(t2.attributes.note).toBe('v2');
    expect(t2.resolvedAt).toBe(Date.UTC(2024, 2, 13, 7, 0));
    // 09:15 in Berlin (CET, +01:00) is 08:15 UTC.
    expect(cases.find((c) => c.id === 'T-1')!.openedAt).toBe(Date.UTC(2024, 2, 12, 8, 15));
    expect(messages.find((m) => m.id === '1')!.isBrand).toBe(true);
    expect(config.timezone).toBe('America/Chicago');
    expect(ledger.totals).toMatchObject({ read: 12, loaded: 8, rejected: 2, superseded: 2, duplicates: 0 });
  });
});
