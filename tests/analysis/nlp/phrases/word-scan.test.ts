import { describe, expect, it } from 'vitest';
import { HASHTAG, scanWords, TOKEN_RE, WORD } from '../../../../src/analysis/nlp/phrases/word-scan.ts';
import { randomTexts, realSetCells, sampleCells } from '../../../helpers/text-cells.ts';

/** The spans the expression alone finds: the definition `scanWords` must keep. */
function byExpression(text: string): string[] {
  const re = new RegExp(TOKEN_RE.source, TOKEN_RE.flags);
  const out: string[] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[2] !== undefined) out.push(`${HASHTAG}:${m.index + 1}-${m.index + m[0].length}`);
    else if (m[3] !== undefined) out.push(`${WORD}:${m.index}-${m.index + m[0].length}`);
  }
  return out;
}

function scanned(text: string): string[] {
  const out: string[] = [];
  scanWords(text, (kind, start, end) => out.push(`${kind}:${start}-${end}`));
  return out;
}

/** Texts whose spans differ between the two, with both (empty when they agree). */
function differences(texts: Iterable<string>): { text: string; expression: string[]; scanned: string[] }[] {
  const out = [];
  for (const text of texts) {
    const a = byExpression(text);
    const b = scanned(text);
    if (a.join() !== b.join()) out.push({ text, expression: a, scanned: b });
    if (out.length >= 5) break;
  }
  return out;
}

describe('scanWords', () => {
  it('finds words, hashtag bodies and nothing of links, mentions or entities', () => {
    const text = "RT @Nimbus: can't log in https://t.co/x &amp; #LoginDown since 9am, isn't it";
    const words = (t: string) => {
      const out: string[] = [];
      scanWords(t, (kind, s, e) => out.push(`${kind === HASHTAG ? '#' : ''}${t.slice(s, e)}`));
      return out;
    };
    expect(words(text)).toEqual(['RT', "can't", 'log', 'in', '#LoginDown', 'since', '9am', "isn't", 'it']);
    expect(words('café’s naïve ＠user ſtop')).toEqual(['café’s', 'naïve', 'ſtop']);
  });

  it('agrees with the expression on the cases that decide where a span ends', () => {
    const cases = [
      '', ' ', 'a', "a'", "a'b", "a'1", "rock'n'roll", "12'ab'cd3", "don't.", "x'’y", 'x’y', "x'é",
      'http', 'http://', 'http:// x', 'http://x', 'HTTPS://X.Y', 'httpx://y', 'https:/x', 'httpſ://x', 'xhttp://y', 'hTtP://a b',
      'www', 'www.', 'www. x', 'WWW.x', 'wwwx', 'ww.x', 'www.é', 'www.x\u00a0y', 'http://a\u2028b',
      '@', '@ x', '@_x', '@x_y-z', '@é', '@xſ', '＠user', '#', '# x', '#_', '#a_b', '#é', '#aé', '#LostLuggage',
      '&', '&amp', '&amp;', '&AMP;', '&Lt;', '&#;', '&#12;', '&#12', '&#x27;', '&nbsp;x', '&apoſ;', '&ampé',
      'a\tb\nc\rd\u000be\u000cf', 'http://a\rb', 'www.a\u000bb', 'www.a\u000cb http://x\ty', '_a_', '9am', '€5', 'x😀y', '\ud83d', 'a\ud83d', 'K', 'ſ',
    ];
    expect(differences(cases)).toEqual([]);
  });

  it('agrees with the expression on 200,000 random strings of the characters that matter', () => {
    const alphabet = [...'htpswHTPSW:/.@#&;\'_ampltgquonbx0123456789 \t\n\r\u000b\u000cAZaz-,!?', '’', 'é', 'ſ', 'K', '＠', '\u00a0', '😀', 'ü', '\u2028'];
    const pieces = ['http://', 'www.', '&amp;', '&#39;', "n't", '#'];
    const texts = randomTexts({ seed: 42, count: 200_000, maxLength: 24, alphabet, pieces, pieceOdds: 6 });
    expect(differences(texts)).toEqual([]);
  });

  it('agrees with the expression on every text cell of the sample crises', () => {
    const texts = sampleCells();
    expect(texts.length).toBeGreaterThan(1000);
    expect(differences(texts)).toEqual([]);
  });

  const real = realSetCells();
  it.skipIf(!real.exists)('agrees with the expression on every text cell of the real tweet and complaint sets', () => {
    const texts = real.cells();
    expect(texts.length).toBeGreaterThan(50_000);
    expect(differences(texts)).toEqual([]);
  });
});
