import { describe, expect, it } from 'vitest';
import { dedupeExact, restrictDistinct } from '../../../src/analysis/core/distinct-texts.ts';

describe('restrictDistinct', () => {
  it('equals dedupeExact of the same texts with the same messages included', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const texts = Array.from({ length: 5_000 }, () => `text ${random(800)}`);
    const all = dedupeExact(texts, () => true);
    for (const include of [(i: number) => i % 3 !== 0, (i: number) => texts[i]!.endsWith('7'), () => false, () => true]) {
      const restricted = restrictDistinct(all, include);
      const direct = dedupeExact(texts, include);
      expect(restricted.texts).toEqual(direct.texts);
      expect([...restricted.of]).toEqual([...direct.of]);
    }
  });
});
