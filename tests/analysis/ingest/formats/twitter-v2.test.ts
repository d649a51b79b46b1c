import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../../src/analysis/ingest/formats/index.ts';
import { twitterV2 } from '../../../../src/analysis/ingest/formats/twitter-v2.ts';

const dir = fileURLToPath(new URL('../../../fixtures/twitter-v2/', import.meta.url));
const text = (name: string): string => readFileSync(dir + name, 'utf8');
const json = (name: string): unknown => JSON.parse(text(name));
const expand = (value: unknown) => twitterV2.expand!(value);

const ROOT = '1767474409636461391';
const BRAND_REPLY = '1767483175730284636';
const CUSTOMER_REPLY = '1767487927874788203';
const RETWEET = '1767492046682711082';
const QUOTE = '1767495922220399001';
const QUOTED = '1767490226356036280';

describe('twitter-v2 detect', () => {
  it('recognises a page, an empty page, an array of pages and each NDJSON line', () => {
    expect(twitterV2.detect({ json: json('search-recent-page-1.json') })).toBe(true);
    expect(twitterV2.detect({ json: json('search-recent-empty.json') })).toBe(true);
    expect(twitterV2.detect({ json: json('search-recent-pages.json') })).toBe(true);
    for (const line of text('search-recent.ndjson').trim().split('\n')) expect(twitterV2.detect({ json: JSON.parse(line) })).toBe(true);
    expect(detectFormat({ json: json('search-recent-page-2.json') }).id).toBe('twitter-v2');
  });

  it('recognises saved `data` arrays of bare Tweets', () => {
    const page = json('search-recent-page-1.json') as { data: unknown[] };
    expect(twitterV2.detect({ json: page.data })).toBe(true);
  });

  it('leaves other JSON alone', () => {
    expect(twitterV2.detect({ json: { data: [{ id: 1, name: 'x' }] } })).toBe(false);
    expect(twitterV2.detect({ json: [{ id: '1', text: 'hello' }] })).toBe(false);
    // 64-bit ids written as JSON numbers arrive as strings: string author and conversation ids alone do not make a Tweet.
    const record = { id: '1233906208924471299', text: 'hi', author_id: '1498765432109876544', conversation_id: '1233906208924471298', created_at: '2020-03-01T09:05:00Z' };
    expect(twitterV2.detect({ json: [record] })).toBe(true);
    expect(twitterV2.detect({ json: [{ ...record, parent_id: '1233906208924471298' }] })).toBe(false);
    expect(twitterV2.detect({ json: [{ ...record, author: 'AcmeHelp' }] })).toBe(false);
    expect(twitterV2.detect({ json: [{ ...record, author: { id: '1498765432109876544', username: 'AcmeHelp' } }] })).toBe(true);
    expect(twitterV2.detect({ json: { tickets: [] } })).toBe(false);
    expect(twitterV2.detect({ json: 'text' })).toBe(false);
    expect(twitterV2.detect({ json: null })).toBe(false);
  });
});

