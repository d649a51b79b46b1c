/**
 * How the HTML legend above a chart draws each entry (ChartFigure.astro):
 * the inline style of its swatch, and the steps of a colour ramp. Colours
 * are site.css variables set by chart code, never data, so the style needs
 * no escaping beyond Astro's attribute escaping.
 */
import { HEAT_OPACITY, type LegendItem } from './spec.ts';

/** Swatches of a ramp legend. */
const RAMP_STEPS = 5;

/** Inline style of an entry's swatch (`<i>`); CSS classes `legend-line` / `legend-band` (site.css) size it. */
export function swatchStyle(item: LegendItem): string {
  const edge = item.shape === 'band' && item.edge ? `;border-color:${item.edge}` : '';
  return `background:${item.color}${edge}`;
}

/** CSS class of an entry's swatch. */
export function swatchClass(item: LegendItem): string | undefined {
  return item.shape === 'line' ? 'legend-line' : item.shape === 'band' ? 'legend-band' : undefined;
}

/** Inline styles of a ramp's steps: its colour at evenly spaced opacities of the heatmap's range, lightest first. */
export function rampSteps(item: LegendItem): string[] {
  const [lo, hi] = HEAT_OPACITY;
  return Array.from({ length: RAMP_STEPS }, (_, i) => `background:${item.color};opacity:${Math.round((lo + ((hi - lo) * i) / (RAMP_STEPS - 1)) * 100) / 100}`);
}
