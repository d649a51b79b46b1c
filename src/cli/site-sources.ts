/**
 * What a report site is rendered from besides its bundles: the site's code
 * and settings, and the notebooks. Recorded in the site's stamp so that
 * `debrief build` can tell an edit of a notebook's text alone — which changes
 * one page — from anything else, which may change every page.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { treeHash } from '../node/input-key.ts';

/** Files and directories (relative to the project) whose change may change any page. */
const SITE_INPUTS = ['src', 'public', 'schema', 'astro.config.mjs', 'package.json', 'package-lock.json'];

/** A notebook as the stamp records it. */
export interface NotebookSource {
  /** The crisis its frontmatter names (the page it renders: `<crisis>/index.html`). */
  crisis: string;
  /** sha256 of its body, the text after the frontmatter. */
  body: string;
}

export interface SiteSources {
  /**
   * sha256 over every site input, the data directory's own files (the fault
   * library) and each notebook's file name and frontmatter: what may change
   * pages other than a notebook's own (titles in navigation, action items).
   */
  key: string;
  /** Each notebook by file (`reports/acme.mdx`), sorted. */
  notebooks: Record<string, NotebookSource>;
}

/** Splits an MDX file into its frontmatter (with its fences) and its body. */
export function splitFrontmatter(text: string): { frontmatter: string; body: string } {
  const m = /^---\r?\n[\s\S]*?\r?\n---(?:\r?\n|$)/.exec(text);
  return m ? { frontmatter: m[0], body: text.slice(m[0].length) } : { frontmatter: '', body: text };
}

/** The sources of the site of `root`, whose crises are in `dataDir`. */
export function siteSources(root: string, dataDir: string): SiteSources {
  // The crises' own files are in their bundles' input keys; the data directory's own files (faults.yaml) are added here.
  const dataFiles = existsSync(dataDir) ? readdirSync(dataDir).sort().map((name) => path.join(dataDir, name)).filter((file) => statSync(file).isFile()) : [];
  const key = createHash('sha256').update(`site ${treeHash([...SITE_INPUTS.map((input) => path.join(root, input)).filter(existsSync), ...dataFiles])}\n`);
  const notebooks: Record<string, NotebookSource> = {};
  const reports = path.join(root, 'reports');
  const names = existsSync(reports) ? readdirSync(reports).filter((n) => n.endsWith('.mdx')).sort() : [];
  for (const name of names) {
    const file = `reports/${name}`;
    const { frontmatter, body } = splitFrontmatter(readFileSync(path.join(reports, name), 'utf8'));
    key.update(`${file}\0${frontmatter}\0`);
    notebooks[file] = { crisis: crisisOf(frontmatter), body: createHash('sha256').update(body).digest('hex') };
  }
  return { key: key.digest('hex'), notebooks };
}

/** The `crisis:` of a notebook's frontmatter, or '' when it has none (the site build reports that). */
function crisisOf(frontmatter: string): string {
  try {
    const meta = parse(frontmatter.replace(/^---\r?\n|---(?:\r?\n)?$/g, '')) as { crisis?: unknown } | null;
    return typeof meta?.crisis === 'string' ? meta.crisis : '';
  } catch {
    return '';
  }
}

/** The parts of a site's stamp a notebook rebuild compares. */
export interface SourcesStamp {
  base: string;
  buildDate: string;
  crises: { slug: string; inputKey: string }[];
  sources?: SiteSources;
}

/**
 * The crises whose notebook page alone must be rendered again to turn the
 * site stamped `previous` into the site stamped `next`: those whose notebook
 * body changed, when nothing else did; none when nothing changed at all (the
 * site is up to date). Null when anything else changed (or `previous` is
 * missing or older than this stamp): the whole site is built.
 */
export function notebookOnlyChange(previous: SourcesStamp | null, next: SourcesStamp & { sources: SiteSources }): string[] | null {
  const before = previous?.sources;
  if (!previous || !before || previous.base !== next.base || previous.buildDate !== next.buildDate) return null;
  if (JSON.stringify(previous.crises) !== JSON.stringify(next.crises) || before.key !== next.sources.key) return null;
  // The key covers the notebooks' names and frontmatter: with it equal, the same notebooks name the same crises.
  const changed: string[] = [];
  for (const [file, now] of Object.entries(next.sources.notebooks)) {
    if (before.notebooks[file]?.body === now.body) continue;
    if (!now.crisis) return null;
    changed.push(now.crisis);
  }
  if (!changed.every((slug) => next.crises.some((c) => c.slug === slug))) return null;
  return changed.sort();
}
