/**
 * Shared pieces of chart specs: colours (CSS variables, so charts follow
 * light/dark mode) and legends. Category labels: axis-labels.ts.
 */

/** Colour of a sentiment label; anything else gets the accent. */
export function sentimentColor(label: string): string {
  if (/neg/i.test(label)) return 'var(--c-neg)';
  if (/pos/i.test(label)) return 'var(--c-pos)';
  if (/neu/i.test(label)) return 'var(--c-neu)';
  return 'var(--c-accent)';
}

/** A legend entry rendered as HTML next to the chart (ChartFigure.astro, styled by legend.ts). */
export interface LegendItem {
  label: string;
  /** A CSS colour of site.css (`var(--c-…)`), never data. */
  color: string;
  /**
   * `line` for series drawn as lines, `band` for shaded areas, `ramp` for a
   * colour scale: `color` at the opacities of {@link HEAT_OPACITY}, from
   * `ends[0]` to `ends[1]`.
   */
  shape?: 'swatch' | 'line' | 'band' | 'ramp';
  /** Outline of a band's swatch: a pale fill drawn as it is in the chart would not show against the page. */
  edge?: string;
  /** The values at the two ends of a ramp. */
  ends?: [string, string];
}

/** Opacity range of a heatmap's cells (one colour over the page, so light and dark mode both work), and of its legend ramp. */
export const HEAT_OPACITY: readonly [number, number] = [0.04, 1];
