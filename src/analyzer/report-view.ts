/**
 * What `/analyze/` shows of a finished analysis, from the shared report
 * (report.json as the bundle holds it, privacy applied): the summary page's
 * pieces that are pure — its headline sentence, headline KPIs
 * (site/kpis.ts), and the chart specs of the volume curve, sentiment, top
 * themes and faults (site/charts/*, site/chart-specs.ts, as the static pages take them) —
 * plus the ledger. Drawing them is render-report.ts's job. Pure.
 */
import type { Ledger } from '../analysis/ingest/ledger.ts';
import type { ReportModel } from '../analysis/report/report-model.ts';
import type { ChartSpec } from '../site/charts/render.ts';
import { chartSpecs } from '../site/chart-specs.ts';
import { faultsView } from '../site/faults.ts';
import { crisisSubtitle, headlineSentence } from '../site/headline.ts';
import { headlineKpis, type KpiValue } from '../site/kpis.ts';

/** One analysed crisis as the page shows it. */
export interface AnalysisView {
  slug: string;
  title: string;
  /** Dates, volume and time zone, as the summary's sub-heading says them. */
  subtitle: string;
  headline: string | null;
  kpis: KpiValue[];
  /** Charts the data supports, in page order: volume over time, sentiment, themes, faults. */
  charts: ChartSpec[];
  ledger: Ledger;
  /** crisis.yaml's assumptions and each source's notes (`file: note`), as the summary's ledger lists them. */
  assumptions: string[];
  /** Messages loaded: what `data-analysis-ready` carries. */
  messages: number;
}

/** The view of a shared report. */
export function analysisView(report: ReportModel): AnalysisView {
  const { crisis, counts } = report;
  const specs = chartSpecs(report, faultsView(report));
  return {
    slug: crisis.slug,
    title: crisis.title,
    subtitle: crisisSubtitle(report),
    headline: headlineSentence(report),
    kpis: headlineKpis(report),
    charts: [specs.timeline, specs.sentiment, specs.themes, specs.faults].filter((c): c is ChartSpec => c !== null),
    ledger: report.ledger,
    assumptions: [...crisis.assumptions, ...report.ledger.sources.flatMap((src) => src.notes.map((n) => `${src.file}: ${n}`))],
    messages: counts.messages,
  };
}
