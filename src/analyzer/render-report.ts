/**
 * Draws an {@link AnalysisView} into the `/analyze/` page with the static
 * pages' markup and classes (KpiTiles, ChartFigure, Ledger, LedgerAlerts),
 * charts by Observable Plot in the browser from the same specs. Every text
 * from the data is set with textContent or as an attribute value, never
 * parsed as HTML: an export is untrusted.
 */
import * as Plot from '@observablehq/plot';
import type { LedgerAlert } from '../analysis/ingest/ledger.ts';
import { rampSteps, swatchClass, swatchStyle } from '../site/charts/legend.ts';
import { NARROW_WIDTH } from '../site/charts/narrow.ts';
import { asChartImage, CHART_DEFAULTS } from '../site/charts/plot-svg.ts';
import type { ChartSpec } from '../site/charts/render.ts';
import { formatNumber } from '../site/format.ts';
import { slugify } from '../site/paths.ts';
import type { AnalysisView } from './report-view.ts';

/** Plot options every chart starts from: site/charts/render.ts's defaults. */

type Child = Node | string | null | undefined | false;

/** An element with attributes and children; strings become text nodes. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

/** The report, replacing what `root` held. */
export function renderReport(root: HTMLElement, view: AnalysisView, warnings: readonly LedgerAlert[]): void {
  const head = el('header', { class: 'page-head' }, el('h2', { id: 'analysis-title' }, view.title), el('p', {}, view.subtitle));
  const headline = view.headline ? el('p', { class: 'headline', 'data-headline': '' }, view.headline) : null;
  const grid = el('div', { class: 'grid' }, ...view.charts.map((c, i) => el('section', { class: i === 0 ? 'block wide' : 'block' }, chartFigure(c))), el('section', { class: 'block wide' }, ledger(view)));
  root.replaceChildren(head, headline ?? '', alerts(warnings), kpiTiles(view), grid);
  if (!view.charts.length) root.append(el('p', { class: 'empty' }, 'No analysis results to chart: only the data ledger is shown.'));
}

function alerts(list: readonly LedgerAlert[]): Node | string {
  if (!list.length) return '';
  return el('div', { class: 'ledger-alerts' }, ...list.map((a) => el('p', { class: `ledger-alert ${a.level}`, role: 'status' }, el('strong', {}, 'Most of a source was rejected:'), ` ${a.message}`)));
}

function kpiTiles(view: AnalysisView): Node | string {
  if (!view.kpis.length) return '';
  return el(
    'ul',
    { class: 'kpis', 'aria-label': 'Key figures' },
    ...view.kpis.map((k) => {
      const id = `kpi-analysis-${slugify(k.name)}`;
      return el(
        'li',
        { class: 'kpi', tabindex: '0', 'aria-describedby': `${id}-def`, 'data-kpi': k.name },
        el('span', { class: 'kpi-value', 'data-kpi-value': '' }, k.text),
        el('span', { class: 'kpi-label' }, k.label, k.note ? `, ${k.note}` : ''),
        el('span', { class: 'kpi-tip', role: 'tooltip', id: `${id}-def` }, k.definition),
      );
    }),
  );
}

/** A chart as ChartFigure.astro lays it out: title, legend, desktop and phone drawings, caption. */
function chartFigure(spec: ChartSpec): HTMLElement {
  const captionId = `cap-analysis-${spec.id}`;
  const legend = spec.legend?.length
    ? el(
        'ul',
        { class: 'legend', 'aria-label': 'Legend' },
        ...spec.legend.map((l) => {
          if (l.shape === 'ramp') {
            const ramp = el('span', { class: 'ramp', 'aria-hidden': 'true' }, ...rampSteps(l).map((style) => el('i', { style })));
            return el('li', { class: 'legend-ramp' }, l.label, el('span', { class: 'ramp-end' }, l.ends?.[0] ?? ''), ramp, el('span', { class: 'ramp-end' }, l.ends?.[1] ?? ''));
          }
          const swatch = el('i', { style: swatchStyle(l) });
          const cls = swatchClass(l);
          if (cls) swatch.className = cls;
          return el('li', {}, swatch, l.label);
        }),
      )
    : null;
  return el(
    'figure',
    { class: 'chart', 'aria-describedby': captionId, 'data-chart': spec.id },
    el('h3', { class: 'chart-title' }, spec.title),
    legend,
    el('div', { class: 'chart-full' }, drawChart(spec, { ...CHART_DEFAULTS, ...spec.plot })),
    el('div', { class: 'chart-narrow' }, drawChart(spec, { ...CHART_DEFAULTS, ...spec.plot, width: NARROW_WIDTH, ...spec.narrow })),
    el('figcaption', { id: captionId }, spec.caption),
  );
}

