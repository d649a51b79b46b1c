import { describe, expect, it } from 'vitest';
import { fullListFile, fullListRows, fullListSize, FullLists } from '../../../src/analysis/runner/full-lists.ts';
import { fullListNames, fullListPath } from '../../../src/site/lists.ts';

describe('FullLists', () => {
  it('keeps lists by name, sorted, and refuses a bad name, a second list of one name, or a row of the wrong width', () => {
    const lists = new FullLists();
    lists.add({ name: 'themes', columns: [{ name: 'theme', kind: 'text' }], rows: [['a'], ['b']] });
    lists.add({ name: 'authors', columns: [{ name: 'author', kind: 'author' }, { name: 'messages' }], rows: [['x', 3]] });
    expect(lists.all().map((l) => l.name)).toEqual(['authors', 'themes']);
    expect(() => lists.add({ name: 'themes', columns: [], rows: [] })).toThrow(/added twice/);
    expect(() => lists.add({ name: 'Top Authors', columns: [], rows: [] })).toThrow(/lower-case words joined by dashes/);
    expect(() => lists.add({ name: 'posts', columns: [{ name: 'id' }], rows: [['1', 'extra']] })).toThrow(/row 0 has 2 cells for 1 columns/);
  });

  it('takes a list made row by row, checking its first and last rows, and reads it as the rows it makes', () => {
    const lists = new FullLists();
    const made: number[] = [];
    const squares = { name: 'squares', columns: [{ name: 'n' }, { name: 'square' }], size: 1_000, row: (i: number) => (made.push(i), [i, i * i]) };
    lists.add(squares);
    expect(made).toEqual([0, 999]);
    expect([fullListSize(squares), fullListRows(squares)[12]]).toEqual([1_000, [12, 144]]);
    expect(() => lists.add({ name: 'ragged', columns: [{ name: 'n' }], size: 3, row: (i: number) => (i === 2 ? [i, 'extra'] : [i]) })).toThrow(/row 2 has 2 cells for 1 columns/);
    expect(() => lists.add({ name: 'empty', columns: [{ name: 'n' }], size: 0, row: () => [] })).not.toThrow();
  });

  it('names bundle files, and the site finds them in a manifest', () => {
    expect(fullListFile('engaged-posts')).toBe('list-engaged-posts.csv');
    const manifest = { files: ['report.json', 'list-themes.csv', 'list-authors.csv', 'messages.csv'].map((name) => ({ name, bytes: 0, sha256: '' })) };
    expect(fullListNames(manifest)).toEqual(['authors', 'themes']);
    expect(fullListPath({ slug: 'x', manifest }, 'themes')).toBe('x/lists/themes.csv');
    expect(fullListPath({ slug: 'x', manifest }, 'engaged-posts')).toBeNull();
  });
});
