import { describe, expect, it } from 'vitest';
import { WordTable } from '../../../src/analysis/core/word-table.ts';

describe('WordTable', () => {
  it('answers a span of a text with the value made for the same word before, through growth', () => {
    const table = new WordTable<string>(100_000);
    let made = 0;
    const make = (word: string) => `${word}#${made++}`;
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`);
    const first = words.map((w) => table.get(`  ${w}  `, 2, 2 + w.length, make));
    expect(made).toBe(words.length);
    // Asked again inside other texts: the stored values, nothing made.
    words.forEach((w, i) => expect(table.get(`x ${w}.`, 2, 2 + w.length, make)).toBe(first[i]));
    expect(made).toBe(words.length);
    // A prefix or an extension of a known word is a word of its own.
    expect(table.get('w1-', 0, 3, make)).toBe(`w1-#${made - 1}`);
    expect(table.get('w1-', 0, 1, make)).toBe(`w#${made - 1}`);
    expect(table.get('w1-', 0, 2, make)).toBe(first[1]);
    expect(table.get('', 0, 0, make)).toBe(`#${made - 1}`);
  });

  it('keeps at most `limit` words and still answers the others', () => {
    const table = new WordTable<number>(3);
    let made = 0;
    const make = () => made++;
    for (const w of ['a', 'b', 'c', 'd', 'd', 'a']) table.get(w, 0, 1, make);
    // d was not kept (made twice); a was.
    expect(made).toBe(5);
    expect(table.get('a', 0, 1, make)).toBe(0);
  });
});
