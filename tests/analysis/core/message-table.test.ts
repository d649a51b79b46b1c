/** Messages by column read back as the messages they were made from, field by field and whole. */
import { describe, expect, it } from 'vitest';
import { MessageTable, messageField, messageIds, messageTexts, messageTimes } from '../../../src/analysis/core/message-table.ts';
import type { Message } from '../../../src/analysis/model.ts';

function message(id: string, over: Partial<Message> = {}): Message {
  return { id, conversationId: id, parentId: null, channel: 'twitter', author: 'ann', isBrand: false, inbound: true, createdAt: Date.UTC(2024, 5, 3, 9) + Number(id) * 60_000, text: `text ${id}`, likes: null, shares: null, replies: null, sourceFile: 'posts.csv', sourceRow: Number(id) + 1, attributes: {}, ...over };
}

const MESSAGES: Message[] = [
  message('1', { likes: 0, shares: 3, replies: 12, attributes: { mood: 'grumpy' } }),
  message('2', { parentId: '1', conversationId: '1', author: 'Acme', isBrand: true, inbound: false, channel: 'facebook' }),
  message('3', { author: null, text: '', likes: 2 ** 40, sourceFile: 'more.json', sourceRow: 7 }),
  message('4', { createdAt: -1, likes: -0, text: 'café ✓' }),
];

describe('MessageTable', () => {
  it('reads back every message as it was given, in order', () => {
    const table = new MessageTable([...MESSAGES]);
    expect(table.length).toBe(4);
    expect([...table]).toEqual(MESSAGES);
    expect(table.map((m) => m)).toEqual(MESSAGES);
    expect(table.at(2)).toEqual(MESSAGES[2]);
    expect(table.at(-1)).toEqual(MESSAGES[3]);
    expect([table.at(4), table.at(-5)]).toEqual([undefined, undefined]);
    // −0 stays −0 (a Map would give 0 back).
    expect(Object.is(table.at(3)!.likes, -0)).toBe(true);
  });

  it('makes a fresh message on each read, so a reader cannot change the table', () => {
    const table = new MessageTable([...MESSAGES]);
    const m = table.at(0)!;
    expect(table.at(0)).not.toBe(m);
    m.text = 'changed';
    expect(table.at(0)!.text).toBe('text 1');
    // One frozen record for every message without attributes.
    expect(table.at(1)!.attributes).toBe(table.at(2)!.attributes);
    expect(Object.isFrozen(table.at(1)!.attributes)).toBe(true);
    expect(table.at(0)!.attributes).toEqual({ mood: 'grumpy' });
  });

  it('empties the array it consumes', () => {
    const rows = [...MESSAGES];
    const table = new MessageTable(rows, { consume: true });
    expect(rows).toEqual([]);
    expect([...table]).toEqual(MESSAGES);
  });

  it('answers the list methods as an array of the same messages does', () => {
    const table = new MessageTable([...MESSAGES]);
    const brand = (m: Message) => m.isBrand;
    expect(table.filter(brand)).toEqual(MESSAGES.filter(brand));
    expect(table.find((m) => m.author === null)).toEqual(MESSAGES[2]);
    expect([table.some(brand), table.every(brand), table.every((m) => m.id !== '')]).toEqual([true, false, true]);
    const seen: string[] = [];
    table.forEach((m, i) => seen.push(`${i}:${m.id}`));
    expect(seen).toEqual(['0:1', '1:2', '2:3', '3:4']);
  });

  it('reads a field by position without the messages, from a table or an array alike', () => {
    const table = new MessageTable([...MESSAGES]);
    for (const rows of [table, MESSAGES]) {
      for (const key of Object.keys(MESSAGES[0]!) as (keyof Message)[]) {
        const read = messageField(rows, key);
        expect(MESSAGES.map((_, i) => read(i))).toEqual(MESSAGES.map((m) => m[key]));
      }
      expect([...messageIds(rows)]).toEqual(['1', '2', '3', '4']);
      expect([...messageTexts(rows)]).toEqual(MESSAGES.map((m) => m.text));
      expect(Array.from(messageTimes(rows))).toEqual(MESSAGES.map((m) => m.createdAt));
    }
  });
});
