import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../helpers/shared-data.ts';
import { ingest } from '../../helpers/ingest.ts';

const twcsHead = sharedData('twcs-head-5k');
const twcsRandom = sharedData('twcs-random-5k');
const replies = sharedData('twcs-brand-replies');
const airline = sharedData('airline-sentiment');
const cfpb = sharedData('cfpb-complaints-sample');
const nhtsa = sharedData('nhtsa-complaints-sample/complaints.txt');

describe.skipIf(!twcsHead.exists)('twcs-head-5k (real file)', () => {
  it('reads 5,000 records, loads 4,999 and rejects tweet 3399 (broken by bare CRs) whole, with its line', async () => {
    const { source, messages, ledger } = await ingest(twcsHead.path);
    expect(source.format).toBe('twcs');
    expect([source.read, source.loaded, source.rejected, source.duplicates]).toEqual([5000, 4999, 1, 0]);
    const bucket = source.rejectedByReason['carriage return in an unquoted field'];
    expect(bucket.examples.map((e) => e.at)).toEqual(['twcs.csv:2589']);
    expect(bucket.examples[0].text).toContain('3399');
    expect(ledger.totals).toMatchObject({ read: 5000, loaded: 4999, rejected: 1 });
    expect(messages.filter((m) => m.isBrand)).toHaveLength(2222);
    expect(new Set(messages.map((m) => m.conversationId)).size).toBe(1312);
    const first = messages.find((m) => m.id === '2')!;
    expect(first).toMatchObject({ parentId: '1', author: '115712', inbound: true, isBrand: false, createdAt: Date.UTC(2017, 9, 31, 22, 11, 45) });
  });
});

describe.skipIf(!twcsRandom.exists)('twcs-random-5k (real file)', () => {
  it('loads all 5,000 tweets of 100 brands, parent ids without the .0 suffix', async () => {
    const { source, messages } = await ingest(twcsRandom.path);
    expect([source.read, source.loaded, source.rejected]).toEqual([5000, 5000, 0]);
    expect(new Set(messages.filter((m) => m.isBrand).map((m) => m.author)).size).toBe(100);
    expect(messages.find((m) => m.id === '192624')?.parentId).toBe('192625');
  });
});

describe.skipIf(!replies.exists)('twcs-brand-replies (real files, UTF-8 BOM, TRUE/FALSE)', () => {
  it('loads all 33,348 brand replies as brand messages', async () => {
    const { ledger, messages } = await ingest(replies.path);
    expect(ledger.sources).toHaveLength(7);
    expect(ledger.totals).toMatchObject({ read: 33348, loaded: 33348, rejected: 0 });
    expect(messages.every((m) => m.isBrand && !m.inbound)).toBe(true);
    expect(messages.find((m) => m.id === '696')?.text).toContain('Settings > General > About');
  });
});

describe.skipIf(!airline.exists)('airline Tweets-dev.csv (real file)', () => {
  it('reads 9,494 records; -0800 offsets become UTC; entities decoded; labels kept; repeated ids counted', async () => {
    const { source, messages, engine } = await ingest(airline.path, { keep: true });
    expect(source.format).toBe('airline');
    expect(source.read).toBe(9494);
    expect(source.loaded + source.rejected + source.duplicates + source.superseded).toBe(9494);
    expect(source.rejected).toBe(0);
    // 9,339 distinct ids; of the 155 extra rows, 36 are exact copies and 119 repeat an id with other content.
    expect([source.loaded, source.exactDuplicates, source.repeatedIds]).toEqual([9339, 36, 119]);
    const ids = new Set(messages.map((m) => m.id));
    expect(ids.size).toBe(source.loaded);
    expect(source.duplicates).toBe(source.exactDuplicates + source.repeatedIds);
    expect(messages.some((m) => m.text.includes('&amp;'))).toBe(false);
    const labels = await engine.query(`select value, count(*) n from message_attributes where key = 'airline_sentiment' group by 1 order by 1`);
    expect(labels.map((r) => r.value)).toEqual(['negative', 'neutral', 'positive']);
    expect(labels.reduce((s, r) => s + Number(r.n), 0)).toBe(source.loaded);
    await engine.close();
  });
});

describe.skipIf(!airline.exists)('airline tweets as an NDJSON export with numeric tweet ids (real ids beyond 2^53)', () => {
  // ../shared/data has no JSON tweet export, so the real CSV is written as the NDJSON a tweet
  // export tool would write: tweet_id as a bare JSON number (18 digits), the other columns as strings.
  it('every loaded id is the exact digits of its line, and the duplicate accounting matches the CSV', async () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(path.join(airline.path, 'Tweets-dev.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const ndjson = rows.map(({ tweet_id, ...rest }) => `{"tweet_id":${tweet_id},${JSON.stringify(rest).slice(1)}`).join('\n');
    // The digits of each line, read back from the text independently of any JSON parser.
    const digits = ndjson.split('\n').map((line) => /^\{"tweet_id":(\d+),/.exec(line)![1]);
    expect(digits).toHaveLength(9494);
    expect(digits.every((d) => d.length === 18 && !Number.isSafeInteger(Number(d)))).toBe(true);
    const { source, messages } = await ingest({ 'tweets.ndjson': ndjson });
    expect(source.format).toBe('generic');
    expect([source.read, source.loaded, source.rejected, source.exactDuplicates, source.repeatedIds]).toEqual([9494, 9339, 0, 36, 119]);
    const wrong = messages.filter((m) => m.id !== digits[m.sourceRow - 1]);
    expect(wrong.map((m) => `${m.sourceRow}: ${m.id}`)).toEqual([]);
    expect(new Set(messages.map((m) => m.id))).toEqual(new Set(digits));
  });
});

describe.skipIf(!cfpb.exists)('CFPB complaints (real file → cases)', () => {
  it('loads 6,623 cases with YYYY/M/D dates and multi-line narratives', async () => {
    const { source, cases } = await ingest(cfpb.path);
    expect(source.table).toBe('cases');
    expect([source.read, source.loaded, source.rejected]).toEqual([6623, 6623, 0]);
    const c = cases.find((x) => x.id === '3384392')!;
    expect(c.openedAt).toBe(Date.UTC(2019, 8, 24));
    expect(c.text).toContain('\nis trying to collect');
    expect(c.attributes['Timely response?']).toBe('Yes');
    expect(cases.filter((x) => x.text !== null)).toHaveLength(1532);
  });
});

describe.skipIf(!nhtsa.exists)('NHTSA complaints (real file: tab-separated, no header, CRLF, space-padded)', () => {
  it('maps columns by position', async () => {
    const yaml = `sources:\n  - file: complaints.txt\n    table: cases\n    columns: { id: 1, company: 3, product: 5, category: 12, opened_at: 16, text: 20 }\n`;
    const { readFile } = await import('node:fs/promises');
    const { source, cases } = await ingest({ 'crisis.yaml': yaml, 'complaints.txt': await readFile(nhtsa.path) });
    expect([source.read, source.loaded, source.rejected]).toEqual([100, 100, 0]);
    expect(cases[0]).toMatchObject({ id: '1', attributes: {}, company: 'TOYOTA MOTOR CORPORATION', product: 'COROLLA', category: 'AIR BAGS:FRONTAL', openedAt: Date.UTC(1995, 0, 3) });
    expect(path.basename(nhtsa.path)).toBe('complaints.txt');
  });
});
