import { describe, expect, it } from 'vitest';
import { toMessage, type MessageDraft } from '../../../src/analysis/ingest/map-record.ts';
import { finishMessages } from '../../../src/analysis/ingest/threading.ts';

const draft = (id: string, parentId: string | null, extra: Partial<MessageDraft> = {}): MessageDraft => ({
  id, conversationId: null, parentId, channel: 'twitter', author: `a${id}`, 
  createdAt: Number(id.replace(/\D/g, '')) || 0, text: `t${id}`, likes: null, shares: null, replies: null, sourceFile: 'f.csv', sourceRow: 1, attributes: {}, isBrand: null, inbound: null, ...extra,
});

describe('finishMessages', () => {
  it('roots reply chains at the first message whose parent is absent', () => {
    const out = finishMessages([draft('1', null), draft('2', '1'), draft('3', '2'), draft('4', 'missing')], []);
    expect(out.map((m) => m.conversationId)).toEqual(['1', '1', '1', '4']);
  });

  it('cuts a cycle at the first repeated message, short or long', () => {
    const short = finishMessages([draft('1', '3'), draft('2', '1'), draft('3', '2')], []);
    expect(short.map((m) => m.conversationId)).toEqual(['2', '2', '2']);
    // 100 messages in one ring: the walk outgrows the in-path scan and must still stop.
    const ring = Array.from({ length: 100 }, (_, i) => draft(`m${i}`, `m${(i + 99) % 100}`));
    const out = finishMessages(ring, []);
    expect(new Set(out.map((m) => m.conversationId))).toEqual(new Set(['m1']));
  });

  it('keeps the export conversation id and decides brand and inbound flags', () => {
    const [a, b, c] = finishMessages([draft('1', null, { conversationId: 'c9' }), draft('2', '1', { author: '@Brand' }), draft('3', '1', { isBrand: false, inbound: null })], ['brand']);
    expect([a!.conversationId, b!.conversationId]).toEqual(['c9', 'c9']);
    expect([b!.isBrand, b!.inbound, c!.isBrand, c!.inbound]).toEqual([true, false, false, true]);
  });

  it('completes the drafts in place, with the export flags read before they are replaced', () => {
    const drafts = [draft('1', null, { isBrand: true }), draft('2', '1', { inbound: false }), draft('3', '1', { isBrand: false, author: '@brand' })];
    const out = finishMessages(drafts, ['brand']);
    expect(out).toBe(drafts);
    expect(out.map((m) => [m.isBrand, m.inbound])).toEqual([[true, false], [true, false], [true, true]]);
  });

  it('writes messages with a fixed key order (excerpts serialise it)', () => {
    const mapped = toMessage({ id: '1', created_at: '2024-01-01T00:00:00Z', text: 'hi', author: 'x', inbound: 'true' }, { file: 'f.csv', row: 2, channel: 'twitter', timestamps: {}, attributes: [], idMapped: true });
    if (!mapped.ok) throw new Error(mapped.detail);
    expect(Object.keys(finishMessages([mapped.row], [])[0]!)).toEqual(['id', 'conversationId', 'parentId', 'channel', 'author', 'createdAt', 'text', 'likes', 'shares', 'replies', 'sourceFile', 'sourceRow', 'attributes', 'isBrand', 'inbound']);
  });
});
