/**
 * Site paths and relative links.
 *
 * Every link in the site is relative to the page it is on and names the
 * file (`../faults/index.html`), so the built site works on any host, under
 * any sub-path and opened straight from disk (file://).
 *
 * A *site path* is a page's location below the site root without the base:
 * `''` (home), `acme/`, `acme/messages/2/` — directories end with `/` — or a
 * file: `acme/data/timeline.csv`.
 */

/** Site path of a crisis page: `crisisPath('acme', 'themes')` → `acme/themes/`. */
export function crisisPath(slug: string, ...rest: (string | number)[]): string {
  return [slug, ...rest.map(String)].map((p) => `${encodeURIComponent(p)}/`).join('');
}

/**
 * Relative URL from the page at `from` (a directory site path) to `to`
 * (a directory or file site path); directories get `index.html`.
 */
export function relativeHref(from: string, to: string): string {
  const fromDirs = from.split('/').filter(Boolean);
  const target = to === '' || to.endsWith('/') ? `${to}index.html` : to;
  const toParts = target.split('/');
  let common = 0;
  while (common < fromDirs.length && common < toParts.length - 1 && fromDirs[common] === toParts[common]) common++;
  return `${'../'.repeat(fromDirs.length - common)}${toParts.slice(common).join('/')}`;
}

/** A link maker bound to the current page: `link('faults/')`. */
export type Linker = (to: string) => string;

/** Returns a {@link Linker} for the page at `from`. */
export function linker(from: string): Linker {
  return (to) => relativeHref(from, to);
}

/** A file-safe id from free text (chart ids, anchors). */
export function slugify(text: string): string {
  return (
    text
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'item'
  );
}
