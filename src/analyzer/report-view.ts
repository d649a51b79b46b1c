/**
 * What `/analyze/` shows of a finished analysis, from the shared report
 * (report.json as the bundle holds it, privacy applied): the summary page's
 * pieces that are pure — its headline sentence, headline KPIs
 * (site/kpis.ts), and the chart specs of the volume curve, sentiment, top
 * themes and faults (site/charts/*, the same functions crisis-view.ts calls) —
 * plus the ledger. Drawing them is render-report.ts's job. Pure.
 */
import type { Ledger } from '../analysis/ingest/ledger.ts';
import type { ReportModel } from '../analysis/report/report-model.ts';
import type { ChartSpec } from '../site/charts/render.ts';
import { sentimentChart, timelineChart } from '../site/charts/timeline-charts.ts';
import { faultParetoChart, themesChart } from '../site/charts/topic-charts.ts';
import { faultsView } from '../site/faults.ts';
import { formatDateRange, formatNumber, zoneNote } from '../site/format.ts';
import { headlineSentence } from '../site/headline.ts';
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
  const s = report.sections;
  const { crisis, counts } = report;
  const faults = faultsView(report);
  const specs = [
    s.timeline ? timelineChart(s.timeline, { events: crisis.events ?? [] }) : null,
    s.timeline ? sentimentChart(s.timeline) : null,
    s.themes ? themesChart(s.themes) : null,
    faults ? faultParetoChart(faults) : null,
  ];
  const volume = counts.messages ? `${formatNumber(counts.messages)} messages` : `${formatNumber(counts.cases)} cases`;
  return {
    slug: crisis.slug,
    title: crisis.title,
    subtitle: `${formatDateRange(crisis.window.start, crisis.window.end, crisis.timezone)} · ${volume} · times in ${zoneNote(crisis.timezone, crisis.window.start, crisis.window.end)}`,
    headline: headlineSentence(report),
    kpis: headlineKpis(report),
    charts: specs.filter((c): c is ChartSpec => c !== null),
    ledger: report.ledger,
    assumptions: [...crisis.assumptions, ...report.ledger.sources.flatMap((src) => src.notes.map((n) => `${src.file}: ${n}`))],
    messages: counts.messages,
  };
}
