/**
 * The home page's portfolio: every crisis on one row, so a leader can scan
 * them all at once — dates, size, severity, response, top fault and where
 * the post-incident review stands. Pure: it reads bundles' reports and
 * notebooks' frontmatter, never an export.
 *
 * Each bundle gives one row of figures (reading nested report.json is not a
 * table operation); the portfolio is then built with Arquero verbs: action
 * items counted per crisis (groupby, rollup), reviews and counts joined to
 * the crises (join_left), size and defaults derived (derive), newest first
 * (orderby). Formatting happens last, on the ordered rows.
 */
import { desc, from, op, table } from 'arquero';
import { csvCell } from '../analysis/report/messages-csv.ts';
import type { ReportModel } from '../analysis/report/report-model.ts';
import { actionItemView } from './action-items.ts';
import type { LoadedCrisis } from './crises.ts';
import { faultsView, topFault } from './faults.ts';
import { formatDateRange, formatDateTime, formatNumber, formatZonedDate, plural } from './format.ts';
import { formatKpi, kpi, mainEpisode } from './kpis.ts';
import type { NotebookMeta } from './notebook-meta.ts';

/** What each column means, as the page states it. */
export const PORTFOLIO_DEFINITIONS = {
  order: 'Newest first: by the last day of each crisis’s data, then by name.',
  dates: 'The span the data covers, in the crisis’s own time zone (labelled).',
  size: 'Messages loaded (posts, replies, comments); for a crisis of tickets or complaints only, cases.',
  severity:
    'How far the main surge rose above normal: its busiest bucket’s volume ÷ the baseline, the volume expected then from the time before it (the timeline’s peak multiple). Not measurable when there was too little history before the surge to know what normal was, or when no surge stood out.',
  response: 'Median time to the brand’s first response: per conversation (first customer message to first brand message after it) when the crisis has messages, else per case (opening to first response).',
  topFault: 'The product fault shown by the most records (a candidate fault when no configured fault was found), as N of M records in scope for fault classification.',
  status: 'The post-incident review’s status (draft or final) and its action items still open; past due once the due day has passed in the crisis’s zone by the build date.',
} as const;

/** A figure as the portfolio shows it: `text` is "not measurable" when `notMeasurable` gives the reason (never 0). */
export interface PortfolioFigure {
  value: number | null;
  text: string;
  /** Context under the value (`84 cases per day at peak, 5 Apr 2019 EDT`). */
  note?: string;
  notMeasurable?: string;
}

/** One crisis of the portfolio. */
export interface PortfolioRow {
  slug: string;
  title: string;
  zone: string;
  start: string | null;
  end: string | null;
  /** `7–17 Oct 2024 EDT`. */
  dates: string;
  /** Messages, or cases when the crisis has no messages; `note` names the other count when there are both. */
  size: PortfolioFigure & { unit: 'messages' | 'cases' };
  /** The main surge's peak multiple of baseline. */
  severity: PortfolioFigure;
  /** Median first response in seconds, of conversations or of cases. */
  response: PortfolioFigure & { basis: 'conversations' | 'cases' };
  /** The top fault's records; `text` its label, `note` "N of M …". */
  topFault: PortfolioFigure & { label: string | null; of: number | null; candidate: boolean };
  /** The crisis's notebook, when it has one: review status and action items (open, and open past due). */
  review: { status: NotebookMeta['status']; actions: number; open: number; pastDue: number } | null;
}

const BUCKET_WORDS: Record<string, string> = { '5m': '5 min', '15m': '15 min', '1h': 'hour', '3h': '3 h', '6h': '6 h', '1d': 'day', '1w': 'week' };
const NOT_MEASURABLE = 'not measurable';

