import { describe, expect, it } from 'vitest';
import { ownString, ownStringOrNull } from '../../../src/analysis/core/own-string.ts';

describe('ownString', () => {
  it('gives back every code unit: ASCII, Latin-1, emoji, CJK, a lone surrogate of a cut emoji, any length', () => {
    const chunk = `é€ ${'x'.repeat(40)},Café crème 🔒 locked out 锁 ,tweet cut at \ud83d,\udd12 orphan low,short,`;
    const fields = chunk.split(',');
    for (const f of [...fields, '', 'a', 'x'.repeat(13), '\ud83d'.repeat(20)]) {
      const own = ownString(f);
      expect(own).toBe(f);
      expect(own.length).toBe(f.length);
    }
    // Slices of a large two-byte string, as the CSV reader makes them.
    const big = `€${Array.from({ length: 2000 }, (_, i) => `field ${i} with text long enough`).join('|')}`;
    for (const f of big.split('|')) expect(ownString(f)).toBe(f);
  });

  it('keeps null', () => {
    expect(ownStringOrNull(null)).toBeNull();
    expect(ownStringOrNull('an id of 18 digits')).toBe('an id of 18 digits');
  });
});
