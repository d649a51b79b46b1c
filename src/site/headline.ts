/**
 * The summary's headline: one sentence that tells the crisis — when the
 * surge began, how big it got and how fast, how fast and how well the brand
 * answered, the top cause, and where it stands when the data ends. Built from
 * report.json only; a clause whose figure the data cannot support is left
 * out rather than shown as "not measurable" (the tiles below say why).
 */
import { incidentDurations } from '../analysis/crisis/incident-durations.ts';
import { mainEpisodeOf } from '../analysis/crisis/notions.ts';
import type { TimelineEpisode, TimelineSection } from '../analysis/crisis/types.ts';
import type { ReportModel } from '../analysis/report/report-model.ts';
import { faultsView, topFault } from './faults.ts';
import { formatDate, formatDateRange, formatDateTime, formatMinutes, formatNumber, formatShare, zoneNote } from './format.ts';

const PER: Record<string, string> = { '5m': 'per 5 minutes', '15m': 'per 15 minutes', '1h': 'an hour', '3h': 'per 3 hours', '6h': 'per 6 hours', '1d': 'a day', '1w': 'a week' };

/** The summary's sub-heading: the crisis's dates, its volume (messages, else cases) and the time zone its times are in. */
export function crisisSubtitle(report: ReportModel): string {
  const { window: w, timezone } = report.crisis;
  const volume = report.counts.messages ? `${formatNumber(report.counts.messages)} messages` : `${formatNumber(report.counts.cases)} cases`;
  return `${formatDateRange(w.start, w.end, timezone)} · ${volume} · times in ${zoneNote(timezone, w.start, w.end)}`;
}

