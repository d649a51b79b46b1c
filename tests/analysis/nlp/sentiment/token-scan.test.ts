/**
 * The sentiment tokenizer's ASCII scan (token-scan.ts) gives the tokens of
 * its pattern (tokenizeWithPattern), token for token and count for count:
 * on hand-picked cases, random strings of the characters that matter, the
 * sample crises and the real tweet and complaint sets.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { tokenize, tokenizeWithPattern } from '../../../../src/analysis/nlp/sentiment/tokenize.ts';
import { sharedData } from '../../../helpers/shared-data.ts';

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
    let seed = 7;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const texts: string[] = [];
    for (let i = 0; i < 200_000; i++) {
      let t = '';
      const length = 1 + random(20);
      for (let k = 0; k < length; k++) t += random(5) === 0 ? pieces[random(pieces.length)] : alphabet[random(alphabet.length)];
      texts.push(t);
    }
    expect(differences(texts)).toEqual([]);
  });

  it('agrees with the pattern on every text cell of the sample crises', () => {
    const root = path.resolve(import.meta.dirname, '../../../../data');
    const texts = cellsOf(readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.csv')).map((f) => path.join(root, f)));
    expect(texts.length).toBeGreaterThan(1000);
    expect(differences(texts)).toEqual([]);
  });

  const sets = ['twcs-head-5k/twcs.csv', 'twcs-random-5k/twcs_small.csv', 'twcs-brand-replies', 'airline-sentiment/Tweets-dev.csv', 'cfpb-complaints-sample/complaints_sample.csv'].map((rel) => sharedData(rel));
  it.skipIf(sets.some((s) => !s.exists))('agrees with the pattern on every text cell of the real tweet and complaint sets', () => {
    const files = sets.flatMap((s) => (s.path.endsWith('.csv') ? [s.path] : readdirSync(s.path).filter((f) => f.endsWith('.csv')).map((f) => path.join(s.path, f))));
    const texts = cellsOf(files);
    expect(texts.length).toBeGreaterThan(50_000);
    expect(differences(texts)).toEqual([]);
  });
});

/** Every non-empty cell of the CSV files. */
function cellsOf(files: readonly string[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    const rows = Papa.parse<string[]>(readFileSync(file, 'utf8'), { skipEmptyLines: true }).data;
    for (const row of rows) for (const cell of row) if (cell) out.push(cell);
  }
  return out;
}
