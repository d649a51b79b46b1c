/**
 * A Plot chart as an image a screen reader can name: the bare `<svg>` (Plot
 * wraps it in a `<figure>` when it adds a legend), `role="img"` with the
 * chart's name, and `<title>` / `<desc>`. Pure DOM work, so the static pages
 * (linkedom in Node), the explorer and `/analyze/` (the browser) share it.
 */

/** Plot options every chart starts from. */
export const CHART_DEFAULTS = { width: 420, height: 180, marginLeft: 44, style: { background: 'transparent', fontSize: '11px' } } as const;

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Makes `svg` one image named `name`: Plot labels its groups ("bar", "x-axis
 * tick"), and inside role="img" those labels are prohibited and say nothing.
 * With `description`, adds `<title>` and `<desc>` as its first children.
 */
export function asChartImage(svg: Element, name: string, description?: string): void {
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', name);
  svg.removeAttribute('aria-description');
  for (const el of svg.querySelectorAll('[aria-label], [aria-description]')) {
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-description');
  }
  if (description === undefined) return;
  const doc = svg.ownerDocument;
  const title = doc.createElementNS(SVG_NS, 'title');
  title.textContent = name;
  const desc = doc.createElementNS(SVG_NS, 'desc');
  desc.textContent = description;
  svg.insertBefore(desc, svg.firstChild);
  svg.insertBefore(title, svg.firstChild);
}
