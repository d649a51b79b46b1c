/**
 * Drawing the explorer's view in the browser: the filters' options, the
 * charts (clicking a bar filters on it), the timeline with its brush, and
 * the message table. Texts are set as text, never as HTML: they are data.
 */
import * as Plot from '@observablehq/plot';
import { barChartOptions, TIMELINE_HEIGHT, timelineOptions, type Bar, type BarKind, type TimelineBar } from './charts.ts';
import { snapRange } from './range.ts';
import { asChartImage } from '../site/charts/plot-svg.ts';
import type { TableColumn } from './tables.ts';

/** Row of the explorer's table, as queries.ts `rowsQuery` selects it. */
export type MessageRow = Record<string, string | number | boolean | null>;


/** The chart's `<svg>` of a Plot result: a `<figure>` when Plot adds a legend, whose swatches are small `<svg>`s of their own. */
const svgOf = (node: Element) => (node.tagName.toLowerCase() === 'svg' ? node : node.querySelector(':scope > svg')!);

/**
 * Draws a bar chart of `bars` into `box` (emptied when there are none, with
 * `empty` said instead); a click on a bar calls `choose` with its value.
 * `boxWidth` is measured by the caller before anything is redrawn: reading
 * it between redraws would lay the page out again each time.
 */
export function drawBars(box: HTMLElement, boxWidth: number, kind: BarKind, bars: readonly Bar[], total: number, title: string, empty: string, choose: (value: string) => void): void {
  const width = Math.max(280, Math.min(boxWidth || 420, 560));
  const options = barChartOptions(kind, bars, total, width);
  if (!options) {
    const p = document.createElement('p');
    p.className = 'note';
    p.textContent = empty;
    box.replaceChildren(p);
    return;
  }
  const node = Plot.plot(options) as Element;
  const svg = svgOf(node);
  const rects = [...svg.querySelectorAll('g[aria-label="bar"] rect')];
  rects.forEach((r, i) => r.setAttribute('data-value', bars[i]!.value));
  asChartImage(svg, `${title}: ${bars.slice(0, 8).map((b) => `${b.label} ${b.n.toLocaleString('en-US')}`).join(', ')}`);
  node.addEventListener('click', (event) => {
    const value = (event.target as Element).closest('rect[data-value]')?.getAttribute('data-value');
    if (value) choose(value);
  });
  box.replaceChildren(node);
}

/** What the timeline reports back: a range brushed (pointer drag) or a bucket clicked, already snapped to whole buckets. */
export type RangeChosen = (range: { from: string; to: string }) => void;

/**
 * Draws the timeline (every bucket of the crisis under the other filters)
 * into `box`, the chosen range [from, to) shaded on it. Dragging across it
 * brushes a range; a click takes one bucket. The From/To inputs are the
 * keyboard's way to the same range.
 */
export function drawTimeline(box: HTMLElement, boxWidth: number, bars: readonly TimelineBar[], bucketMs: number, range: { from?: string; to?: string }, zone: string, describe: string, chosen: RangeChosen, noun = 'Messages'): void {
  const width = Math.max(300, Math.min(boxWidth || 900, 1200));
  const node = Plot.plot(timelineOptions(bars, bucketMs, width, zone, noun)) as Element;
  const svg = svgOf(node) as SVGSVGElement;
  asChartImage(svg, describe);
  const x = (node as unknown as Plot.Plot).scale('x')!;
  const [left, right] = (x.range as [number, number]) ?? [44, width - 20];
  // The shade spans the plot's frame: the y scale's range, [bottom, top] in px.
  const [bottom, top] = ((node as unknown as Plot.Plot).scale('y')?.range as [number, number] | undefined) ?? [TIMELINE_HEIGHT - 36, 20];
  const shade = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  shade.setAttribute('class', 'explorer-brush');
  shade.setAttribute('y', String(top));
  shade.setAttribute('height', String(bottom - top));
  const place = (a: number, b: number) => {
    const x1 = Math.max(left, Math.min(a, b));
    const x2 = Math.min(right, Math.max(a, b));
    shade.setAttribute('x', String(x1));
    shade.setAttribute('width', String(Math.max(0, x2 - x1)));
  };
  if (range.from || range.to) {
    place(range.from ? (x.apply(new Date(range.from)) as number) : left, range.to ? (x.apply(new Date(range.to)) as number) : right);
  } else shade.setAttribute('width', '0');
  svg.append(shade);
  // The SVG may be drawn narrower than its width (max-width: 100%): pointer positions are scaled back.
  const at = (event: PointerEvent) => {
    const r = svg.getBoundingClientRect();
    return Math.max(left, Math.min(right, ((event.clientX - r.left) * width) / (r.width || width)));
  };
  const instant = (px: number) => (x.invert!(px) as Date).getTime();
  let start: number | null = null;
  svg.addEventListener('pointerdown', (event) => {
    start = at(event);
    svg.setPointerCapture(event.pointerId);
    place(start, start);
    event.preventDefault();
  });
  svg.addEventListener('pointermove', (event) => {
    if (start !== null) place(start, at(event));
  });
  const finish = (event: PointerEvent) => {
    if (start === null) return;
    const end = at(event);
    const a = instant(start);
    // A click (under 4 px of movement) takes the bucket under the pointer.
    chosen(snapRange(a, Math.abs(end - start) < 4 ? a : instant(end), bucketMs));
    start = null;
  };
  svg.addEventListener('pointerup', finish);
  svg.addEventListener('pointercancel', () => (start = null));
  box.replaceChildren(node);
}

