/**
 * The built-in charts of a crisis as specs, from its report: pure (nothing
 * drawn), so the static pages (crisis-view.ts renders them to SVG) and
 * `/analyze/` in the browser (which draws them with Plot) take the same ones.
 */
import type { ReportModel } from '../analysis/report/report-model.ts';
import type { ChartSpec } from './charts/render.ts';
import { caseCategoriesChart, coverageChart, responseBandsChart } from './charts/response-charts.ts';
import { backlogChart, sentimentChart, timelineChart } from './charts/timeline-charts.ts';
import { faultParetoChart, themesChart } from './charts/topic-charts.ts';
import { openCasesChart } from './charts/tickets-charts.ts';
import type { FaultsView } from './faults.ts';

/** Built-in chart names, as `<Chart name="…" />` takes them. */
export const CHART_NAMES = ['timeline', 'sentiment', 'first-response', 'coverage', 'themes', 'faults', 'case-categories', 'backlog', 'open-cases'] as const;
export type ChartName = (typeof CHART_NAMES)[number];

/** Each built-in chart's spec, or null where the report lacks its data; `faults` is the report's faults view (site/faults.ts). */
export function chartSpecs(report: ReportModel, faults: FaultsView | null): Record<ChartName, ChartSpec | null> {
  const s = report.sections;
  return {
    timeline: s.timeline ? timelineChart(s.timeline, { events: report.crisis.events ?? [] }) : null,
    sentiment: s.timeline ? sentimentChart(s.timeline) : null,
    'first-response': s.response ? responseBandsChart(s.response, report.counts.brandMessages) : null,
    coverage: s.coverage ? coverageChart(s.coverage) : null,
    themes: s.themes ? themesChart(s.themes) : null,
    faults: faults ? faultParetoChart(faults) : null,
    'case-categories': s.response?.cases ? caseCategoriesChart(s.response.cases) : null,
    backlog: s.coverage ? backlogChart(s.coverage) : null,
    'open-cases': s.tickets ? openCasesChart(s.tickets) : null,
  };
}
