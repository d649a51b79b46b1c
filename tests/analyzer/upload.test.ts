/** The chosen files as a crisis directory, and the crisis name the page offers and accepts. */
import { describe, expect, it } from 'vitest';
import { slugProblem, suggestedSlug, uploadedCrisisFiles } from '../../src/analyzer/upload.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('uploaded files', () => {
  it('keeps every file by its name, crisis.yaml and events files included', () => {
    const files = uploadedCrisisFiles([
      { name: 'posts.csv', bytes: bytes('id,text\n') },
      { name: 'crisis.yaml', bytes: bytes('title: x\n') },
      { name: 'recalls.csv', bytes: bytes('at,label\n') },
    ]);
    expect(Object.keys(files).sort()).toEqual(['crisis.yaml', 'posts.csv', 'recalls.csv']);
  });

  it('names the problem: nothing chosen, a name chosen twice, no export among the files', () => {
    expect(() => uploadedCrisisFiles([])).toThrow(/^no file chosen/);
    expect(() => uploadedCrisisFiles([{ name: 'posts.csv', bytes: bytes('a') }, { name: 'posts.csv', bytes: bytes('b') }])).toThrow(/^posts\.csv: chosen twice/);
    expect(() => uploadedCrisisFiles([{ name: 'photo.png', bytes: bytes('') }, { name: 'notes.docx', bytes: bytes('') }])).toThrow(/^photo\.png, notes\.docx: not an export Debrief reads/);
  });

  it('offers the first export name as the slug and checks slugs as debrief new does', () => {
    expect(suggestedSlug(['crisis.yaml', 'Twitter Export (Oct).csv', 'b.json'])).toBe('twitter-export-oct');
    expect(suggestedSlug(['crisis.yaml'])).toBe('my-crisis');
    expect(suggestedSlug(['___.csv'])).toBe('my-crisis');
    expect(slugProblem('smartlock-firmware-2024')).toBeNull();
    expect(slugProblem('Acme Crisis')).toMatch(/"Acme Crisis" is not a usable name: use lower-case letters, digits and dashes/);
    expect(slugProblem('-x')).not.toBeNull();
  });
});
