/**
 * SVG snapshots of every built-in chart of the golden crises, at desktop and
 * phone width: a change to a chart's marks, scales, labels or accessibility
 * text shows as a diff of tests/snapshots/charts/. When the golden reports
 * change (tests/golden), these change with them: review both, then update
 * with `npx vitest run tests/site/chart-snapshots.test.ts -u`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/analysis/report/report-model.ts';
import { CHART_NAMES, chartSpecs } from '../../src/site/chart-specs.ts';
import { renderChart } from '../../src/site/charts/render.ts';
import { faultsView } from '../../src/site/faults.ts';

const GOLDEN = path.resolve(import.meta.dirname, '../golden');
const crises = readdirSync(GOLDEN).sort();

/** One chart's SVG as a readable file: one element per line, so a diff points at the mark that moved. */
function readable(svg: string): string {
  return `${svg.replace(/></g, '>\n<')}\n`;
}

describe.each(crises)('charts of %s', (slug) => {
  const report = JSON.parse(readFileSync(path.join(GOLDEN, slug, 'report.json'), 'utf8')) as ReportModel;
  const specs = chartSpecs(report, faultsView(report));
  const drawn = CHART_NAMES.filter((name) => specs[name]);

  it('has charts to check', () => {
    // The golden crises exercise most charts; an empty list would make this file check nothing.
    expect(drawn.length).toBeGreaterThanOrEqual(4);
  });

  it.each(drawn)('%s matches its snapshots at desktop and phone width', async (name) => {
    const chart = renderChart(specs[name]!);
    expect(chart.svg).toMatch(/^<svg[^>]*role="img"/);
    await expect(readable(chart.svg)).toMatchFileSnapshot(`../snapshots/charts/${slug}/${name}.svg`);
    await expect(readable(chart.narrowSvg)).toMatchFileSnapshot(`../snapshots/charts/${slug}/${name}.narrow.svg`);
  });
});
