import { parse as losslessParse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { parseJsonExact, unsafeIntegers } from '../../../src/analysis/ingest/exact-json.ts';
import { mulberry32 } from '../../../src/analysis/random.ts';

/** The reference: lossless-json's own parser, with the same number rule. */
const reference = (text: string): unknown =>
  losslessParse(text, null, {
    parseNumber: (n: string) => (/^-?\d+$/.test(n) && !Number.isSafeInteger(Number(n)) ? n : Number(n)),
    // JSON.parse keeps the last of duplicate keys; lossless-json would throw.
    onDuplicateKey: ({ newValue }) => newValue,
  });

/** The error JSON.parse gives, or null. */
const nativeError = (text: string): string | null => {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
};

describe('parseJsonExact', () => {
  it('keeps integers beyond 2^53 as their exact digits, and other numbers as numbers', () => {
    expect(parseJsonExact('{"id":1233906208924471298,"n":5,"x":1.5}')).toEqual({ id: '1233906208924471298', n: 5, x: 1.5 });
    expect(parseJsonExact('[1233906208924471298, 1233906208924471299]')).toEqual(['1233906208924471298', '1233906208924471299']);
    expect(parseJsonExact('{"a":-1233906208924471298}')).toEqual({ a: '-1233906208924471298' });
    expect(parseJsonExact('{"a" : \n\t 123456789012345678901234567890 }')).toEqual({ a: '123456789012345678901234567890' });
    // Fractions and exponents are not integer literals: they stay (approximate) numbers.
    expect(parseJsonExact('{"a":12345678901234567890.5,"b":1.2e18,"c":1233906208924471298e0}')).toEqual({ a: 12345678901234567890.5, b: 1.2e18, c: 1233906208924471298e0 });
    expect(parseJsonExact('1233906208924471298')).toBe('1233906208924471298');
    expect(parseJsonExact(' [[1233906208924471298]]')).toEqual([['1233906208924471298']]);
  });

  it('draws the line at 2^53: safe 16-digit integers stay numbers', () => {
    expect(parseJsonExact('[9007199254740991,-9007199254740991,1000000000000000]')).toEqual([9007199254740991, -9007199254740991, 1000000000000000]);
    expect(parseJsonExact('[9007199254740992,9007199254740993,99999999999999999]')).toEqual(['9007199254740992', '9007199254740993', '99999999999999999']);
    expect(parseJsonExact('[999999999999999]')).toEqual([999999999999999]);
  });

  it('leaves digits inside strings alone, whatever surrounds them', () => {
    const text = String.raw`{"t":"a,1233906208924471298","u":"x:[1233906208924471298]","v":"say \",1233906208924471298\"","w":"c:\\","id":1233906208924471298,"z":"\\\",9999999999999999999"}`;
    expect(parseJsonExact(text)).toEqual({
      t: 'a,1233906208924471298',
      u: 'x:[1233906208924471298]',
      v: 'say ",1233906208924471298"',
      w: 'c:\\',
      id: '1233906208924471298',
      z: '\\",9999999999999999999',
    });
  });

  it('does not take the slow path for ids that are already strings (X API v2, CSV-like JSON)', () => {
    const page = '{"data":[{"id":"1233906208924471298","author_id":"1498765432109876543","text":"order 1233906208924471298, ref:1233906208924471298"}],"meta":{"result_count":1}}';
    expect(unsafeIntegers(page)).toBeNull();
    expect(unsafeIntegers('{"n":9007199254740991}')).toBeNull();
    expect(unsafeIntegers('{"id":1233906208924471298}')).not.toBeNull();
  });

  it('keeps invalid JSON invalid, with the message JSON.parse gives', () => {
    for (const bad of [
      '{"a":1,1233906208924471298:2}', // a number as an object key
      '[01233906208924471298]', // a leading zero
      '[1233906208924471298', // unterminated
      '{"a":1233906208924471298 "b":1}',
      '[1233906208924471298.]',
      '[-]',
      '{"a":"unterminated, 1233906208924471298}',
    ]) {
      expect(() => parseJsonExact(bad), bad).toThrow(nativeError(bad)!);
    }
  });

  it('keeps the last of duplicate keys, as JSON.parse does', () => {
    expect(parseJsonExact('{"id":1233906208924471298,"id":1233906208924471299}')).toEqual({ id: '1233906208924471299' });
  });

  it('agrees with lossless-json on 3,000 random documents full of big integers, digits in strings and escapes', () => {
    const rand = mulberry32(10);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
    const digits = (n: number) => Array.from({ length: n }, (_, i) => (i === 0 ? 1 + Math.floor(rand() * 9) : Math.floor(rand() * 10))).join('');
    const number = (): string =>
      pick([
        () => digits(19),
        () => `-${digits(17 + Math.floor(rand() * 6))}`,
        () => pick(['9007199254740991', '9007199254740992', '9007199254740993', '-9007199254740992']),
        () => digits(16),
        () => digits(1 + Math.floor(rand() * 15)),
        () => `${digits(18)}.${digits(2)}`,
        () => `${digits(19)}e${pick(['', '-', '+'])}${digits(1)}`,
        () => `0.${digits(20)}`,
        () => '0',
      ])();
    const ws = () => pick(['', '', ' ', '\n', ' \t\r\n ']);
    const stringBody = (): string =>
      Array.from({ length: Math.floor(rand() * 5) }, () => pick(['a', ' ', ',', ':', '[', ']', '{', '}', '\\"', '\\\\', '\\n', '\\u0041', digits(19), `,${digits(19)}`, `:${digits(17)}`, '"', 'é😀'])).join('');
    const string = () => `"${stringBody().replace(/(?<!\\)((?:\\\\)*)"/g, '$1\\"').replace(/\\+$/, (s) => (s.length % 2 ? `${s}\\` : s))}"`;
    const value = (depth: number): string => {
      const r = rand();
      if (depth > 3 || r < 0.35) return number();
      if (r < 0.55) return string();
      if (r < 0.6) return pick(['true', 'false', 'null']);
      const n = Math.floor(rand() * 4);
      if (r < 0.8) return `[${ws()}${Array.from({ length: n }, () => value(depth + 1)).join(`${ws()},${ws()}`)}${ws()}]`;
      return `{${ws()}${Array.from({ length: n }, () => `${string()}${ws()}:${ws()}${value(depth + 1)}`).join(`${ws()},${ws()}`)}${ws()}}`;
    };
    let unsafe = 0;
    const docs: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const text = `${ws()}${value(0)}${ws()}`;
      expect(nativeError(text), text).toBeNull();
      const exact = parseJsonExact(text);
      expect(exact, text).toEqual(reference(text));
      if (JSON.stringify(exact) !== JSON.stringify(JSON.parse(text))) unsafe++;
      docs.push(text);
    }
    // Hundreds of them hold a number JSON.parse would round.
    expect(unsafe).toBeGreaterThan(500);
    // All of them as one long document.
    const long = `[${docs.join(',')}]`;
    expect(long.length).toBeGreaterThan(100_000);
    expect(parseJsonExact(long)).toEqual(reference(long));
  });

  it('agrees with lossless-json on a long export whose every candidate is an id (the native-replace path)', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `{"id":${1233906208924471298n + BigInt(i)},"parent":${i ? 1233906208924471297n + BigInt(i) : 'null'},"n":${i},"big":${9007199254740992n + BigInt(i % 4)},"text":"reply #${i}"}`);
    const long = `[${rows.join(',\n')}]`;
    expect(long.length).toBeGreaterThan(65_536);
    expect(unsafeIntegers(long)?.all).toBe(true);
    const parsed = parseJsonExact(long) as { id: string; parent: string | null; n: number; big: string }[];
    expect(parsed).toEqual(reference(long));
    expect(parsed[2]).toEqual({ id: '1233906208924471300', parent: '1233906208924471299', n: 2, big: '9007199254740994', text: 'reply #2' });
    // With one safe 16-digit number among them, the slicing path gives the same.
    const mixed = long.replace('"n":0,', '"n":9007199254740991,');
    expect(unsafeIntegers(mixed)?.all).toBe(false);
    expect(parseJsonExact(mixed)).toEqual(reference(mixed));
  });
});
