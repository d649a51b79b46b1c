import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/analysis/config/crisis-config.ts';
import { IngestError } from '../../../src/analysis/ingest/source.ts';
import { ingest } from '../../helpers/ingest.ts';

const HEADER = 'id,created_at,author,text\n';

describe('bad input: every row is loaded or counted with a reason', () => {
  it('an empty file loads nothing and says so', async () => {
    const { source, ledger } = await ingest({ 'posts.csv': '' });
    expect(source).toMatchObject({ read: 0, loaded: 0, rejected: 0 });
    expect(source.notes).toContain('The file is empty: no records.');
    expect(ledger.totals.read).toBe(0);
  });

  it('a header-only file loads nothing and says so', async () => {
    const { source } = await ingest({ 'posts.csv': HEADER });
    expect(source).toMatchObject({ read: 0, loaded: 0 });
    expect(source.notes).toContain('The file has a header but no records.');
  });

  it('ragged rows are rejected with their line numbers', async () => {
    const csv = `${HEADER}1,2024-01-01T10:00:00Z,a,hello\n2,2024-01-01T10:01:00Z,b\n3,2024-01-01T10:02:00Z,c,hi,extra\n4,2024-01-01T10:03:00Z,d,ok\n`;
    const { source } = await ingest({ 'posts.csv': csv });
    expect([source.read, source.loaded, source.rejected]).toEqual([4, 2, 2]);
    expect(source.rejectedByReason['wrong number of fields'].examples.map((e) => [e.at, e.detail])).toEqual([
      ['posts.csv:3', '3 field(s), the header has 4'],
      ['posts.csv:4', '5 field(s), the header has 4'],
    ]);
  });

  it('an unterminated quote is one rejected record that names the line it opened on', async () => {
    const csv = `${HEADER}1,2024-01-01T10:00:00Z,a,hello\n2,2024-01-01T10:01:00Z,b,"never closed\n3,2024-01-01T10:02:00Z,c,lost inside the quote\n`;
    const { source } = await ingest({ 'posts.csv': csv });
    expect([source.read, source.loaded, source.rejected]).toEqual([2, 1, 1]);
    const ex = source.rejectedByReason['unterminated quote'].examples[0];
    expect(ex.at).toBe('posts.csv:3');
    expect(ex.detail).toMatch(/opened on line 3/);
  });

  it('a UTF-8 BOM does not end up in the first column name', async () => {
    const { source, messages } = await ingest({ 'posts.csv': `\ufeff${HEADER}1,2024-01-01T10:00:00Z,a,hello\n` });
    expect(source.loaded).toBe(1);
    expect(messages.at(0)!.id).toBe('1');
  });

  it('UTF-16 with a BOM is converted', async () => {
    const text = `${HEADER}1,2024-01-01T10:00:00Z,a,héllo ✓\n`;
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
      bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    const { messages } = await ingest({ 'posts.csv': bytes });
    expect(messages.at(0)!.text).toBe('héllo ✓');
  });

  it('Latin-1 is refused with the line, unless the source declares it', async () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode(`${HEADER}1,2024-01-01T10:00:00Z,a,ok\n2,2024-01-01T10:01:00Z,b,caf`), 0xe9, 0x0a]);
    const error = await ingest({ 'posts.csv': latin1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as Error).message).toMatch(/^posts\.csv:3: not valid UTF-8 .*encoding: latin1/);
    const yaml = 'sources:\n  - file: posts.csv\n    encoding: latin1\n';
    const { messages } = await ingest({ 'crisis.yaml': yaml, 'posts.csv': latin1 });
    expect(messages.at(1)!.text).toBe('café');
  });

  it('a wrong delimiter says which one the header seems to use', async () => {
    const yaml = 'sources:\n  - file: posts.csv\n    delimiter: ","\n';
    const error = await ingest({ 'crisis.yaml': yaml, 'posts.csv': 'id;created_at;text\n1;2024-01-01;hi\n' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('sources[0].columns.created_at: no column for created_at found in posts.csv');
    expect((error as Error).message).toContain('is the delimiter ";"?');
  });

  it('semicolon, tab and pipe files are sniffed', async () => {
    for (const d of [';', '\t', '|']) {
      const csv = ['id', 'created_at', 'text'].join(d) + '\n' + ['1', '2024-01-01T10:00:00Z', 'a, b'].join(d) + '\n';
      const { messages } = await ingest({ 'posts.csv': csv });
      expect(messages.at(0)!.text).toBe('a, b');
    }
  });

  it('unparseable and impossible dates reject the row; a bad optional field only warns', async () => {
    const csv = `id,created_at,text,likes\n1,yesterday,a,3\n2,2024-02-30 10:00,b,4\n3,2024-02-29 10:00,c,lots\n4,2024-03-01 25:00,d,1\n`;
    const { source, messages } = await ingest({ 'posts.csv': csv });
    expect([source.read, source.loaded, source.rejected]).toEqual([4, 1, 3]);
    expect(source.rejectedByReason['unparseable timestamp'].examples[0]).toMatchObject({ at: 'posts.csv:2' });
    expect(source.rejectedByReason['impossible date'].count).toBe(2);
    expect(source.warnings.likes).toMatchObject({ count: 1, examples: [{ at: 'posts.csv:4', detail: '"lots" is not a count' }] });
    expect(messages.at(0)!.likes).toBeNull();
  });

  it('missing-value markers are empty in ids, not in texts or author names', async () => {
    const csv = `id,created_at,text,author,parent_id\n1,2024-01-01T10:00:00Z,a,N/A,null\n2,2024-01-01T10:01:00Z,b,-,None\n3,2024-01-01T10:02:00Z,NA,x,?\n4,2024-01-01T10:03:00Z,,y,\n`;
    const { source, messages } = await ingest({ 'posts.csv': csv });
    expect(source.warnings).toEqual({});
    expect(messages.map((m) => [m.text, m.author, m.parentId])).toEqual([['a', 'N/A', null], ['b', '-', null], ['NA', 'x', null]]);
    expect(source.rejectedByReason['missing text'].count).toBe(1);
  });

  it('duplicate ids: exact copies and repeated ids are counted apart, the first kept', async () => {
    const csv = `${HEADER}1,2024-01-01T10:00:00Z,a,first\n1,2024-01-01T10:00:00Z,a,first\n1,2024-01-01T10:05:00Z,a,second\n`;
    const { source, messages } = await ingest({ 'posts.csv': csv });
    expect([source.read, source.loaded, source.duplicates, source.exactDuplicates, source.repeatedIds]).toEqual([3, 1, 2, 1, 1]);
    expect(messages.at(0)!.text).toBe('first');
  });

  it('a 1 MB text field loads whole; the ledger example is truncated', async () => {
    const big = 'x'.repeat(1 << 20);
    const csv = `${HEADER}1,2024-01-01T10:00:00Z,a,"${big}"\n2,not a date,b,"${big}"\n`;
    const { source, messages } = await ingest({ 'posts.csv': csv });
    expect(messages.at(0)!.text.length).toBe(1 << 20);
    expect(source.rejectedByReason['unparseable timestamp'].examples[0].text.length).toBeLessThanOrEqual(120);
  });

  it('--strict makes a rejected row fatal, naming file and line', async () => {
    const csv = `${HEADER}1,2024-01-01T10:00:00Z,a,ok\n2,bad,b,no\n`;
    await expect(ingest({ 'posts.csv': csv }, { strict: true })).rejects.toThrow(/posts\.csv: --strict: 1 record\(s\) rejected, first posts\.csv:3: unparseable timestamp/);
  });

  it('records outside the crisis window are counted as rejected', async () => {
    const yaml = 'window: { start: 2024-01-01T10:00:30Z }\n';
    const csv = `${HEADER}1,2024-01-01T10:00:00Z,a,early\n2,2024-01-01T10:01:00Z,b,inside\n`;
    const { source } = await ingest({ 'crisis.yaml': yaml, 'posts.csv': csv });
    expect(source.rejectedByReason['outside crisis window'].count).toBe(1);
    expect(source.loaded).toBe(1);
  });

  it('invalid NDJSON lines are rejected with their line numbers; good ones load', async () => {
    const nd = '{"id":"1","created_at":"2024-01-01T10:00:00Z","text":"a","user":{"screen_name":"ann"}}\n{oops\n{"id":"2","created_at":"2024-01-01T10:01:00Z","text":"b"}\n';
    const { source, messages } = await ingest({ 'posts.ndjson': nd });
    expect([source.read, source.loaded, source.rejected]).toEqual([3, 2, 1]);
    expect(source.rejectedByReason['invalid JSON'].examples[0].at).toBe('posts.ndjson:2');
    expect(messages.at(0)!.author).toBe('ann');
    expect(messages.at(1)!.author).toBeNull();
  });

  it('a JSON array of records maps by header synonyms', async () => {
    const json = JSON.stringify([{ message_id: 'a1', timestamp: '2024-01-01T10:00:00+02:00', body: 'hello', from: 'bob', platform: 'Facebook', mood: 'grumpy' }]);
    const { messages } = await ingest({ 'export.json': json });
    expect(messages.at(0)!).toMatchObject({ id: 'a1', text: 'hello', author: 'bob', channel: 'facebook', createdAt: Date.UTC(2024, 0, 1, 8), attributes: { mood: 'grumpy' } });
  });
});

