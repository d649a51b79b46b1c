import { describe, expect, it } from 'vitest';
import { copyKey, copyKeyHash, MIN_REPEAT_WORDS, repeatKey } from '../../../src/analysis/nlp/repeat-key.ts';

describe('repeat key', () => {
  it('ignores retweet prefixes, leading mentions, links, case, punctuation and spacing', () => {
    const key = 'boycott this brand now please';
    expect(repeatKey('RT @alice: Boycott this brand NOW, please! https://t.co/abc')).toBe(key);
    expect(repeatKey('RT @bob: RT @alice: Boycott this brand now please')).toBe(key);
    expect(repeatKey('@Brand @support   boycott this brand now please!!')).toBe(key);
    expect(repeatKey('boycott this brand now please @Brand')).toBe('boycott this brand now please @brand');
  });

  it('gives a copy key only to texts of at least four words once normalised', () => {
    expect(MIN_REPEAT_WORDS).toBe(4);
    expect(copyKey('RT @alice: still no refund https://t.co/x')).toBeNull();
    expect(copyKey('@Brand any update??')).toBeNull();
    expect(copyKey('   ...   ')).toBeNull();
    expect(copyKey('RT @alice: still no refund, day five')).toBe('still no refund day five');
    expect(copyKey('Café — ½ price? ٣ items')).toBe('café ½ price ٣ items');
  });

  it('hashes the copy key to a non-negative 31-bit integer, -1 without one', () => {
    const h = copyKeyHash('RT @alice: still no refund, day five');
    expect(h).toBe(copyKeyHash('@Brand still no REFUND day five!!'));
    expect(Number.isInteger(h) && h >= 0 && h < 2 ** 31).toBe(true);
    expect(copyKeyHash('still no refund day six')).not.toBe(h);
    expect(copyKeyHash('@Brand any update??')).toBe(-1);
  });
});
