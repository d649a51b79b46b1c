/**
 * The sentiment tokenizer's ASCII scan (token-scan.ts) gives the tokens of
 * its pattern (tokenizeWithPattern), token for token and count for count:
 * on hand-picked cases, random strings of the characters that matter, the
 * sample crises and the real tweet and complaint sets.
 */
import { describe, expect, it } from 'vitest';
import { tokenize, tokenizeWithPattern } from '../../../../src/analysis/nlp/sentiment/tokenize.ts';
import { randomTexts, realSetCells, sampleCells } from '../../../helpers/text-cells.ts';

function differences(texts: Iterable<string>): { text: string; pattern: unknown; scanned: unknown }[] {
  const out = [];
  for (const text of texts) {
    const a = tokenizeWithPattern(text);
    const b = tokenize(text);
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ text, pattern: a, scanned: b });
    if (out.length >= 5) break;
  }
  return out;
}

describe('sentiment tokens: the ASCII scan', () => {
  it('agrees with the pattern where emoticons, links, marks and dashes decide', () => {
    const cases = [
      '', ' ', 'a', "don't", "rock'n'roll", "a'", "a'1", 'SO BAD', 'Ok', 'OK!!', 'what?!?', '...', '..:)', ',.', ';;', ':', '=',
      ':)', ':-)', ":')", ':o', ':o)', ':o)x', ':ox', ':-x', ';)', ';-)', '=D', '=Dx', ':P', ':p1', ':(', ':[', ':/', ':\\', ':|', ':@', ':*)', ':^)', ':^', ':-',
      '10:30', '1:)', 'a:)', '<3', '</3', '<3u', '</3x', '<33', '<', '</', '(:', '(:x', '^^', '^_^', '^_^a', '^_', '-_-', '-_-x', '-_', '- _ -',
      'a - b', 'a -- b', 'a -b', 'a- b', '\t-\n', ' - - ', 'x --', '-', 'http', 'http://', 'http://x', 'https://x.y/z?q=1 ok', 'httpx://y', 'hhttp://x', 'HTTP://X',
      'www', 'www.', 'www.x', 'awww.x', 'wwww.x', '@', '@x', '@x:)', '@_', '#', '#x', '#NeverAgain', '#customerServiceFail', '#a_b', '#9am', 'x#y', 'a@b.c',
      '3hrs', '2days', '10k', 'ua1116', "it's", "John's", 'sooooo gooood', 'loooove', 'LOVE IT', 'I', 'A+', 'x!y?z', 'end.', 'v1.2.3', '&amp;', "''", "x''y",
    ];
    expect(differences(cases)).toEqual([]);
  });

  it('agrees with the pattern on 200,000 random strings of the characters that matter', () => {
    const alphabet = [...'htpswHTPSW:/.@#;=<3^_-()[]\\|*\'dDpPoO!?,aAzZ019 \t\n\r\u000b\u000c+&x'];
    const pieces = ['http://', 'https://', 'www.', ':-)', ':o', '</3', '<3', '^_^', '-_-', '(:', ' - ', "n't", '#Tag', '@who', '10:30', '...'];
    const texts = randomTexts({ seed: 7, count: 200_000, maxLength: 20, alphabet, pieces, pieceOdds: 5 });
    expect(differences(texts)).toEqual([]);
  });

  it('agrees with the pattern on every text cell of the sample crises', () => {
    const texts = sampleCells();
    expect(texts.length).toBeGreaterThan(1000);
    expect(differences(texts)).toEqual([]);
  });

  const real = realSetCells();
  it.skipIf(!real.exists)('agrees with the pattern on every text cell of the real tweet and complaint sets', () => {
    const texts = real.cells();
    expect(texts.length).toBeGreaterThan(50_000);
    expect(differences(texts)).toEqual([]);
  });
});