describe('twitter-v2 expand', () => {
  const page1 = expand(json('search-recent-page-1.json'));
  const byId = new Map(page1.map((r) => [r.id, r]));

  it('reads only `data`, never the context Tweets in includes.tweets', () => {
    expect(page1.map((r) => r.id)).toEqual([QUOTE, RETWEET, CUSTOMER_REPLY, BRAND_REPLY, '1767478285173736445', ROOT]);
    expect(byId.has(QUOTED)).toBe(false);
  });

  it('maps a root post: username author, metrics, raw entities, attributes', () => {
    expect(byId.get(ROOT)).toEqual({
      id: ROOT,
      conversation_id: ROOT,
      parent_id: null,
      channel: 'twitter',
      author: 'jlee_codes',
      inbound: null,
      is_brand: null,
      created_at: '2024-03-12T08:55:12.000Z',
      // Decoded once by the ingest core, not here.
      text: 'Internet down since 7am &amp; the status page says everything is fine?? @BrightwaveHelp what is going on',
      likes: 41,
      shares: 16,
      replies: 3,
      author_id: '1432087765402054658',
      author_name: 'Jamie Lee',
      lang: 'en',
      in_reply_to_user_id: null,
      referenced_type: null,
      quoted_id: null,
      retweeted_id: null,
      impression_count: '5230',
    });
  });

  it('keeps 19-digit ids exact as strings', () => {
    for (const r of page1) {
      expect(typeof r.id).toBe('string');
      expect((r.id as string).length).toBe(19);
    }
    // The same id as a JSON number is already rounded: only strings are safe.
    expect(String(Number(ROOT))).not.toBe(ROOT);
  });

  it('follows the reply chain root → brand reply → customer reply', () => {
    expect(byId.get(BRAND_REPLY)).toMatchObject({ parent_id: ROOT, conversation_id: ROOT, author: 'BrightwaveHelp', referenced_type: 'replied_to', in_reply_to_user_id: '1432087765402054658' });
    expect(byId.get(CUSTOMER_REPLY)).toMatchObject({
      parent_id: BRAND_REPLY,
      conversation_id: ROOT,
      author: 'jlee_codes',
      in_reply_to_user_id: '2876512034',
      text: '@BrightwaveHelp Done, DM sent. Router has shown a red &lt;LOS&gt; light since 06:58',
    });
  });

  it('keeps the parent of a reply to a deleted post', () => {
    expect(byId.get('1767478285173736445')).toMatchObject({ parent_id: '1767475449823991630', conversation_id: '1767475449823991630', author: 'mo_ahmed', in_reply_to_user_id: '1299988877766655544' });
  });

  it('marks retweets and quotes without making them replies', () => {
    expect(byId.get(RETWEET)).toMatchObject({ parent_id: null, conversation_id: RETWEET, author: 'mo_ahmed', referenced_type: 'retweeted', retweeted_id: ROOT, quoted_id: null, likes: 0, shares: 14, replies: 0 });
    expect(byId.get(QUOTE)).toMatchObject({ parent_id: null, conversation_id: QUOTE, author: 'dana_k_writes', referenced_type: 'quoted', quoted_id: QUOTED, retweeted_id: null, likes: 9, shares: 2, replies: 1 });
  });

  it('falls back to author_id when the author is missing from includes.users', () => {
    const page2 = expand(json('search-recent-page-2.json'));
    expect(page2.map((r) => [r.id, r.author, r.parent_id])).toEqual([
      ['1767472471868414208', 'BrightwaveHelp', '1767468357252663649'],
      ['1767468357252663649', 'priyasounds', null],
      ['1767463722546763122', '1755000111222333444', null],
    ]);
    expect(page2[2]).toMatchObject({ author_id: '1755000111222333444', author_name: null });
  });

  it('gives no records for an empty page', () => {
    expect(expand(json('search-recent-empty.json'))).toEqual([]);
  });

  it('reads arrays of pages and NDJSON pages alike', () => {
    const fromArray = expand(json('search-recent-pages.json'));
    const fromLines = text('search-recent.ndjson').trim().split('\n').flatMap((line) => expand(JSON.parse(line)));
    expect(fromArray).toHaveLength(9);
    expect(fromLines).toEqual(fromArray);
    expect(fromArray.slice(0, 6)).toEqual(page1);
  });

  it('reads bare Tweets, a single-Tweet lookup, embedded authors and long-post text', () => {
    const tweet = { id: '1767474409636461391', text: 'short…', note_tweet: { text: 'the whole long post' }, author_id: '42', author: { id: '42', username: 'flat_author' }, edit_history_tweet_ids: ['1767474409636461391'] };
    expect(expand(tweet)).toMatchObject([{ id: ROOT, author: 'flat_author', text: 'the whole long post', likes: null, shares: null, replies: null, conversation_id: null }]);
    expect(expand({ data: { id: '7', text: 'hi', public_metrics: { retweet_count: 3, like_count: 1, reply_count: 0 } } })).toMatchObject([{ id: '7', author: null, shares: 3 }]);
    // Number ids: a safe integer is stringified; the JSON reader gives one beyond 2^53 as its digits;
    // a number beyond 2^53 that is still a number (written `1.5e18`) stays one, for the ingest to refuse.
    expect(expand([{ id: 42, text: 'number id' }])).toMatchObject([{ id: '42' }]);
    expect(expand([{ id: '1233906208924471298', text: 'digits', referenced_tweets: [{ type: 'replied_to', id: '1233906208924471297' }] }])).toMatchObject([{ id: '1233906208924471298', parent_id: '1233906208924471297' }]);
    expect(expand([{ id: 1.5e18, text: 'rounded id' }])).toMatchObject([{ id: 1.5e18 }]);
    expect(expand('nothing')).toEqual([]);
  });

  it('lists every attribute it writes', () => {
    const canonical = new Set(Object.keys(twitterV2.columns));
    const extra = [...new Set(page1.flatMap((r) => Object.keys(r)))].filter((k) => !canonical.has(k));
    expect(extra.sort()).toEqual([...twitterV2.attributes].sort());
  });
});
