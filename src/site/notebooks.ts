/**
 * Crisis notebooks: `reports/<crisis>.mdx`, a post-incident review written
 * around the report's figures. Frontmatter is checked here so a typo fails
 * the build with the file name instead of rendering a half-empty page.
 */
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
import { parseNotebookMeta, type NotebookMeta } from './notebook-meta.ts';

export type { ActionItem, NotebookMeta } from './notebook-meta.ts';

export interface Notebook {
  meta: NotebookMeta;
  /** Path relative to the project (`reports/acme.mdx`). */
  file: string;
  Content: AstroComponentFactory;
}

interface MdxModule {
  frontmatter: Record<string, unknown>;
  Content: AstroComponentFactory;
  file: string;
}

let cached: Notebook[] | undefined;

/** Every notebook in reports/, sorted by crisis. */
export function notebooks(): Notebook[] {
  if (cached) return cached;
  const modules = import.meta.glob<MdxModule>('/reports/*.mdx', { eager: true });
  cached = Object.entries(modules)
    .map(([key, mod]) => {
      const file = key.replace(/^\//, '');
      return { meta: parseNotebookMeta(mod.frontmatter ?? {}, file), file, Content: mod.Content };
    })
    .sort((a, b) => a.meta.crisis.localeCompare(b.meta.crisis));
  cached.forEach((n, i) => {
    const twin = cached?.[i + 1];
    if (twin && twin.meta.crisis === n.meta.crisis) throw new Error(`${n.file} and ${twin.file} are both about crisis "${n.meta.crisis}": a crisis has one notebook`);
  });
  return cached;
}

/** The notebook of a crisis, if it has one. */
export function notebookFor(slug: string): Notebook | undefined {
  return notebooks().find((n) => n.meta.crisis === slug);
}
