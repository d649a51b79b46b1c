/**
 * Everything the pages of one crisis show, derived once from its report:
 * the sections present, headline KPIs, faults with examples, and the
 * built-in charts (rendered to SVG). Memoised per crisis: the summary, the
 * notebook and the detail pages share one rendering.
 */
import type { ReportSections } from '../analysis/report/report-model.ts';
import type { LoadedCrisis } from './crises.ts';
import { renderChart, type RenderedChart } from './charts/render.ts';
import { CHART_NAMES, chartSpecs, type ChartName } from './chart-specs.ts';
import { faultsView, topFault, type FaultView, type FaultsView } from './faults.ts';
import { headlineKpis, kpi, type KpiValue } from './kpis.ts';

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
  const specs = chartSpecs(report, faults);
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