describe('crisis.yaml problems are all reported with their paths', () => {
  it('lists every problem at once', async () => {
    const yaml = [
      'title: T',
      'timezone: Mars/Olympus',
      'sources:',
      '  - file: tweets.csv',
      '    format: myspace',
      '    columns: { created_at: tweet_created, colour: x }',
      'faults:',
      '  lost: { label: Lost }',
      'sla: { firstResponseMinutes: -5 }',
    ].join('\n');
    const error = await ingest({ 'crisis.yaml': yaml, 'tweets.csv': HEADER }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'timezone: "Mars/Olympus" is not an IANA time zone (e.g. America/Chicago)',
      'sla.firstResponseMinutes: must be a positive number of minutes',
      'sources[0].format: "myspace" is not one of twcs, airline, cfpb, twitter-v2, zendesk, generic',
      'sources[0].columns.colour: unknown field for messages (known: id, conversation_id, parent_id, channel, author, is_brand, inbound, created_at, text, likes, shares, replies)',
      'faults.lost: needs keywords, patterns or codes',
    ]);
  });

  it('a mapped column missing from the file is named with the file', async () => {
    const yaml = 'sources:\n  - file: tweets.csv\n    columns: { id: tweet_id, created_at: tweet_created, text: text }\n';
    const error = await ingest({ 'crisis.yaml': yaml, 'tweets.csv': 'tweet_id,created,text\n' }).catch((e: unknown) => e);
    expect((error as ConfigError).problems).toEqual(['sources[0].columns.created_at: column "tweet_created" not in tweets.csv']);
  });

  it('a listed file that does not exist is named', async () => {
    await expect(ingest({ 'crisis.yaml': 'sources: [missing.csv]\n', 'other.csv': HEADER })).rejects.toThrow(/missing\.csv: listed in crisis\.yaml but not found/);
  });
});
