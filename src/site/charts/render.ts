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
 *
 * Each chart is drawn twice: at its desktop size and at phone width (see
 * narrow.ts); the page shows one of the two.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { csvCell } from '../../analysis/report/messages-csv.ts';
import { NARROW_WIDTH, type NarrowOptions } from './narrow.ts';
import { asChartImage, CHART_DEFAULTS } from './plot-svg.ts';
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
  /**
   * The phone rendering's options, merged over `plot` at {@link NARROW_WIDTH}
   * (a layout of its own, or fewer ticks); absent: `plot` at that width.
   */
  narrow?: NarrowOptions;
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
  /** The same chart drawn {@link NARROW_WIDTH} px wide, for phones. */
  narrowSvg: string;
  csv: string;
  legend: LegendItem[];
}



/** Draws a chart at desktop and at phone width and serialises both; each SVG carries role, aria-label, `<title>` and `<desc>`. */
export function renderChart(spec: ChartSpec): RenderedChart {
  const svg = drawSvg(spec, { ...CHART_DEFAULTS, ...spec.plot });
  const narrowSvg = drawSvg(spec, { ...CHART_DEFAULTS, ...spec.plot, width: NARROW_WIDTH, ...spec.narrow });
  return { id: spec.id, title: spec.title, caption: spec.caption, summary: spec.summary, svg, narrowSvg, csv: chartCsv(spec.columns, spec.csvRows ?? spec.rows), legend: spec.legend ?? [] };
}

function drawSvg(spec: ChartSpec, options: Omit<Plot.PlotOptions, 'document'>): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const node = Plot.plot({ ...options, document: document as unknown as Document }) as unknown as Element;
  // Plot returns a <figure> only when given a legend/title; we always want the bare <svg>.
  const svg = node.tagName.toLowerCase() === 'svg' ? node : node.querySelector('svg');
  if (!svg) throw new Error(`chart ${spec.id}: Plot produced no SVG`);
  asChartImage(svg, spec.title, spec.summary);
  roundGeometry(svg);
  // Legends (swatches) are HTML next to the SVG; keep them when Plot made a figure.
  return node === svg ? svg.outerHTML : node.outerHTML;
}

const GEOMETRY = ['d', 'points', 'transform', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'width', 'height', 'cx', 'cy', 'r'];

/**
 * Rounds coordinates to one decimal: a tenth of a pixel is invisible, and
 * Plot's full-precision paths would otherwise make up most of a page's bytes.
 * Paths of straight lines are also rewritten with relative moves (two
 * renderings of every chart fit the summary's byte budget that way).
 */
function roundGeometry(root: Element): void {
  const round = (v: string) => v.replace(/-?\d+\.\d{2,}(e-?\d+)?/g, (n) => String(Math.round(Number(n) * 10) / 10));
  for (const el of [root, ...root.querySelectorAll('*')]) {
    for (const name of GEOMETRY) {
      const v = el.getAttribute(name);
      if (!v) continue;
      const compact = name === 'd' ? compactPath(v) : null;
      if (compact !== null) el.setAttribute(name, compact);
      else if (/\.\d{2}/.test(v)) el.setAttribute(name, round(v));
    }
  }
}

const PATH_TOKEN = /([MLZ])|(-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)|([\s,]+)/gy;

/**
 * A path of absolute moves and lines (`M`, `L`, `Z`: what Plot's lines,
 * areas and ticks are made of) with every point rounded to a tenth of a
 * pixel, written with relative lines (`l`, and `h`/`v` for the steps of a
 * step curve). Points are the same as rounding each coordinate. Null for
 * any other path (curves, arcs), left to plain rounding.
 */
export function compactPath(d: string): string | null {
  const tokens: (string | number)[] = [];
  PATH_TOKEN.lastIndex = 0;
  while (PATH_TOKEN.lastIndex < d.length) {
    const m = PATH_TOKEN.exec(d);
    if (!m) return null;
    if (m[1]) tokens.push(m[1]);
    else if (m[2]) tokens.push(Math.round(Number(m[2]) * 10));
  }
  // Tenths of a pixel as integers: differences are exact, so no drift along the path.
  const out: string[] = [];
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  let last = '';
  const emit = (command: string, numbers: number[]) => {
    let text = command === last && command !== 'M' ? '' : command;
    numbers.forEach((n, i) => {
      const s = tenths(n);
      if (i > 0 || (text === '' && !s.startsWith('-'))) text += s.startsWith('-') ? '' : ',';
      text += s;
    });
    out.push(text);
    last = command;
  };
  for (let i = 0; i < tokens.length; ) {
    const command = tokens[i++];
    if (command === 'Z') {
      out.push('Z');
      last = 'Z';
      x = startX;
      y = startY;
      continue;
    }
    if (command !== 'M' && command !== 'L') return null;
    // Implicit repetition ("L1,2 3,4") is legal SVG but Plot does not write it: anything unexpected is left alone.
    const nx = tokens[i++];
    const ny = tokens[i++];
    if (typeof nx !== 'number' || typeof ny !== 'number') return null;
    if (command === 'M') {
      emit('M', [nx, ny]);
      startX = nx;
      startY = ny;
    } else if (ny === y) emit('h', [nx - x]);
    else if (nx === x) emit('v', [ny - y]);
    else emit('l', [nx - x, ny - y]);
    x = nx;
    y = ny;
  }
  return out.join('');
}

/** `15` → "1.5", `-5` → "-.5", `20` → "2". */
function tenths(n: number): string {
  const sign = n < 0 ? '-' : '';
  const a = Math.abs(n);
  const whole = Math.floor(a / 10);
  const frac = a % 10;
  return `${sign}${whole === 0 && frac ? '' : whole}${frac ? `.${frac}` : ''}`;
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
