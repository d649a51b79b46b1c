/**
 * Shared pieces of chart specs: colours (CSS variables, so charts follow
 * light/dark mode), legends and label trimming.
 */

/** Colour of a sentiment label; anything else gets the accent. */
export function sentimentColor(label: string): string {
  if (/neg/i.test(label)) return 'var(--c-neg)';
  if (/pos/i.test(label)) return 'var(--c-pos)';
  if (/neu/i.test(label)) return 'var(--c-neu)';
  return 'var(--c-accent)';
}

/** A legend entry rendered as HTML next to the chart. */
export interface LegendItem {
  label: string;
  color: string;
  /** `line` for series drawn as lines, `band` for shaded areas. */
  shape?: 'swatch' | 'line' | 'band';
}

/** Shortens a label for an axis; the CSV keeps it whole. */
export function trimLabel(text: string, max = 30): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Left margin that fits the longest of `labels` at ~6.2 px per character (11 px font), within bounds. */
export function marginFor(labels: string[], min = 40, max = 200): number {
  const longest = labels.reduce((m, l) => Math.max(m, l.length), 0);
  return Math.min(max, Math.max(min, Math.round(longest * 6.2) + 12));
}
