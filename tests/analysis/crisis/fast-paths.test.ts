/**
 * The shortcuts the crisis analyses take on large crises give the same
 * answers as the plain forms they replace: interned strings, conversation
 * groups, packed SQL results, minute-of-week arithmetic (TypeScript and SQL)
 * and the repeat key's ASCII path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repeatKey } from '../../../src/analysis/nlp/repeat-key.ts';
import { Interner, InternedMap } from '../../../src/analysis/core/intern.ts';
import { businessHoursPredicate, businessMinutes, localTimeIn, minuteOfWeekIn, minuteOfWeekSql } from '../../../src/analysis/crisis/local-time.ts';
import { byConversationOrder, conversationGroups, conversationsOf, isCustomerMessage } from '../../../src/analysis/crisis/notions.ts';
import { fetchColumns } from '../../../src/analysis/crisis/sql.ts';
import type { Engine } from '../../../src/analysis/engine/engine.ts';
import type { Message } from '../../../src/analysis/model.ts';
import { openNodeEngine } from '../../../src/node/duckdb-node.ts';
import { t } from './helpers.ts';

describe('Interner', () => {
  it('numbers distinct strings in order of first appearance, across growth', () => {
    const interner = new Interner(4);
    const words = Array.from({ length: 5000 }, (_, i) => `w${(i * 7919) % 3001}`);
    const ids = words.map((w) => interner.id(w));
    const expected = new Map<string, number>();
    for (const w of words) if (!expected.has(w)) expected.set(w, expected.size);
    expect(ids).toEqual(words.map((w) => expected.get(w)));
    expect(interner.keys).toEqual([...expected.keys()]);
    expect(interner.find('w17')).toBe(expected.get('w17'));
    expect(interner.find('absent')).toBe(-1);
  });
});

describe('InternedMap', () => {
  it('answers as a Map that keeps the first value of each key, across growth and after clearing', () => {
    const map = new InternedMap<number>();
    const expected = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const key = `id${(i * 7919) % 12_007}`;
      expect(map.add(key, i), key).toBe(!expected.has(key));
      if (!expected.has(key)) expected.set(key, i);
    }
    expect(map.size).toBe(expected.size);
    for (const [key, value] of expected) expect(map.get(key)).toBe(value);
    expect(map.get('absent')).toBeUndefined();
    map.clear();
    expect([map.size, map.get('id0')]).toEqual([0, undefined]);
    expect(map.add('id0', 5)).toBe(true);
  });
});

function message(id: string, conversationId: string, createdAt: number, customer = true): Message {
  return {
    id, conversationId, parentId: null, channel: 'twitter', author: customer ? `a${id}` : 'brand', isBrand: !customer, inbound: customer, createdAt,
    text: '', likes: null, shares: null, replies: null, sourceFile: 'x.csv', sourceRow: 1, attributes: {},
  };
}

describe('conversation groups', () => {
  it('match grouping by id with a Map and sorting each tree', () => {
    const messages: Message[] = [];
    // Trees of every size (insertion sort and Array sort), time ties broken by id length then id, brand-only trees left out.
    for (let c = 0; c < 60; c++)
      for (let k = 0; k < (c % 23) + 1; k++) messages.push(message(`${(c * 31 + k * 7) % 1000}${k}`, `c${(c * 13) % 60}`, 1000 * ((k * 5) % 7), (c + k) % 4 !== 0));
    messages.push(message('b1', 'brand-only', 5, false));
    const trees = new Map<string, Message[]>();
    for (const m of messages) trees.set(m.conversationId, [...(trees.get(m.conversationId) ?? []), m]);
    const expected = [...trees.keys()]
      .sort()
      .map((id) => ({ id, messages: trees.get(id)!.sort(byConversationOrder) }))
      .filter((c) => c.messages.some(isCustomerMessage))
      .map((c) => ({ ...c, first: c.messages.find(isCustomerMessage)! }));
    expect(conversationsOf(messages)).toEqual(expected);
    expect(conversationGroups(messages).count).toBe(expected.length);
  });
});

describe('with DuckDB', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await openNodeEngine();
  });
  afterAll(async () => {
    await engine.close();
  });

  it('fetchColumns gives the rows of a query, NULLs and separator characters included', async () => {
    const sql = `SELECT * FROM (VALUES ('a', 1), ('b', NULL), (NULL, 3), ('x' || chr(30) || 'y', 4)) v(k, n)`;
    const [keys, values] = await fetchColumns(engine, sql, ['k', 'n']);
    const rows = keys.map((k, i) => [k, values[i]]).sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    expect(rows).toEqual([['a', '1'], [null, '3'], ['x\x1ey', '4'], ['b', null]]);
    const [plain] = await fetchColumns(engine, `SELECT * FROM (VALUES ('a'), (NULL), ('c')) v(k)`, ['k']);
    expect(plain.map(String).sort()).toEqual(['a', 'c', 'null']);
    const [single] = await fetchColumns(engine, `SELECT * FROM (VALUES ('p'), ('q' || chr(31))) v(k)`, ['k']);
    expect(single.sort()).toEqual(['p', 'q\x1f']);
    expect(await fetchColumns(engine, `SELECT 1 AS k WHERE false`, ['k'])).toEqual([[]]);
  });

  for (const zone of ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC']) {
    it(`minute of the week in ${zone}: TypeScript and SQL agree with localTimeIn across DST changes`, async () => {
      const start = t('2024-03-01T00:00:00Z');
      const times = Array.from({ length: 3000 }, (_, i) => start + i * 7 * 60_000 * 37 + (i % 5) * 60_000 * 3);
      const local = localTimeIn(zone);
      const expected = times.map((ms) => {
        const l = local(ms);
        return (l.weekday - 1) * 1440 + l.minuteOfDay;
      });
      const minuteOfWeek = minuteOfWeekIn(zone);
      expect(times.map((ms) => minuteOfWeek(ms))).toEqual(expected);
      const sql = minuteOfWeekSql(zone, 'ts', times[0], times[times.length - 1]);
      const rows = await engine.query(`SELECT i, ${sql} AS m FROM (SELECT i, make_timestamp(CAST(v AS BIGINT) * 1000) AS ts FROM (SELECT unnest([${times.join(',')}]) AS v, generate_subscripts([${times.join(',')}], 1) AS i)) ORDER BY i`);
      expect(rows.map((r) => Number(r.m))).toEqual(expected);
    });
  }
});

describe('business minutes', () => {
  it('tabulate the business-hours predicate by minute of the week', () => {
    for (const hours of [
      { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:30' },
      { days: [2, 6, 7], start: '22:00', end: '06:00' },
      { days: [1], start: '00:00', end: '24:00' },
    ]) {
      const inside = businessHoursPredicate(hours);
      const table = businessMinutes(hours);
      for (let i = 0; i < 7 * 1440; i += 7) {
        const minuteOfDay = i % 1440;
        expect(table[i] === 1).toBe(inside({ weekday: Math.floor(i / 1440) + 1, hour: Math.floor(minuteOfDay / 60), minuteOfDay, offsetMinutes: 0 }));
      }
    }
  });
});

describe('repeat key', () => {
  it('takes the same key on its ASCII path as the Unicode-class replacements', () => {
    const reference = (text: string) =>
      text
        .toLowerCase()
        .replace(/^(\s*rt\s+@\w+:?\s*)+/, '')
        .replace(/https?:\/\/\S+|www\.\S+/g, ' ')
        .replace(/^(\s*[@.]\w+[:,]?)+/, '')
        .replace(/&amp;/g, '&')
        .replace(/[^\p{L}\p{N}#@&'\s]+/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    for (const text of [
      'RT @alice: Boycott this brand NOW, please! https://t.co/abc',
      "@Brand\tdon't  you -- dare!!\n#fail &amp; more",
      'Café über naïve — ½ price? ٣ items 😀 ok',
      'KELVIN \u212A sign, \u00a0nbsp and \u2028 separators',
      '   ...   ',
    ])
      expect(repeatKey(text)).toBe(reference(text));
  });
});
