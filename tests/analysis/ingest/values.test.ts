import { describe, expect, it } from 'vitest';
import { authorValue, cleanId, decodeEntities, excerpt, idList, isMissing, parseBool, parseCount, textValue } from '../../../src/analysis/ingest/values.ts';
import { csvCell } from '../../../src/analysis/report/messages-csv.ts';

describe('cell values', () => {
  it('takes texts as written and author names without padding; markers are values there', () => {
    expect(['null', ' NaN ', '-', '?', '\tx\r\n', 'a &amp; b'].map(textValue)).toEqual(['null', ' NaN ', '-', '?', '\tx\r\n', 'a &amp; b']);
    expect(['', ' \t\n', null, undefined].map(textValue)).toEqual([null, null, null, null]);
    expect(['null', ' None ', 'N/A', '', '  '].map(authorValue)).toEqual(['null', 'None', 'N/A', null, null]);
  });
  it('excerpts a huge text from its head only, marking the cut', () => {
    expect(excerpt(`${' '.repeat(2000)}tail`)).toBe('…');
    expect(excerpt('a\n\nb')).toBe('a b');
  });
  it('knows the missing markers', () => {
    for (const v of ['', ' ', 'NA', 'n/a', 'null', 'None', '-', '?', undefined, null]) expect(isMissing(v)).toBe(true);
    for (const v of ['0', 'no', 'x']) expect(isMissing(v)).toBe(false);
    // Padded past the longest marker, by any space trim removes; and a long value that is not one.
    for (const v of ['          n/a', 'UNDEFINED\u00a0\u00a0', '\u2028null\t\t\t\t\t\t', '\ufeff          ']) expect(isMissing(v), JSON.stringify(v)).toBe(true);
    for (const v of ['undefined!', 'n/a at all', ' not missing ']) expect(isMissing(v), v).toBe(false);
  });
  it('cleans ids: pandas float suffix off, spreadsheet scientific notation refused, big ids intact', () => {
    expect(cleanId('3.0')).toEqual({ ok: true, id: '3' });
    expect(cleanId('570306133677760513')).toEqual({ ok: true, id: '570306133677760513' });
    expect(cleanId('5.70306E+17')).toMatchObject({ ok: false });
    expect(idList('4409,4413, 4414')).toEqual(['4409', '4413', '4414']);
  });
  it('takes JSON number ids a double holds exactly, refuses one beyond 2^53 (already rounded)', () => {
    expect(cleanId(35436)).toEqual({ ok: true, id: '35436' });
    expect(cleanId(9007199254740991)).toEqual({ ok: true, id: '9007199254740991' });
    expect(cleanId(Number('1233906208924471298'))).toMatchObject({ ok: false, detail: expect.stringContaining('too large to be exact') });
    expect(cleanId(2 ** 53)).toMatchObject({ ok: false });
  });
  it('parses booleans and counts', () => {
    expect([parseBool('TRUE'), parseBool('False'), parseBool('yes'), parseBool('0'), parseBool(''), parseBool('maybe')]).toEqual([true, false, true, false, null, undefined]);
    expect([parseCount('1,234'), parseCount('NA'), parseCount('-3'), parseCount('x')]).toEqual([1234, null, undefined, undefined]);
  });
  it('decodes HTML entities, leaving unknown ones', () => {
    expect(decodeEntities('a &amp; b &lt;3 &#39;q&#39; &#x1F600; &bogus;')).toBe("a & b <3 'q' 😀 &bogus;");
  });
  it('neutralises spreadsheet formulas in CSV cells', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('@united late again')).toBe("'@united late again");
    expect(csvCell('-12')).toBe('-12');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(null)).toBe('');
  });
});
