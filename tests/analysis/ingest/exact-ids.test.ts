/**
 * Ids written as JSON numbers beyond 2^53 (tweet snowflakes, 64-bit ticket ids)
 * keep every digit from the file to the canonical rows, messages.csv and report.json.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCrisis } from '../../../src/analysis/pipeline.ts';
import { memoryCrisisFiles } from '../../../src/analysis/ingest/ingest-crisis.ts';
import type { MessageRows } from '../../../src/analysis/model.ts';
import { openNodeEngine } from '../../../src/node/duckdb-node.ts';
import { analyzeOnly, ingest } from '../../helpers/ingest.ts';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/exact-ids');
const fixture = (name: string): string => readFileSync(path.join(fixtures, name), 'utf8');

// Three tweets of one thread. A and B round to the same double (…1300): read as
// doubles they are one id, and one of the two tweets would be dropped as a repeat.
const A = '1233906208924471298';
const B = '1233906208924471299';
const C = '1233906208924471555';
// A customer and the brand whose ids also round to one double (…6500).
const MARA = '1498765432109876543';
const ACME = '1498765432109876544';
/** What a double makes of an id: the digits the bug wrote. */
const rounded = (id: string): string => String(Number(id));

/** The user's export: one tweet per line, `tweet_id` and the parent id as JSON numbers (and a nested `user.id`, which is not the id). */
const NDJSON = [
  `{"tweet_id":${A},"created_at":"2020-03-01T09:00:00Z","user":{"id":${MARA},"screen_name":"mara_k"},"text":"@AcmeHelp my order never arrived","in_reply_to_status_id":null,"retweet_count":2}`,
  `{"tweet_id":${B},"created_at":"2020-03-01T09:05:00Z","user":{"id":${ACME},"screen_name":"AcmeHelp"},"text":"@mara_k Sorry! Please DM us.","in_reply_to_status_id":${A},"retweet_count":0}`,
  `{"tweet_id":${C},"created_at":"2020-03-01T09:07:30Z","user":{"id":${MARA},"screen_name":"mara_k"},"text":"@AcmeHelp done","in_reply_to_status_id":${B},"retweet_count":0}`,
].join('\n');

/** The same thread as a JSON array, ids under other names. */
const ARRAY = `[
  {"id": ${A}, "conversation_id": ${A}, "created_at": "2020-03-01T09:00:00Z", "author": "mara_k", "author_id": ${MARA}, "text": "@AcmeHelp my order never arrived"},
  {"id": ${B}, "parent_id": ${A}, "created_at": "2020-03-01T09:05:00Z", "author": "AcmeHelp", "author_id": ${ACME}, "text": "@mara_k Sorry! Please DM us."},
  {"id": ${C}, "parent_id": ${B}, "created_at": "2020-03-01T09:07:30Z", "author": "mara_k", "author_id": ${MARA}, "text": "@AcmeHelp done"}
]`;

const byId = (messages: MessageRows) => new Map(messages.map((m) => [m.id, m]));

/** The thread A ← B ← C, exactly. */
function expectThread(messages: MessageRows) {
  expect(messages.map((m) => m.id).sort()).toEqual([A, B, C]);
  const m = byId(messages);
  expect([m.get(A)!.parentId, m.get(B)!.parentId, m.get(C)!.parentId]).toEqual([null, A, B]);
  expect(messages.map((x) => x.conversationId)).toEqual([A, A, A]);
}

