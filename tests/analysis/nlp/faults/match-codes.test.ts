/**
 * Fault matches as numbers for the trip between threads: decoding gives the
 * matches matchMessage made, key order included (the faults' cache writes
 * them as JSON), for keyword and pattern evidence, emoji before the evidence,
 * and texts without a match.
 */
import { describe, expect, it } from 'vitest';
import { generatePosts } from '../../../../bench/generate-posts.ts';
import { GENERIC_TAXONOMY } from '../../../../bench/faults.bench.ts';
import { compileTaxonomy } from '../../../../src/analysis/nlp/faults/compile.ts';
import { matchMessage } from '../../../../src/analysis/nlp/faults/match.ts';
import { decodeFaultMatches, encodeFaultMatches } from '../../../../src/analysis/nlp/faults/match-codes.ts';

describe('fault match codes', () => {
  const compiled = compileTaxonomy(GENERIC_TAXONOMY);
  const texts = [
    ...generatePosts(2_000),
    '🙄🙄 they lost my bag again',
    'my order never arrived and I was charged twice',
    'thank you, all good now',
    '',
  ];
  const matches = texts.map((t) => matchMessage(t, compiled));

  it('decode(encode(matches)) is the matches, byte for byte as JSON', () => {
    expect(matches.filter((m) => m === null).length).toBeGreaterThan(0);
    expect(new Set(matches.map((m) => m?.evidence.source)).size).toBe(3);
    const decoded = decodeFaultMatches(encodeFaultMatches(matches), texts);
    expect(decoded).toEqual(matches);
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(matches));
  });

  it('holds four integers per text and each fault id and rule once', () => {
    const encoded = encodeFaultMatches(matches);
    expect(encoded.codes).toHaveLength(texts.length * 4);
    expect(new Set(encoded.faults).size).toBe(encoded.faults.length);
    expect(new Set(encoded.rules.map((r) => `${r.source} ${r.rule}`)).size).toBe(encoded.rules.length);
    expect(encoded.faults.length).toBeLessThanOrEqual(Object.keys(GENERIC_TAXONOMY).length);
  });

  it('refuses codes given for other texts', () => {
    expect(() => decodeFaultMatches(encodeFaultMatches(matches), texts.slice(1))).toThrow(/fault matches of \d+ texts given for \d+/);
  });
});