/** The main surge's peak multiple, with the peak's volume and time as context. */
function severityOf(r: ReportModel): PortfolioFigure {
  const t = r.sections.timeline;
  if (!t) return { value: null, text: NOT_MEASURABLE, notMeasurable: 'the report has no timeline' };
  const e = mainEpisode(r);
  if (!e) return { value: null, text: NOT_MEASURABLE, notMeasurable: 'no surge: volume stayed within its normal band' };
  const unit = t.detection.series === 'inbound' ? 'customer messages' : t.source;
  const bucket = BUCKET_WORDS[t.bucket.id] ?? t.bucket.id;
  // A peak bucket of a day or a week is a date (a week by its first day); a shorter one has a clock time.
  const at = t.bucket.id === '1w' ? `week of ${formatZonedDate(e.peak.at, t.timezone)}` : t.bucket.id === '1d' ? formatZonedDate(e.peak.at, t.timezone) : formatDateTime(e.peak.at, t.timezone);
  const note = `peak ${formatNumber(e.peak.volume)} ${unit} per ${bucket}, ${at}`;
  if (e.peak.multiple === null) return { value: null, text: NOT_MEASURABLE, note, notMeasurable: e.peak.multipleNotMeasurable ?? 'no baseline yet' };
  return { value: e.peak.multiple, text: formatKpi(e.peak.multiple, 'multiple'), note };
}

/** Median first response: conversations when the crisis has messages, else cases. */
function responseOf(r: ReportModel): PortfolioRow['response'] {
  const basis = r.counts.messages > 0 ? 'conversations' : 'cases';
  const k = kpi(r, basis === 'conversations' ? 'response.conversationFirstResponse.median' : 'response.cases.firstResponse.median');
  const value = typeof k.value === 'number' ? k.value : null;
  if (value !== null) {
    const n = basis === 'conversations' ? r.sections.response?.conversations?.time.n : r.sections.response?.cases?.firstResponse?.n;
    return { basis, value, text: k.text, note: n ? `median of ${plural(n, basis === 'conversations' ? 'answered conversation' : 'case with a first response', basis === 'conversations' ? 'answered conversations' : 'cases with a first response')}` : undefined };
  }
  // The KPI names the report's reason; where report.json gives none, say what is missing.
  const reason =
    k.notMeasurable ??
    (!r.sections.response
      ? 'the report has no response section'
      : basis === 'conversations' && r.counts.brandMessages === 0
        ? 'the export contains no brand messages'
        : basis === 'conversations'
          ? 'no conversation got a brand message after its first customer message'
          : 'no case has a first response');
  return { basis, value: null, text: NOT_MEASURABLE, notMeasurable: reason };
}

/** The top product fault (else candidate), as N of M records in scope. */
function topFaultOf(r: ReportModel): PortfolioRow['topFault'] {
  const view = faultsView(r);
  if (!view) return { value: null, text: NOT_MEASURABLE, label: null, of: null, candidate: false, notMeasurable: 'the report has no faults section (no fault taxonomy, fault column or candidate faults)' };
  const top = topFault(view);
  const unit = view.unit;
  const of = view.considered > 0 ? view.considered : null;
  if (!top) {
    if (of === null) return { value: null, text: NOT_MEASURABLE, label: null, of: null, candidate: false, notMeasurable: `no ${unit} were in scope for fault classification` };
    return { value: null, text: 'none found', label: null, of, candidate: false, note: `no product fault in the ${formatNumber(of)} ${unit} in scope` };
  }
  // Candidates are found among messages no configured fault covers: the taxonomy's scope is not their "M".
  const note = top.candidate || of === null ? `${formatNumber(top.count)} ${unit}, candidate fault (not in the taxonomy)` : `${formatNumber(top.count)} of ${formatNumber(of)} ${unit} in scope`;
  return { value: top.count, text: top.label, label: top.label, of: top.candidate ? null : of, candidate: top.candidate, note };
}

/** One crisis's figures as flat columns: what the Arquero table holds. */
function figuresOf(c: LoadedCrisis, order: number) {
  const r = c.report;
  return {
    slug: c.slug,
    order,
    title: r.crisis.title,
    zone: r.crisis.timezone,
    start: r.crisis.window.start ?? null,
    end: r.crisis.window.end ?? null,
    messages: r.counts.messages,
    cases: r.counts.cases,
    severity: severityOf(r),
    response: responseOf(r),
    topFault: topFaultOf(r),
  };
}

/**
 * Every crisis, newest first (by the end of its data, then slug). `reviews`
 * are the notebooks' frontmatter (a crisis has at most one); `buildTime` (ms,
 * node/build-date.ts) decides which open items are past due.
 */