describe('ids beyond 2^53 written as JSON numbers', () => {
  it('NDJSON tweet export (generic): tweet_id and in_reply_to_status_id keep every digit, the reply chain holds', async () => {
    const { source, messages } = await ingest({ 'tweets.ndjson': NDJSON });
    expect([source.format, source.read, source.loaded, source.duplicates, source.rejected]).toEqual(['generic', 3, 3, 0, 0]);
    expectThread(messages);
    expect(byId(messages).get(B)!.author).toBe('AcmeHelp');
    expect(byId(messages).get(C)!.attributes['user.id']).toBe(MARA);
  });

  it('JSON array (generic): id, parent_id, conversation_id and attributes keep every digit', async () => {
    const { source, messages } = await ingest({ 'tweets.json': ARRAY });
    expect([source.read, source.loaded, source.duplicates]).toEqual([3, 3, 0]);
    expectThread(messages);
    expect(messages.map((m) => m.attributes.author_id)).toEqual([MARA, ACME, MARA]);
  });

  it('X API v2 page with numeric ids: authors from includes.users, the reply links to its 19-digit parent', async () => {
    const { source, messages } = await ingest({ 'page.json': fixture('x-v2-numeric-ids.json') });
    expect([source.format, source.read, source.loaded, source.duplicates]).toEqual(['twitter-v2', 3, 3, 0]);
    expectThread(messages);
    const m = byId(messages);
    // includes.users by exact id: MARA and ACME would collide as doubles.
    expect([m.get(A)!.author, m.get(B)!.author, m.get(C)!.author]).toEqual(['mara_k', 'AcmeHelp', 'mara_k']);
    expect(m.get(B)!.attributes).toMatchObject({ author_id: ACME, in_reply_to_user_id: MARA, referenced_type: 'replied_to' });
    expect(m.get(A)!.attributes.impression_count).toBe('9007199254740993');
  });

  it('Zendesk pages with 64-bit ids: ticket, requester, comment and author ids keep every digit', async () => {
    const yaml = 'sources:\n  - file: zendesk.json\n    attributes: [custom_field_360000000000000001]\n';
    const { source, cases, messages } = await ingest({ 'crisis.yaml': yaml, 'zendesk.json': fixture('zendesk-numeric-ids.json') });
    expect([source.format, source.read, source.loaded, source.duplicates, source.superseded]).toEqual(['zendesk', 4, 4, 0, 0]);
    expect(cases.map((c) => c.id)).toEqual(['4000000000000000001', '4000000000000000002']);
    expect(cases[0].attributes).toMatchObject({ requester_id: MARA, assignee_id: ACME, custom_field_360000000000000001: '9007199254740993' });
    expect(cases[1].attributes.requester_id).toBe('1498765432109876545');
    expect(messages.map((m) => [m.id, m.conversationId, m.author, m.isBrand])).toEqual([
      ['5000000000000000001', '4000000000000000001', MARA, false],
      ['5000000000000000002', '4000000000000000001', ACME, true],
    ]);
  });

  it('refuses an id a double could not hold even in the file (a fraction or exponent), and warns on such a parent id', async () => {
    const text = [
      `{"id":1.233906208924471298e18,"created_at":"2020-03-01T09:00:00Z","text":"exponent"}`,
      `{"id":${C},"parent_id":1233906208924471298.0,"created_at":"2020-03-01T09:07:30Z","text":"fraction"}`,
    ].join('\n');
    const { source, messages } = await ingest({ 'tweets.ndjson': text });
    expect([source.read, source.loaded, source.rejected]).toEqual([2, 1, 1]);
    expect(source.rejectedByReason['unusable id'].examples[0]).toMatchObject({ at: 'tweets.ndjson:1' });
    expect(source.rejectedByReason['unusable id'].examples[0].detail).toContain('too large to be exact');
    expect(messages.map((m) => [m.id, m.parentId])).toEqual([[C, null]]);
    expect(source.warnings.parent_id.count).toBe(1);
  });

  it('messages.csv and report.json carry the exact ids (the ids of every JSON kind through the pipeline)', async () => {
    const { csv, reportJson, engine } = await analyzeOnly({ 'tweets.ndjson': NDJSON });
    await engine.close();
    const rows = csv.trim().split('\n').slice(1).map((line) => line.split(',').slice(0, 3));
    expect(rows).toEqual([
      [A, A, ''],
      [B, A, A],
      [C, A, B],
    ]);
    expect(JSON.parse(reportJson).ledger.totals).toMatchObject({ read: 3, loaded: 3, duplicates: 0 });
    for (const id of [A, B, C]) expect(csv + reportJson).not.toContain(rounded(id));
  });

  it('report.json of the full analysis names the exact ids and never a rounded one', async () => {
    const engine = await openNodeEngine();
    try {
      const yaml = 'title: Exact ids\nbrand:\n  handles: ["@AcmeHelp"]\n';
      const result = await analyzeCrisis(memoryCrisisFiles({ 'crisis.yaml': yaml, 'page.json': fixture('x-v2-numeric-ids.json') }), engine, { slug: 'exact-ids' });
      const report = JSON.stringify(result.report);
      expect(result.messages.map((m) => m.id).sort()).toEqual([A, B, C]);
      expect([A, B, C].some((id) => report.includes(id))).toBe(true);
      for (const id of [A, B, C, MARA, ACME]) expect(report + result.csv()).not.toContain(rounded(id));
    } finally {
      await engine.close();
    }
  });
});
