import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../../src/analysis/ingest/formats/index.ts';
import type { FlatRecord } from '../../../../src/analysis/ingest/formats/types.ts';
import { zendesk } from '../../../../src/analysis/ingest/formats/zendesk.ts';

const dir = fileURLToPath(new URL('../../../fixtures/zendesk/', import.meta.url));
const text = (name: string): string => readFileSync(dir + name, 'utf8');
const json = (name: string): unknown => JSON.parse(text(name));
const expand = (value: unknown): FlatRecord[] => zendesk.expand!(value);
const byId = (records: FlatRecord[]) => new Map(records.map((r) => [r.id, r]));

describe('zendesk detect', () => {
  it('recognises tickets pages, incremental pages, comment pages and connector lines', () => {
    for (const name of ['tickets-page.json', 'incremental-tickets.json', 'ticket-35436-comments.json']) {
      expect(zendesk.detect({ json: json(name) })).toBe(true);
      expect(detectFormat({ json: json(name) }).id).toBe('zendesk');
    }
    for (const line of text('ticket-comments.ndjson').trim().split('\n')) expect(zendesk.detect({ json: JSON.parse(line) })).toBe(true);
    expect(zendesk.detect({ json: [json('tickets-page.json'), json('incremental-tickets.json')] })).toBe(true);
  });

  it('recognises an empty last page of an incremental export', () => {
    expect(zendesk.detect({ json: { tickets: [], end_of_stream: true, end_time: 1710240000, next_page: null, count: 0 } })).toBe(true);
  });

  it('leaves other JSON alone', () => {
    expect(zendesk.detect({ json: { tickets: [] } })).toBe(false);
    expect(zendesk.detect({ json: { tickets: [{ id: 1, price: 10 }] } })).toBe(false);
    expect(zendesk.detect({ json: { comments: [{ id: 1, text: 'hi' }] } })).toBe(false);
    // A comment alone does not say which ticket it belongs to.
    expect(zendesk.detect({ json: { id: 1, author_id: 2, body: 'hi' } })).toBe(false);
    expect(zendesk.detect({ json: json('../twitter-v2/search-recent-page-1.json') })).toBe(false);
    expect(zendesk.detect({ json: 42 })).toBe(false);
  });
});

describe('zendesk tickets → cases', () => {
  const page = byId(expand(json('tickets-page.json')));

  it('maps a solved ticket with its sideloaded metric set', () => {
    expect(page.get('35436')).toEqual({
      __table: 'cases',
      custom_field_360012345678: 'fibre_500',
      custom_field_360012345679: 'LS6 2AB',
      id: '35436',
      opened_at: '2024-03-12T08:05:10Z',
      // 08:05:10 + reply_time_in_minutes.calendar 37
      first_response_at: '2024-03-12T08:42:10.000Z',
      resolved_at: '2024-03-12T14:57:22Z',
      closed_at: null,
      updated_at: '2024-03-12T15:42:07Z',
      status: 'solved',
      category: 'incident',
      subcategory: null,
      product: null,
      company: null,
      channel: 'web',
      text: 'No internet since 7am - LS6\n\nMy broadband has been down since about 7am this morning. The router shows a red LOS light and restarting it did nothing.',
      priority: 'high',
      tags: 'ls6,outage,router_los',
      requester_id: '20978392',
      assignee_id: '235323',
      organization_id: null,
      satisfaction: 'good',
      reopens: '0',
    });
  });

  it('leaves a null metric empty and takes the category from the first tag when there is no type', () => {
    expect(page.get('35437')).toMatchObject({ first_response_at: null, resolved_at: null, closed_at: null, status: 'open', category: 'billing', channel: 'email', assignee_id: null, satisfaction: null, custom_field_360012345678: 'fibre_150' });
    expect(page.get('35437')).not.toHaveProperty('custom_field_360012345679');
  });

  it('adds calendar minutes across a day and closes closed tickets at their last update', () => {
    expect(page.get('35290')).toMatchObject({
      opened_at: '2024-03-01T10:00:00Z',
      first_response_at: '2024-03-02T09:00:00.000Z',
      resolved_at: '2024-03-02T09:15:40Z',
      closed_at: '2024-03-05T11:00:03Z',
      status: 'closed',
      category: 'question',
      channel: 'twitter',
      custom_field_360012345680: 'ls,leeds',
    });
  });

  it('does not call a reopened, active ticket resolved', () => {
    expect(page.get('35201')).toMatchObject({ status: 'pending', first_response_at: '2024-02-28T18:05:00.000Z', resolved_at: null, closed_at: null, reopens: '1', priority: 'urgent', channel: 'api' });
  });

  it('reads the incremental export: seconds beat minutes, deleted tickets have no metrics', () => {
    const inc = expand(json('incremental-tickets.json'));
    expect(inc.map((r) => [r.id, r.__table, r.status])).toEqual([
      ['35449', 'cases', 'deleted'],
      ['35450', 'cases', 'open'],
      ['35451', 'cases', 'hold'],
    ]);
    const m = byId(inc);
    expect(m.get('35449')).toMatchObject({ first_response_at: null, resolved_at: null, closed_at: null, text: 'test please ignore\n\ntest' });
    expect(m.get('35450')).toMatchObject({ first_response_at: '2024-03-12T09:03:05.000Z', channel: 'native_messaging', category: null, tags: null, priority: null });
    expect(m.get('35451')).toMatchObject({ first_response_at: null, resolved_at: null, channel: 'voice', category: 'incident' });
  });

  it('falls back to full resolution time and reads metric_set nested in a ticket', () => {
    const ticket = { id: 9, status: 'solved', subject: null, description: 'd', created_at: '2024-03-12T10:00:00Z', metric_set: { solved_at: null, full_resolution_time_in_minutes: { calendar: 90, business: 90 }, reply_time_in_minutes: { calendar: 5, business: 5 } } };
    expect(expand({ tickets: [ticket] })).toMatchObject([{ id: '9', first_response_at: '2024-03-12T10:05:00.000Z', resolved_at: '2024-03-12T11:30:00.000Z', text: 'd', channel: null }]);
    expect(expand({ ticket })).toHaveLength(1);
  });
});