export function portfolio(crises: readonly LoadedCrisis[], reviews: readonly NotebookMeta[], buildTime: number): PortfolioRow[] {
  if (!crises.length) return [];
  const zones = Object.fromEntries(crises.map((c) => [c.slug, c.report.crisis.timezone]));
  const known = reviews.filter((n) => n.crisis in zones);
  const items = known.flatMap((n) => n.actions.map((a) => ({ slug: n.crisis, open: a.status === 'open' ? 1 : 0, pastDue: actionItemView(a, zones[n.crisis]!, buildTime).pastDue ? 1 : 0 })));
  const counts = table({ slug: items.map((i) => i.slug), open: items.map((i) => i.open), pastDue: items.map((i) => i.pastDue) })
    .groupby('slug')
    .rollup({ actions: op.count(), open: op.sum('open'), pastDue: op.sum('pastDue') });
  const status = table({ slug: known.map((n) => n.crisis), reviewStatus: known.map((n) => n.status) });
  const rows = from(crises.map(figuresOf))
    .join_left(status, 'slug')
    .join_left(counts, 'slug')
    .derive({
      unit: 'd => d.messages > 0 ? "messages" : "cases"',
      size: 'd => d.messages > 0 ? d.messages : d.cases',
      // A review without action items has none open: 0 is measured there. No review: nothing to count.
      actions: 'd => d.reviewStatus == null ? null : d.actions ?? 0',
      open: 'd => d.reviewStatus == null ? null : d.open ?? 0',
      pastDue: 'd => d.reviewStatus == null ? null : d.pastDue ?? 0',
    } as never)
    .orderby(desc('end'), 'slug', 'order')
    .objects() as (ReturnType<typeof figuresOf> & { unit: 'messages' | 'cases'; size: number; reviewStatus: NotebookMeta['status'] | null | undefined; actions: number | null; open: number | null; pastDue: number | null })[];
  return rows.map((d) => ({
    slug: d.slug,
    title: d.title,
    zone: d.zone,
    start: d.start,
    end: d.end,
    dates: formatDateRange(d.start, d.end, d.zone),
    size: { unit: d.unit, value: d.size, text: `${formatNumber(d.size)} ${d.unit}`, note: d.messages > 0 && d.cases > 0 ? `and ${plural(d.cases, 'case')}` : undefined },
    severity: d.severity,
    response: d.response,
    topFault: d.topFault,
    review: d.reviewStatus ? { status: d.reviewStatus, actions: d.actions ?? 0, open: d.open ?? 0, pastDue: d.pastDue ?? 0 } : null,
  }));
}

/** "2 of 5 open · 1 past due", "all 3 done", "no action items": the status column's text. */
export function actionsText(review: NonNullable<PortfolioRow['review']>): string {
  if (!review.actions) return 'no action items';
  if (!review.open) return review.actions === 1 ? 'its action item done' : `all ${formatNumber(review.actions)} action items done`;
  return `${formatNumber(review.open)} of ${plural(review.actions, 'action item')} open${review.pastDue ? ` · ${formatNumber(review.pastDue)} past due` : ''}`;
}

/** `portfolio.csv`: one row per crisis in the page's order, raw values with reasons beside the nulls (to sort in a spreadsheet). */
export function portfolioCsv(rows: readonly PortfolioRow[]): string {
  const header = ['crisis', 'title', 'timezone', 'start', 'end', 'size', 'size_unit', 'severity_peak_multiple', 'severity_note', 'severity_not_measurable', 'response_basis', 'response_median_s', 'response_not_measurable', 'top_fault', 'top_fault_records', 'top_fault_in_scope', 'top_fault_candidate', 'top_fault_not_measurable', 'review_status', 'action_items', 'open_action_items', 'past_due_action_items'];
  const lines = rows.map((r) =>
    [r.slug, r.title, r.zone, r.start, r.end, r.size.value, r.size.unit, r.severity.value, r.severity.note, r.severity.notMeasurable, r.response.basis, r.response.value, r.response.notMeasurable, r.topFault.label, r.topFault.value, r.topFault.of, r.topFault.label ? r.topFault.candidate : null, r.topFault.notMeasurable, r.review?.status, r.review?.actions, r.review?.open, r.review?.pastDue]
      .map(csvCell)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\n')}\n`;
}
