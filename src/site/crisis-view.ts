/**
 * Everything the pages of one crisis show, derived once from its report:
 * the sections present, headline KPIs, faults with examples, and the
 * built-in charts (rendered to SVG). Memoised per crisis: the summary, the
 * notebook and the detail pages share one rendering.
 */
import type { ReportSections } from '../analysis/report/report-model.ts';
import type { LoadedCrisis } from './crises.ts';
import { renderChart, type ChartSpec, type RenderedChart } from './charts/render.ts';
import { caseCategoriesChart, coverageChart, responseBandsChart } from './charts/response-charts.ts';
import { backlogChart, sentimentChart, timelineChart } from './charts/timeline-charts.ts';
import { faultParetoChart, themesChart } from './charts/topic-charts.ts';
import { openCasesChart } from './charts/tickets-charts.ts';
import { faultsView, topFault, type FaultView, type FaultsView } from './faults.ts';
import { headlineKpis, kpi, type KpiValue } from './kpis.ts';

/** Built-in chart names, as `<Chart name="…" />` takes them. */
export const CHART_NAMES = ['timeline', 'sentiment', 'first-response', 'coverage', 'themes', 'faults', 'case-categories', 'backlog', 'open-cases'] as const;
export type ChartName = (typeof CHART_NAMES)[number];

export interface CrisisView {
  crisis: LoadedCrisis;
  slug: string;
  title: string;
  sections: ReportSections;
  kpis: KpiValue[];
  faults: FaultsView | null;
  topFault: FaultView | null;
  /** Built-in charts the data supports, by name. */
  charts: Partial<Record<ChartName, RenderedChart>>;
}

const memo = new WeakMap<LoadedCrisis, CrisisView>();

/** The view of a crisis (computed on first use). */
export function crisisView(crisis: LoadedCrisis): CrisisView {
  const cached = memo.get(crisis);
  if (cached) return cached;
  const { report } = crisis;
  const s = report.sections;
  const faults = faultsView(report);
  const specs: Record<ChartName, ChartSpec | null> = {
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
  const charts: CrisisView['charts'] = {};
  for (const name of CHART_NAMES) {
    const spec = specs[name];
    if (spec) charts[name] = renderChart(spec);
  }
  const view: CrisisView = {
    crisis,
    slug: crisis.slug,
    title: report.crisis.title,
    sections: s,
    kpis: headlineKpis(report),
    faults,
    topFault: topFault(faults),
    charts,
  };
  memo.set(crisis, view);
  return view;
}

/** One KPI of a crisis by name (see kpis.ts). */
export function crisisKpi(crisis: LoadedCrisis, name: string): KpiValue {
  return kpi(crisis.report, name);
}