describe('zendesk comments → messages', () => {
  const comments = expand(json('ticket-35436-comments.json'));
  const m = byId(comments);

  it('routes every comment to messages under its ticket', () => {
    expect(comments).toHaveLength(7);
    for (const c of comments) expect(c).toMatchObject({ __table: 'messages', conversation_id: '35436', parent_id: null, likes: null, shares: null, replies: null });
  });

  it('maps the requester’s first comment as inbound', () => {
    expect(m.get('18550001')).toEqual({
      __table: 'messages',
      id: '18550001',
      conversation_id: '35436',
      parent_id: null,
      channel: 'web',
      author: '20978392',
      inbound: true,
      is_brand: false,
      created_at: '2024-03-12T08:05:10Z',
      text: 'My broadband has been down since about 7am this morning. The router shows a red LOS light and restarting it did nothing.',
      likes: null,
      shares: null,
      replies: null,
      public: 'true',
      author_role: 'end-user',
    });
  });

  it('takes brand vs customer from the sideloaded role', () => {
    expect(comments.map((c) => [c.id, c.author_role, c.is_brand, c.inbound, c.public, c.channel])).toEqual([
      ['18550001', 'end-user', false, true, 'true', 'web'],
      ['18550114', 'agent', true, false, 'true', 'web'],
      ['18550230', 'agent', true, false, 'false', 'web'],
      ['18550377', 'end-user', false, true, 'true', 'email'],
      // A deleted user keeps its role in the sideload.
      ['18550402', 'end-user', false, true, 'true', 'email'],
      // Not sideloaded: unknown, not guessed.
      ['18550521', null, null, null, 'true', 'api'],
      ['18550688', 'admin', true, false, 'true', 'web'],
    ]);
  });

  it('agrees with the metric set: the first agent reply is the first response', () => {
    const ticket = byId(expand(json('tickets-page.json'))).get('35436')!;
    const firstBrand = comments.find((c) => c.is_brand === true && c.public === 'true')!;
    expect(Date.parse(firstBrand.created_at as string)).toBe(Date.parse(ticket.first_response_at as string));
  });

  it('reads connector lines that carry their own ticket_id and only `body`', () => {
    const lines = text('ticket-comments.ndjson').trim().split('\n').flatMap((line) => expand(JSON.parse(line)));
    expect(lines.map((c) => [c.__table, c.id, c.conversation_id, c.author, c.is_brand, c.inbound])).toEqual([
      ['messages', '18560001', '35437', '20978401', null, null],
      ['messages', '18560090', '35437', '235323', null, null],
    ]);
    expect(lines[1].text).toBe('Hi Ana, credit for the outage will be applied automatically to your next bill.');
  });

  it('leaves the conversation unknown for an unwrapped comments page', () => {
    const page = json('ticket-35436-comments.json') as Record<string, unknown>;
    const { ticket_id: _dropped, ...unwrapped } = page;
    expect(zendesk.detect({ json: unwrapped })).toBe(true);
    expect(expand(unwrapped).every((c) => c.conversation_id === null)).toBe(true);
  });
});

describe('zendesk files holding both', () => {
  it('expands an array of pages, routing tickets and comments', () => {
    const all = expand([json('tickets-page.json'), json('ticket-35436-comments.json'), json('incremental-tickets.json')]);
    expect(all.filter((r) => r.__table === 'cases')).toHaveLength(7);
    expect(all.filter((r) => r.__table === 'messages')).toHaveLength(7);
    expect(expand('nothing')).toEqual([]);
  });

  it('lists every attribute it writes', () => {
    const all = expand([json('tickets-page.json'), json('ticket-35436-comments.json')]);
    const canonical = new Set(Object.keys(zendesk.columns));
    const extra = [...new Set(all.flatMap((r) => Object.keys(r)))].filter((k) => !canonical.has(k) && k !== '__table' && !k.startsWith('custom_field_'));
    expect(extra.sort()).toEqual([...zendesk.attributes].sort());
  });
});
