import { describe, expect, it } from 'vitest';
import { FingerprintSet, recordFingerprint } from '../../../src/analysis/ingest/fingerprint.ts';

describe('recordFingerprint', () => {
  it('depends on where fields split, not only on their concatenation', () => {
    const keys = [
      ['a\u0001b', 'c'], ['a', 'b\u0001c'], ['a', 'b', 'c'], ['abc'], ['ab', 'c'], ['a', 'bc'], ['', 'abc'], ['abc', ''], [], [''], ['', ''],
    ].map((fields) => recordFingerprint('messages:csv', fields));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('is the same for the same record, and differs by kind', () => {
    const fields = ['1', '2024-01-01T10:00:00Z', 'héllo 👋'];
    expect(recordFingerprint('messages:csv', fields)).toBe(recordFingerprint('messages:csv', [...fields]));
    expect(recordFingerprint('messages:csv', fields)).not.toBe(recordFingerprint('cases:csv', fields));
    expect(recordFingerprint('messages:csv', fields)).toHaveLength(8);
  });

  it('gives 200,000 near-identical records (one character apart, every length) 200,000 keys', () => {
    const seen = new Set<string>();
    const base = 'x'.repeat(40);
    for (let i = 0; i < 200_000; i++) {
      const len = i % 41;
      seen.add(recordFingerprint('m', [base.slice(0, len) + String.fromCharCode(i >> 6), String(i & 63)]));
    }
    expect(seen.size).toBe(200_000);
  });

  it('hashes a record longer than its reused buffer', () => {
    const long = 'y'.repeat(100_000);
    expect(recordFingerprint('m', [long])).not.toBe(recordFingerprint('m', [`${long.slice(1)}z`]));
    expect(recordFingerprint('m', ['short'])).toBe(recordFingerprint('m', ['short']));
  });
});

describe('FingerprintSet', () => {
  it('takes a record once, by its fingerprint, across growth: as a Set of recordFingerprint keys does', () => {
    const set = new FingerprintSet();
    const keys = new Set<string>();
    // Records repeat (every third is one seen before) while the table grows from 4,096 slots past 100,000 entries.
    for (let i = 0; i < 150_000; i++) {
      const j = i % 3 === 2 ? i - 2 : i;
      const fields = [String(j), j % 5 ? 'text' : 'other'];
      const isNew = !keys.has(recordFingerprint('messages:csv', fields));
      keys.add(recordFingerprint('messages:csv', fields));
      expect(set.add('messages:csv', fields)).toBe(isNew);
    }
    expect(set.size).toBe(keys.size);
    expect(set.size).toBe(100_000);
    expect(set.add('cases:csv', ['0', 'other'])).toBe(true);
    expect(set.add('messages:csv', ['0', 'other'])).toBe(false);
    set.clear();
    expect(set.size).toBe(0);
    expect(set.add('messages:csv', ['0', 'other'])).toBe(true);
  });
});
