/**
 * Charts rendered at build time: Observable Plot draws into a server-side
 * DOM (linkedom) and the SVG is serialised into the page, so charts read and
 * print with JavaScript off. The rows a chart draws are also its CSV
 * download; a chart that draws only the first N items of a list ("the 10
 * largest of 28") says so in its caption, and its CSV holds all M.
 *
 * Colours are CSS variables (`var(--c-neg)`) or `currentColor`, so one SVG
 * works in light and dark mode; sequential scales use opacity over one colour
 * for the same reason.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { csvCell } from '../../analysis/report/messages-csv.ts';
import type { LegendItem } from './spec.ts';

/** A value a chart row may hold; dates become ISO text in the CSV. */
export type ChartValue = string | number | boolean | null | Date;
export type ChartRow = Record<string, ChartValue>;

/** What to draw, and what to say about it. */
export interface ChartSpec {
  /** File-safe id, unique within the crisis (`timeline`): names the CSV. */
  id: string;
  title: string;
  /** One line under the chart: what it shows and how to read it. */
  caption: string;
  /** Text alternative for screen readers: the chart's finding in words. */
  summary: string;
  /** CSV columns, in order. */
  columns: string[];
  /** Exactly the rows the marks draw. */
  rows: ChartRow[];
  /**
   * Every row of the list when the chart draws only its first ones (`rows`
   * first, then the rest, same columns): the CSV. Absent: the CSV is `rows`.
   */
  csvRows?: ChartRow[];
  /** Plot options; `marks` read `rows`. */
  plot: Omit<Plot.PlotOptions, 'document'>;
  /** Legend shown above the chart (HTML, so it reflows on narrow screens). */
  legend?: LegendItem[];
}

/** A chart ready for the page. */
export interface RenderedChart {
  id: string;
  title: string;
  caption: string;
  summary: string;
  /** Serialised SVG (from the DOM: text already escaped). */
  svg: string;
  csv: string;
  legend: LegendItem[];
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Draws a chart and serialises it; the SVG carries role, aria-label, `<title>` and `<desc>`. */
export function renderChart(spec: ChartSpec): RenderedChart {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const node = Plot.plot({
    width: 420,
    height: 180,
    marginLeft: 44,
    style: { background: 'transparent', fontSize: '11px' },
    ...spec.plot,
    document: document as unknown as Document,
  }) as unknown as Element;
  // Plot returns a <figure> only when given a legend/title; we always want the bare <svg>.
  const svg = node.tagName.toLowerCase() === 'svg' ? node : node.querySelector('svg');
  if (!svg) throw new Error(`chart ${spec.id}: Plot produced no SVG`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', spec.title);
  svg.removeAttribute('aria-description');
  // Plot labels its groups ("bar", "x-axis tick"); inside role="img" those labels are prohibited and say nothing.
  for (const el of svg.querySelectorAll('[aria-label], [aria-description]')) {
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-description');
  }
  const title = document.createElementNS(SVG_NS, 'title');
  title.textContent = spec.title;
  const desc = document.createElementNS(SVG_NS, 'desc');
  desc.textContent = spec.summary;
  svg.insertBefore(desc, svg.firstChild);
  svg.insertBefore(title, svg.firstChild);
  roundGeometry(svg);
  // Legends (swatches) are HTML next to the SVG; keep them when Plot made a figure.
  const html = node === svg ? svg.outerHTML : node.outerHTML;
  return { id: spec.id, title: spec.title, caption: spec.caption, summary: spec.summary, svg: html, csv: chartCsv(spec.columns, spec.csvRows ?? spec.rows), legend: spec.legend ?? [] };
}

const GEOMETRY = ['d', 'points', 'transform', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'width', 'height', 'cx', 'cy', 'r'];

/**
 * Rounds coordinates to one decimal: a tenth of a pixel is invisible, and
 * Plot's full-precision paths would otherwise make up most of a page's bytes.
 */
function roundGeometry(root: Element): void {
  const round = (v: string) => v.replace(/-?\d+\.\d{2,}(e-?\d+)?/g, (n) => String(Math.round(Number(n) * 10) / 10));
  for (const el of [root, ...root.querySelectorAll('*')]) {
    for (const name of GEOMETRY) {
      const v = el.getAttribute(name);
      if (v && /\.\d{2}/.test(v)) el.setAttribute(name, round(v));
    }
  }
}

/** CSV of chart rows; formulas neutralised by {@link csvCell}. */
export function chartCsv(columns: string[], rows: ChartRow[]): string {
  const lines = [columns.map(csvCell).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(plainValue(row[c]))).join(','));
  return `${lines.join('\n')}\n`;
}

function plainValue(v: ChartValue | undefined): string | number | boolean | null {
  if (v === undefined) return null;
  return v instanceof Date ? v.toISOString() : v;
}