/** The chart's SVG with role, label, title and description, as render.ts gives the static pages'. */
function drawChart(spec: ChartSpec, options: Plot.PlotOptions): Element {
  const node = Plot.plot(options) as Element;
  const svg = node.tagName.toLowerCase() === 'svg' ? node : node.querySelector('svg');
  if (!svg) throw new Error(`chart ${spec.id}: Plot produced no SVG`);
  asChartImage(svg, spec.title, spec.summary);
  return node;
}

/** The data ledger as Ledger.astro writes it: totals, rejections by reason, per file, examples, assumptions. */
function ledger(view: AnalysisView): HTMLElement {
  const { totals, sources } = view.ledger;
  const n = (v: number) => el('strong', {}, formatNumber(v));
  const section = el(
    'section',
    { class: 'ledger', 'aria-labelledby': 'ledger-h' },
    el('h3', { id: 'ledger-h' }, 'Data ledger'),
    el('p', { 'data-ledger-totals': '' }, n(totals.read), ` records read from ${sources.length} file${sources.length === 1 ? '' : 's'}: `, n(totals.loaded), ' loaded, ', n(totals.rejected), ' rejected, ', n(totals.superseded), ' superseded by a later version, ', n(totals.duplicates), ' duplicates.'),
  );
  const reasons = Object.entries(totals.rejectedByReason).sort((a, b) => b[1] - a[1]);
  if (reasons.length) {
    section.append(
      el(
        'table',
        {},
        el('caption', { class: 'skip' }, 'Rejected records by reason'),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Rejected because'), el('th', { scope: 'col', class: 'num' }, 'Records'))),
        el('tbody', {}, ...reasons.map(([reason, count]) => el('tr', {}, el('td', {}, reason), el('td', { class: 'num' }, formatNumber(count))))),
      ),
    );
  }
  const head = ['File', 'Format', 'Table', 'Read', 'Loaded', 'Rejected', 'Superseded', 'Duplicates'];
  section.append(
    el(
      'div',
      { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Ledger per file' },
      el(
        'table',
        {},
        el('caption', {}, 'Per file'),
        el('thead', {}, el('tr', {}, ...head.map((h, i) => el('th', i > 2 ? { scope: 'col', class: 'num' } : { scope: 'col' }, h)))),
        el(
          'tbody',
          {},
          ...sources.map((s) =>
            el('tr', { 'data-source': s.file }, el('td', {}, el('code', {}, s.file)), el('td', {}, s.format), el('td', {}, s.table), ...[s.read, s.loaded, s.rejected, s.superseded, s.duplicates].map((v) => el('td', { class: 'num' }, formatNumber(v)))),
          ),
        ),
      ),
    ),
  );
  const examples = sources.flatMap((s) => [
    ...Object.entries(s.rejectedByReason).map(([key, bucket]) => ({ kind: 'Rejected', key, bucket, file: s.file })),
    ...Object.entries(s.warnings).map(([key, bucket]) => ({ kind: 'Left empty', key, bucket, file: s.file })),
  ]);
  if (examples.length) {
    section.append(
      el(
        'details',
        {},
        el('summary', {}, 'Examples of rejected records and warnings'),
        ...examples.flatMap(({ kind, key, bucket, file }) => [
          el('p', { class: 'muted' }, `${kind}: ${key} — ${formatNumber(bucket.count)} in `, el('code', {}, file), bucket.examples.length < bucket.count ? `; the first ${formatNumber(bucket.examples.length)} shown` : ''),
          el('ul', { class: 'ledger-examples' }, ...bucket.examples.map((e) => el('li', {}, el('code', {}, e.at), ' ', e.detail ? el('em', {}, e.detail) : '', ' ', el('span', { class: 'mono' }, e.text)))),
        ]),
      ),
    );
  }
  if (view.assumptions.length) section.append(el('p', { class: 'muted ledger-assumptions-head' }, 'Assumptions'), el('ul', { class: 'ledger-examples' }, ...view.assumptions.map((a) => el('li', {}, a))));
  return section;
}
