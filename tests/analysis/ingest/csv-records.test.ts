import { describe, expect, it } from 'vitest';
import { readCsvRecords, type CsvRecord } from '../../../src/analysis/ingest/csv-records.ts';

async function records(chunks: string[]): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  async function* text() {
    yield* chunks;
  }
  for await (const r of readCsvRecords(text(), { delimiter: ',' })) out.push(r);
  return out;
}

const BIG = 'x'.repeat(1 << 20);

describe('readCsvRecords', () => {
  it('a CRLF split between two parse steps, after a quoted and after an unquoted last field', async () => {
    // The first chunk is over the 1 MiB step, so it is parsed before the \n arrives.
    for (const last of ['"q"', 'q']) {
      const got = await records([`a,b,c\r\n1,${BIG},${last}\r`, '\n2,y,"z\r\nz"\r\n']);
      expect(got.map((r) => [r.line, r.fields.length, r.fields[2], r.problem])).toEqual([[1, 3, 'c', undefined], [2, 3, 'q', undefined], [3, 3, 'z\r\nz', undefined]]);
    }
  });

  it('a field still open across many steps is read whole, its CRLFs kept', async () => {
    const parts = Array.from({ length: 40 }, () => `${'y'.repeat(1 << 18)}\r\n`);
    const got = await records(['a,b\n1,"', ...parts, '"\n2,end\n']);
    expect(got.map((r) => [r.line, r.fields[1].length])).toEqual([[1, 1], [2, 40 * ((1 << 18) + 2)], [43, 3]]);
    expect(got[1].fields[1]).toBe(parts.join(''));
  });

  it('keeps a CR inside quotes, drops the CR of a CRLF line end, flags a CR anywhere else outside quotes', async () => {
    const got = await records(['h1,h2\r\n"a\rb",c\r\nd\r,e\r\n"f"\r,g\n']);
    expect(got.map((r) => [r.line, r.fields, r.problem?.reason])).toEqual([
      [1, ['h1', 'h2'], undefined],
      [2, ['a\rb', 'c'], undefined],
      [3, ['d\r', 'e'], 'carriage return in an unquoted field'],
      [4, ['f', 'g'], 'carriage return in an unquoted field'],
    ]);
  });
});

/** Reads `text` cut into pieces of `size` characters, with a record cap of `cap` characters. */
async function capped(text: string, size: number, cap: number): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  async function* chunks() {
    for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
  }
  for await (const r of readCsvRecords(chunks(), { delimiter: ',', maxRecordChars: cap })) out.push(r);
  return out;
}

/** Line, fields and problem of each record, for comparing whole readings. */
const brief = (records: CsvRecord[]) => records.map((r) => [r.line, r.fields, r.problem ?? null]);