/**
 * Fills the table body with one page of rows, a cell per column drawn
 * (explorer-page.ts leaves out the columns no row has a value in); `text`
 * writes a cell, '' for no value. The row's text has the classes `msg-text`
 * and `lead`; every other cell with a value carries its column's heading as
 * `data-label`: on a phone the table is a stack of cards (`stack` in
 * site.css), the text first, then "Label: value" lines, empty cells left out.
 */
export function drawTable(body: HTMLTableSectionElement, rows: readonly MessageRow[], columns: readonly TableColumn[], text: (row: MessageRow, cell: TableColumn['cell']) => string): void {
  body.replaceChildren(
    ...rows.map((r) => {
      const tr = document.createElement('tr');
      for (const c of columns) {
        const td = document.createElement('td');
        td.textContent = text(r, c.cell);
        if (c.cell === 'text') td.className = 'msg-text lead';
        else {
          if (c.cell === 'time') td.className = 'due';
          // An empty cell stays empty: site.css draws its dash on a wide screen, and a card leaves it out.
          if (td.textContent) td.dataset.label = c.head;
        }
        tr.append(td);
      }
      return tr;
    }),
  );
}

/** Sets the table's headings: one per column of the table explored. */
export function drawHead(row: HTMLTableRowElement, columns: readonly TableColumn[]): void {
  row.replaceChildren(
    ...columns.map((c) => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = c.head;
      return th;
    }),
  );
}

/** Fills a filter's select: "All", then each value with its count; the chosen value stays listed (with 0) when nothing has it any more. */
export function fillSelect(select: HTMLSelectElement, options: readonly { value: string; n: number }[], current: string | undefined, label: (value: string) => string): void {
  select.replaceChildren(new Option('All', ''));
  for (const o of options) select.add(new Option(`${label(o.value)} (${o.n.toLocaleString('en-US')})`, o.value));
  if (current && !options.some((o) => o.value === current)) select.add(new Option(`${label(current)} (0)`, current));
  select.value = current ?? '';
}

/**
 * Fills the segment select: one group per breakdown (its field), each
 * segment with its count. An option's value is `[field, value]` as JSON, so
 * any field or value text round-trips.
 */
export function fillSegments(select: HTMLSelectElement, groups: readonly { field: string; options: readonly { value: string; n: number }[] }[], current: { field?: string; value?: string }): void {
  select.replaceChildren(new Option('All', ''));
  const chosen = current.field !== undefined && current.value !== undefined ? JSON.stringify([current.field, current.value]) : '';
  for (const g of groups) {
    const group = document.createElement('optgroup');
    group.label = g.field;
    for (const o of g.options) group.append(new Option(`${o.value} (${o.n.toLocaleString('en-US')})`, JSON.stringify([g.field, o.value])));
    if (current.field === g.field && current.value !== undefined && !g.options.some((o) => o.value === current.value)) group.append(new Option(`${current.value} (0)`, chosen));
    select.append(group);
  }
  select.value = chosen;
}
