/**
 * What a site is built from besides its bundles (cli/site-sources.ts): an
 * edit of a notebook's text alone is told apart from every other change,
 * which builds the whole site. The rebuild itself, byte for byte against a
 * whole build, is checked in site-reproducible.test.ts.
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { notebookOnlyChange, siteSources, splitFrontmatter, type SourcesStamp } from '../../src/cli/site-sources.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'debrief-site-sources-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A small project: a source file, the fault library and two notebooks. */
function project(name: string): string {
  const root = path.join(tmp, name);
  mkdirSync(path.join(root, 'src/site'), { recursive: true });
  mkdirSync(path.join(root, 'reports'), { recursive: true });
  mkdirSync(path.join(root, 'data/acme'), { recursive: true });
  writeFileSync(path.join(root, 'src/site/page.ts'), 'export const x = 1;\n');
  writeFileSync(path.join(root, 'data/faults.yaml'), 'faults: {}\n');
  writeFileSync(path.join(root, 'data/acme/posts.csv'), 'id,text\n1,a\n');
  writeFileSync(path.join(root, 'reports/acme.mdx'), '---\ncrisis: acme\ntitle: Acme\n---\n\n# Review\n');
  writeFileSync(path.join(root, 'reports/beta.mdx'), '---\ncrisis: beta\ntitle: Beta\n---\n\nText.\n');
  return root;
}

const crises = [
  { slug: 'acme', inputKey: 'a' },
  { slug: 'beta', inputKey: 'b' },
];
const stampOf = (root: string) => ({ base: '/', buildDate: '2024-10-21', crises, sources: siteSources(root, path.join(root, 'data')) });

describe('splitFrontmatter', () => {
  it('splits the fenced YAML from the body, CRLF too, and leaves a file without frontmatter whole', () => {
    expect(splitFrontmatter('---\ncrisis: a\n---\nBody\n')).toEqual({ frontmatter: '---\ncrisis: a\n---\n', body: 'Body\n' });
    expect(splitFrontmatter('---\r\ncrisis: a\r\n---\r\nBody')).toEqual({ frontmatter: '---\r\ncrisis: a\r\n---\r\n', body: 'Body' });
    expect(splitFrontmatter('# No frontmatter\n---\n')).toEqual({ frontmatter: '', body: '# No frontmatter\n---\n' });
  });
});

describe('notebookOnlyChange', () => {
  it('names the crisis whose notebook body changed, and nothing when nothing did', () => {
    const root = project('body');
    const before = stampOf(root);
    expect(before.sources.notebooks['reports/acme.mdx']?.crisis).toBe('acme');
    expect(notebookOnlyChange(before, stampOf(root))).toEqual([]);
    appendFileSync(path.join(root, 'reports/beta.mdx'), '\nMore text.\n');
    expect(notebookOnlyChange(before, stampOf(root))).toEqual(['beta']);
    appendFileSync(path.join(root, 'reports/acme.mdx'), '\nMore.\n');
    expect(notebookOnlyChange(before, stampOf(root))).toEqual(['acme', 'beta']);
  });

  it('builds the whole site when a frontmatter, a source, the fault library, a notebook list, the base, the date or a bundle changed', () => {
    const cases: [string, (root: string) => void, (s: SourcesStamp) => SourcesStamp][] = [
      ['frontmatter', (r) => writeFileSync(path.join(r, 'reports/acme.mdx'), '---\ncrisis: acme\ntitle: Acme, renamed\n---\n\n# Review\n'), (s) => s],
      ['source', (r) => appendFileSync(path.join(r, 'src/site/page.ts'), '// changed\n'), (s) => s],
      ['fault library', (r) => appendFileSync(path.join(r, 'data/faults.yaml'), '# changed\n'), (s) => s],
      ['new notebook', (r) => writeFileSync(path.join(r, 'reports/gamma.mdx'), '---\ncrisis: gamma\n---\n'), (s) => s],
      ['removed notebook', (r) => rmSync(path.join(r, 'reports/beta.mdx')), (s) => s],
      ['base', () => {}, (s) => ({ ...s, base: '/sub/' })],
      ['build date', () => {}, (s) => ({ ...s, buildDate: '2024-10-22' })],
      ['bundle', () => {}, (s) => ({ ...s, crises: [crises[0]!, { slug: 'beta', inputKey: 'changed' }] })],
    ];
    for (const [name, change, restamp] of cases) {
      const root = project(name.replace(/ /g, '-'));
      const before = stampOf(root);
      appendFileSync(path.join(root, 'reports/acme.mdx'), '\nA body edit as well.\n');
      change(root);
      expect(notebookOnlyChange(before, restamp(stampOf(root)) as ReturnType<typeof stampOf>), name).toBeNull();
    }
  });

  it('builds the whole site after a site without sources in its stamp (an older build) or without a stamp', () => {
    const root = project('old');
    const { sources: _, ...older } = stampOf(root);
    appendFileSync(path.join(root, 'reports/acme.mdx'), '\nEdited.\n');
    expect(notebookOnlyChange(older, stampOf(root))).toBeNull();
    expect(notebookOnlyChange(null, stampOf(root))).toBeNull();
  });

  it('builds the whole site when an edited notebook names no crisis, or one without a bundle', () => {
    const root = project('no-crisis');
    writeFileSync(path.join(root, 'reports/gamma.mdx'), '---\ntitle: No crisis\n---\n');
    const before = stampOf(root);
    appendFileSync(path.join(root, 'reports/gamma.mdx'), '\nEdited.\n');
    expect(notebookOnlyChange(before, stampOf(root))).toBeNull();
    const unknown = project('unknown-crisis');
    writeFileSync(path.join(unknown, 'reports/gamma.mdx'), '---\ncrisis: gamma\n---\n');
    const was = stampOf(unknown);
    appendFileSync(path.join(unknown, 'reports/gamma.mdx'), '\nEdited.\n');
    expect(notebookOnlyChange(was, stampOf(unknown))).toBeNull();
  });
});