describe('readCsvRecords: a record over the size cap', () => {
  const CAP = 100;

  it('is rejected with its line, unread, and the records after it load with their lines, however the text is cut', async () => {
    const big = 'x'.repeat(250);
    const text = `id,text\n1,short\n2,"${big}\nstill\nquoted"\n3,after\n4,"two\nlines"\n`;
    const got = await capped(text, text.length, CAP);
    expect(got.map((r) => [r.line, r.fields, r.problem?.reason])).toEqual([
      [1, ['id', 'text'], undefined],
      [2, ['1', 'short'], undefined],
      [3, [], 'field too large'],
      [6, ['3', 'after'], undefined],
      [7, ['4', 'two\nlines'], undefined],
    ]);
    const chars = `2,"${big}\nstill\nquoted"`.length;
    expect(got[2].problem?.detail).toBe(
      `the record starting on line 3 is ${chars} characters (3 lines), over the 100 one record may hold (an unclosed quote or a field far over limits.maxFieldBytes); it is rejected unread and reading continues after it`,
    );
    expect(got[2].problem?.head).toBe(`2,"${big}`.slice(0, 240));
    // Cut into small pieces the record is skipped while it streams (never held whole): the same records come out.
    for (const size of [1, 7, 64, 101]) expect(brief(await capped(text, size, CAP)), `pieces of ${size}`).toEqual(brief(got));
  });

  it('an unclosed quote running to the end of the file rejects that record, saying how much was skipped', async () => {
    const text = `id,text\n1,ok\n2,"never closed\n${'y'.repeat(150)}\n3,swallowed\n`;
    for (const size of [text.length, 1, 9]) {
      const got = await capped(text, size, CAP);
      expect(got.map((r) => [r.line, r.fields.length, r.problem?.reason]), `pieces of ${size}`).toEqual([[1, 2, undefined], [2, 2, undefined], [3, 0, 'unterminated quote']]);
      const chars = `2,"never closed\n${'y'.repeat(150)}\n3,swallowed`.length;
      expect(got[2].problem?.detail).toBe(`the record starting on line 3 opens a quoted field that is never closed: the rest of the file, ${chars} characters on 3 line(s), is over the 100 one record may hold and was skipped unread`);
    }
  });

  it('quotes, escaped quotes, CR, CRLF and a tab-delimited file inside the skipped record: it ends where the parser would end it', async () => {
    const crlf = `id,text\r\n1,"a ""quoted"" word, then a line break\r\n${'z'.repeat(120)}\r\n"" still inside""\r\nand a ""," 2\r\n2,"close" , "a"b\r\nc",x\r\n3,ok\r\n`;
    const got = await capped(crlf, crlf.length, CAP);
    // `"," 2` and `"close` are quotes followed by other text, so data; `"close" ,` closes the field (spaces, then the delimiter).
    expect(got.map((r) => [r.line, r.fields, r.problem?.reason])).toEqual([[1, ['id', 'text'], undefined], [2, [], 'field too large'], [7, ['c"', 'x'], undefined], [8, ['3', 'ok'], undefined]]);
    for (const size of [1, 2, 3, 50]) expect(brief(await capped(crlf, size, CAP)), `pieces of ${size}`).toEqual(brief(got));
    const tabs = `id\ttext\n1\t"${'t'.repeat(120)}" \t"\n"\n2\tfine\n`;
    const out: CsvRecord[] = [];
    async function* pieces() {
      for (const c of tabs) yield c;
    }
    for await (const r of readCsvRecords(pieces(), { delimiter: '\t', maxRecordChars: CAP })) out.push(r);
    expect(out.map((r) => [r.line, r.fields, r.problem?.reason])).toEqual([[1, ['id', 'text'], undefined], [2, [], 'field too large'], [4, ['2', 'fine'], undefined]]);
  });

  it('matches a reading without the cap record for record on generated files with tricky quoting, except the records over it', async () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const fields = ['plain', '"quoted, with a comma"', '"esc ""aped"""', '"multi\nline"', '"crlf\r\ninside"', '"bad"quote, then "ok"', '"sp" ', '', '"', 'a"b', '"long ' + 'w'.repeat(40) + '"', '"opens\nand runs on'];
    const seen = { loaded: 0, tooLarge: 0, unterminated: 0 };
    for (let file = 0; file < 60; file++) {
      const lines = ['h1,h2,h3'];
      for (let r = 3 + rand(30); r > 0; r--) lines.push(Array.from({ length: 1 + rand(4) }, () => fields[rand(fields.length)]).join(','));
      // Half the files end inside a quoted field, some of them after more than the cap.
      if (rand(2)) lines.push(`x,"never closed ${'n'.repeat(rand(80))}`);
      const text = lines.join(rand(2) ? '\n' : '\r\n') + ['', '\n', '\r\n', '\r', ' ', '\t\n'][rand(6)];
      const whole = await capped(text, text.length, 1 << 30);
      // Small pieces: records over the cap are skipped while streaming; one piece: they are parsed, then rejected.
      const cut = await capped(text, 1 + rand(40), 50);
      expect(brief(await capped(text, text.length, 50)), text).toEqual(brief(cut));
      expect(cut.map((r) => r.line), text).toEqual(whole.map((r) => r.line));
      cut.forEach((r, i) => {
        const missingQuote = whole[i].problem?.detail.startsWith('unterminated quoted field') ?? false;
        if (r.problem?.head === undefined) {
          expect(r, text).toEqual(whole[i]);
          seen.loaded++;
        } else if (r.problem.reason === 'unterminated quote') {
          expect(missingQuote, text).toBe(true);
          seen.unterminated++;
        } else {
          expect([r.problem.reason, missingQuote], text).toEqual(['field too large', false]);
          seen.tooLarge++;
        }
      });
    }
    expect(Math.min(seen.loaded, seen.tooLarge, seen.unterminated), JSON.stringify(seen)).toBeGreaterThan(5);
  });
});
