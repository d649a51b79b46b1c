import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../helpers/ingest.ts';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');

describe('X API v2 and Zendesk exports through the whole ingest', () => {
  it('twitter-v2: pages, an array of pages and NDJSON of the same tweets load once; the rest count as exact duplicates', async () => {
    const { ledger, messages } = await ingest(path.join(fixtures, 'twitter-v2'));
    expect(ledger.sources.map((s) => [s.file, s.format, s.read, s.loaded, s.duplicates])).toEqual([
      ['search-recent-empty.json', 'twitter-v2', 0, 0, 0],
      ['search-recent-page-1.json', 'twitter-v2', 6, 6, 0],
      ['search-recent-page-2.json', 'twitter-v2', 3, 3, 0],
      ['search-recent-pages.json', 'twitter-v2', 9, 0, 9],
      ['search-recent.ndjson', 'twitter-v2', 9, 0, 9],
    ]);
    expect(messages.every((m) => /^\d{19}$/.test(m.id))).toBe(true);
    expect(messages.some((m) => m.text.includes('&amp;'))).toBe(false);
  });

  it('zendesk: tickets become cases, comments become messages in their ticket conversation', async () => {
    const { ledger, cases, messages } = await ingest(path.join(fixtures, 'zendesk'));
    expect(ledger.sources.map((s) => [s.file, s.table, s.read, s.loaded])).toEqual([
      ['incremental-tickets.json', 'cases', 3, 3],
      ['ticket-35436-comments.json', 'messages', 7, 7],
      ['ticket-comments.ndjson', 'messages', 2, 2],
      ['tickets-page.json', 'cases', 4, 4],
    ]);
    expect(cases).toHaveLength(7);
    expect(messages.filter((m) => m.isBrand)).toHaveLength(3);
    expect(new Set(messages.map((m) => m.conversationId)).size).toBe(2);
  });
});
