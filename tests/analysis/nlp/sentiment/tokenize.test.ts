import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../../src/analysis/nlp/sentiment/tokenize.ts';

describe('sentiment tokenizer', () => {
  it('drops @mentions and URLs, flags URLs', () => {
    const t = tokenize('@united see https://t.co/abc and www.example.com now');
    expect(t.tokens).toEqual(['see', 'and', 'now']);
    expect(t.hasUrl).toBe(true);
  });

  it('keeps hashtags as words, splitting camelCase', () => {
    const t = tokenize('#fail #NeverAgain');
    expect(t.tokens).toEqual(['fail', 'never', 'again']);
    expect(t.hashtag).toEqual([true, true, true]);
  });

  it('masks brands, airport codes and numbers', () => {
    expect(tokenize('United lost it at ORD, flight UA1116 3hrs late').tokens).toEqual([
      '<brand>', 'lose', 'it', 'at', '<code>', ',', 'flight', '<code>', '<num>', 'hrs', 'late',
    ]);
    // Lower-case "sea" is a word, not Seattle's code.
    expect(tokenize('by the sea').tokens).toContain('sea');
  });

  it('recognises emoticons but not clock times or "Note:Dallas"', () => {
    expect(tokenize('great :) ok :( hmm :/ <3').tokens).toEqual(['great', ':)', 'ok', ':(', 'hmm', ':/', '<3']);
    expect(tokenize('at 10:30').tokens).toEqual(['at', '<num>', ',', '<num>']);
    expect(tokenize('Note:Dallas').tokens).not.toContain(':d');
  });

  it('keeps emoji as tokens', () => {
    expect(tokenize('thanks 🙏 👍').tokens).toEqual(['thank', '🙏', '👍']);
  });

  it('counts "!" and "?" and marks ALL CAPS words', () => {
    const t = tokenize('this is NOT ok!!! why??');
    expect(t.exclaims).toBe(3);
    expect(t.questions).toBe(2);
    expect(t.caps[t.tokens.indexOf('not')]).toBe(true);
    expect(t.capsWords).toBe(1);
  });

  it('de-elongates and normalises apostrophes', () => {
    expect(tokenize('sooooo goooood').tokens).toEqual(['so', 'good']);
    expect(tokenize('don’t').tokens).toEqual(["don't"]);
  });
});