/** The headline sentence of a crisis; null when the report has nothing to tell (no records). */
export function headlineSentence(report: ReportModel): string | null {
  const t = report.sections.timeline;
  const main = mainEpisodeOf(t);
  const records = report.counts.messages || report.counts.cases;
  if (!records) return null;
  const clauses = [surgeClause(report, t, main), responseClause(report, main), mitigationClause(report), causeClause(report), stateClause(report, t, main)].filter((c): c is string => !!c);
  const sentence = clauses.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

/** What was counted: customer messages, or cases when the crisis has only cases. */
function unitOf(report: ReportModel, t: TimelineSection | undefined): string {
  if (t?.source === 'cases' || report.counts.messages === 0) return 'new cases';
  return t?.detection.series === 'inbound' || !t ? 'customer messages' : 'messages';
}

/** A time at the resolution of the curve: a date for daily buckets or dates without times, else date and time. */
function when(at: string, t: TimelineSection): string {
  return t.bucket.dateOnly || t.bucket.ms >= 86_400_000 ? formatDate(at, t.timezone) : formatDateTime(at, t.timezone);
}

/** "customer messages surged on 9 Oct 2024, 02:00 EDT and peaked at 292 an hour 12 h later (×21 the usual)". */
function surgeClause(report: ReportModel, t: TimelineSection | undefined, main: TimelineEpisode | undefined): string | null {
  const unit = unitOf(report, t);
  if (!t || !main) {
    const w = report.crisis.window;
    const n = report.counts.messages ? report.counts.inboundMessages || report.counts.messages : report.counts.cases;
    const span = w.start && w.end ? ` from ${formatDate(w.start, report.crisis.timezone)} to ${formatDate(w.end, report.crisis.timezone)}` : '';
    return `${formatNumber(n)} ${unit}${span}${t ? ', with no surge above the normal band' : ''}`;
  }
  const per = PER[t.bucket.id] ?? `per ${t.bucket.id}`;
  const lag = Date.parse(main.peak.at) - Date.parse(main.onset.at);
  const after = lag > 0 ? ` ${formatMinutes(lag / 60_000)} after onset` : ' at onset';
  const multiple = main.peak.multiple === null ? '' : ` (×${formatNumber(main.peak.multiple)} the usual)`;
  return `${unit} surged from ${when(main.onset.at, t)} and peaked at ${formatNumber(main.peak.volume)} ${per}${multiple}${after}`;
}

/** How fast and how well the brand answered: first reply to the surge, median response, share answered (cases: on time). */
function responseClause(report: ReportModel, main: TimelineEpisode | undefined): string | null {
  const r = report.sections.response;
  if (report.counts.messages > 0) {
    if (report.counts.brandMessages === 0 || !r?.conversations || r.conversations.responseNotMeasurable) return null;
    const parts: string[] = [];
    const reply = main?.firstBrandReplyToEpisode;
    if (reply) parts.push(`the brand first replied to the surge ${formatMinutes(reply.minutesAfterOnset)} after onset`);
    const median = r.conversations.time.medianSeconds;
    if (median !== null) parts.push(`${parts.length ? 'answered' : 'the brand answered'} conversations in a median ${formatMinutes(median / 60)}`);
    if (r.conversations.responseRate !== null && r.conversations.responseRate !== undefined) parts.push(`${formatShare(r.conversations.responseRate)} of conversations got a reply`);
    return parts.length ? joinAnd(parts) : null;
  }
  const cases = r?.cases;
  if (!cases) return null;
  const parts: string[] = [];
  if (cases.firstResponse && !cases.firstResponseNotMeasurable && cases.firstResponse.medianSeconds !== null) parts.push(`cases got a first response in a median ${formatMinutes(cases.firstResponse.medianSeconds / 60)}`);
  if (cases.timely && cases.timely.share !== null && !cases.timelyNotMeasurable) parts.push(`${formatShare(cases.timely.share)} of cases were answered on time (by the export's own flag)`);
  return parts.length ? joinAnd(parts) : null;
}

/** "Rollout paused 10.3 h after onset": the first mitigation (crisis.yaml `events:`), when it can be timed. */
function mitigationClause(report: ReportModel): string | null {
  const d = incidentDurations(report.crisis.events ?? [], report.sections.timeline).durations.find((x) => x.key === 'mitigate');
  if (!d?.end || d.minutes === null) return null;
  return `${d.end.label.charAt(0).toLowerCase()}${d.end.label.slice(1)} ${d.minutes > 0 ? `${formatMinutes(d.minutes)} after onset` : 'at onset'}`;
}

/** "top cause: Locked out / lock won't open (42% of classified messages)". */
function causeClause(report: ReportModel): string | null {
  const view = faultsView(report);
  const top = topFault(view);
  if (!view || !top) return null;
  const share = !top.candidate && top.share > 0 ? ` (in ${formatShare(top.share)} of the records with a product fault)` : ` (${formatNumber(top.count)} ${view.unit === 'cases' ? 'cases' : 'messages'})`;
  return `top cause: ${top.label}${share}`;
}

/** Where it stands when the data ends: back to normal, a new level, or still surging. */
function stateClause(report: ReportModel, t: TimelineSection | undefined, main: TimelineEpisode | undefined): string | null {
  if (!t || !main) return null;
  const last = t.episodes.reduce<TimelineEpisode | undefined>((a, e) => (!a || e.index > a.index ? e : a), undefined)!;
  const end = formatDate(t.domain.end, t.timezone);
  const mainState = main.ongoing
    ? `volume was still above normal when the data ends (${end})`
    : main.levelShift
      ? `volume settled at a new, higher level`
      : main.containment
        ? `volume was back to normal by ${formatDate(main.containment.at, t.timezone)}`
        : null;
  if (last.index === main.index || !mainState) return mainState;
  if (last.ongoing) return `${mainState}, but another surge was under way when the data ends (${end})`;
  const later = t.episodes.filter((e) => e.index > main.index).length;
  return `${mainState}; ${later === 1 ? 'a smaller surge followed' : `${later} smaller surges followed`}, the last over by ${formatDate(last.containment?.at ?? t.domain.end, t.timezone)}`;
}

function joinAnd(parts: string[]): string {
  return parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
