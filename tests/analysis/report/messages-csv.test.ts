import { describe, expect, it } from 'vitest';
import { compareIds, compareIdsAt } from '../../../src/analysis/report/messages-csv.ts';

describe('compareIds', () => {
  it('compares numeric ids as numbers and any other pair as text', () => {
    expect(compareIds('99', '100')).toBeLessThan(0);
    expect(compareIds('100', '99')).toBeGreaterThan(0);
    expect(compareIds('42', '42')).toBe(0);
    // One id not numeric: text order, where "100" < "99".
    expect(compareIds('100', '99a')).toBeLessThan(0);
    expect(compareIds('b', 'a')).toBeGreaterThan(0);
  });

  it('by position gives the same order as by value, ids tested for digits once', () => {
    const ids = ['100', '99', 'x1', '007', '7', 'abc', '1000000000000000000001', '999', '', 'x10', '99'];
    const positions = ids.map((_, i) => i);
    const byValue = [...positions].sort((a, b) => compareIds(ids[a]!, ids[b]!));
    expect([...positions].sort(compareIdsAt(ids))).toEqual(byValue);
    for (const a of positions) for (const b of positions) expect(Math.sign(compareIdsAt(ids)(a, b))).toBe(Math.sign(compareIds(ids[a]!, ids[b]!)));
  });
});
