/**
 * Key figures: what a KPI tile, a card on the home page and a notebook's
 * `<Kpi name="…" />` show. A KPI is either a named figure (below) or a
 * dotted path into `report.sections` / the report itself, formatted by the
 * unit its name implies (`…Seconds`, `…Minutes`, `…Share`, `…Rate`).
 */
import { NOTION_DEFINITIONS, mainEpisodeOf } from '../analysis/crisis/notions.ts';
import type { TimelineEpisode } from '../analysis/crisis/types.ts';
import type { ReportModel } from '../analysis/report/report-model.ts';
import { formatMinutes, formatNotMeasurable, formatNumber, formatShare, formatDateTime } from './format.ts';
import { kpiLabel, label } from './labels.ts';
import { sentimentTotals } from './sentiment-table.ts';

export type KpiUnit = 'count' | 'share' | 'seconds' | 'minutes' | 'multiple' | 'time' | 'text';

/** A figure ready to show. `value` null means the data cannot support it. */
export interface KpiValue {
  name: string;
  label: string;
  value: number | string | null;
  unit: KpiUnit;
  /** Formatted value (`42 min`, `37%`, `–` when null). */
  text: string;
  /** What the figure means: shown on hover/focus. */
  definition: string;
  /** Extra context under the value (`×8.2 baseline`); the reason when the figure is not measurable. */
  note?: string;
  /** Why the export cannot support the figure (its `…NotMeasurable` sibling in report.json); `value` is then null and `text` says "not measurable". */
  notMeasurable?: string;
}

/** A named figure; its label is in labels.ts (`KPI_LABELS`), with every other name a page shows. */
interface Named {
  unit: KpiUnit;
  definition: (r: ReportModel) => string;
  value: (r: ReportModel) => number | string | null | undefined;
  note?: (r: ReportModel) => string | undefined;
  /** Why the figure is not measurable, when report.json says so. */
  notMeasurable?: (r: ReportModel) => string | undefined;
}

/** The reason the conversation response figures are not measurable (no brand messages), if they are not. */
const conversationsNotMeasurable = (r: ReportModel) => r.sections.response?.conversations?.responseNotMeasurable;
const firstHopNotMeasurable = (r: ReportModel) => r.sections.response?.firstHop?.responseNotMeasurable;

const def = (section: string, key: string, fallback: string) => (r: ReportModel) => {
  const defs = readPath(r.sections, `${section}.definitions`) as Record<string, string> | undefined;
  return defs?.[key] ?? fallback;
};

/** The main surge (the crisis), as the timeline recorded it. */
export function mainEpisode(r: ReportModel): TimelineEpisode | undefined {
  return mainEpisodeOf(r.sections.timeline);
}

/** Share of customer messages labelled negative: the sentiment section's figure, else the timeline's sentiment counts. */
export function negativeShare(r: ReportModel): number | null {
  const customer = r.sections.sentiment?.customer;
  if (customer) return customer.total ? customer.negativeShare : null;
  const t = r.sections.timeline;
  if (!t?.bySentiment?.counts.negative) return null;
  const totals = sentimentTotals(t);
  return totals?.all ? (totals.byLabel.negative ?? 0) / totals.all : null;
}

const bucketWord: Record<string, string> = { '5m': '5 min', '15m': '15 min', '1h': 'hour', '3h': '3 h', '6h': '6 h', '1d': 'day', '1w': 'week' };

/** Named figures, for tiles and for notebooks (`<Kpi name="messages" />`). */
export const NAMED_KPIS: Record<string, Named> = {
  messages: { unit: 'count', value: (r) => r.counts.messages, definition: () => 'Messages loaded from the exports (posts, replies, comments), after rejected rows, superseded versions and duplicates were set aside.' },
  cases: { unit: 'count', value: (r) => r.counts.cases, definition: () => 'Tickets or complaints loaded from the exports.' },
  customerMessages: { unit: 'count', value: (r) => r.counts.inboundMessages, definition: () => NOTION_DEFINITIONS.customerMessage },
  authors: { unit: 'count', value: (r) => r.counts.authors, definition: () => NOTION_DEFINITIONS.author },
  conversations: { unit: 'count', value: (r) => r.counts.conversations, definition: () => NOTION_DEFINITIONS.conversation },
  'timeline.peak': {
    unit: 'count',
    value: (r) => mainEpisode(r)?.peak.volume ?? null,
    note: (r) => {
      const e = mainEpisode(r);
      const t = r.sections.timeline;
      if (!e || !t) return undefined;
      // A multiple against too little history is "no baseline yet" (the reason is in the definition of peak), never ×N of a floor.
      return `per ${bucketWord[t.bucket.id] ?? t.bucket.id}, ${e.peak.multiple === null ? 'no baseline yet' : `×${formatNumber(e.peak.multiple)} baseline`}`;
    },
    definition: (r) => r.sections.timeline?.definitions.peak ?? 'Most records in one bucket of the volume curve during the largest surge.',
  },
  'timeline.peakAt': { unit: 'time', value: (r) => mainEpisode(r)?.peak.at ?? null, definition: () => `Start of the busiest bucket of the main surge, in the crisis time zone. ${NOTION_DEFINITIONS.mainEpisode}` },
  'timeline.duration': {
    unit: 'minutes',
    value: (r) => mainEpisode(r)?.durationMinutes ?? null,
    note: (r) => {
      const e = mainEpisode(r);
      // The export stopping is not the surge going on: say what is known.
      if (e?.ongoing) return 'the export ends during the surge';
      return e?.levelShift ? 'long enough to be a new normal' : undefined;
    },
    definition: (r) => r.sections.timeline?.definitions.duration ?? 'From onset (volume first rose above its normal band) to containment (volume back in the band).',
  },
  'timeline.firstResponseAfterOnset': {
    unit: 'minutes',
    // The reply to the surge itself, as the chart's "first brand reply" marks it: a brand post in an unrelated conversation (a contest tweet) is not a response.
    value: (r) => mainEpisode(r)?.firstBrandReplyToEpisode?.minutesAfterOnset ?? null,
    note: (r) => (mainEpisode(r) && !mainEpisode(r)!.firstBrandReplyToEpisode ? 'the brand did not reply to a message of the surge' : 'after onset'),
    definition: () => 'Time from the onset of the main surge to the brand’s first public message that replies to a customer message posted during the surge (or follows one in its conversation).',
  },
  'sentiment.negativeShare': { unit: 'share', value: (r) => negativeShare(r), definition: (r) => r.sections.sentiment?.definition ?? 'Share of customer messages the sentiment model labelled negative.', notMeasurable: (r) => r.sections.sentiment?.customer.negativeShareNotMeasurable },
  'response.conversationFirstResponse.median': {
    unit: 'seconds',
    value: (r) => r.sections.response?.conversations?.time.medianSeconds,
    note: (r) => {
      const p90 = r.sections.response?.conversations?.time.p90Seconds;
      return p90 === null || p90 === undefined ? undefined : `p90 ${formatMinutes(p90 / 60)}`;
    },
    definition: def('response', 'conversationFirstResponse', 'Median time from a conversation’s first customer message to the first brand message after it.'),
    notMeasurable: conversationsNotMeasurable,
  },
  'response.conversationFirstResponse.p90': { unit: 'seconds', value: (r) => r.sections.response?.conversations?.time.p90Seconds, definition: def('response', 'quantiles', '90th percentile of conversation first response times.'), notMeasurable: conversationsNotMeasurable },
  'response.firstHop.median': { unit: 'seconds', value: (r) => r.sections.response?.firstHop?.time.medianSeconds, definition: def('response', 'firstHop', 'Median time from a customer message to the brand’s direct reply to it.'), notMeasurable: firstHopNotMeasurable },
  'response.responseRate': { unit: 'share', value: (r) => r.sections.response?.conversations?.responseRate, definition: def('response', 'responseRate', 'Conversations the brand answered ÷ all conversations with a customer message.'), notMeasurable: conversationsNotMeasurable },
  'response.withinSla': {
    unit: 'share',
    value: (r) => r.sections.response?.conversations?.withinSlaShare,
    note: (r) => `target ${formatMinutes(r.crisis.sla.firstResponseMinutes)}`,
    definition: def('response', 'sla', 'Conversations answered within the first-response target ÷ all conversations with a customer message.'),
    notMeasurable: conversationsNotMeasurable,
  },
  'response.cases.firstResponse.median': { unit: 'seconds', value: (r) => r.sections.response?.cases?.firstResponse?.medianSeconds, definition: def('response', 'caseTimes', 'Median time from a case’s opening to its first response.'), notMeasurable: (r) => r.sections.response?.cases?.firstResponseNotMeasurable },
  'response.cases.timely': { unit: 'share', value: (r) => r.sections.response?.cases?.timely?.share, definition: def('response', 'caseTimes', 'Share of cases the export flags as answered on time.'), notMeasurable: (r) => r.sections.response?.cases?.timelyNotMeasurable },
  'coverage.outsideHoursShare': {
    unit: 'share',
    value: (r) => {
      const b = r.sections.coverage?.businessHours;
      const total = b ? b.inside.conversations + b.outside.conversations : 0;
      return b && total ? b.outside.conversations / total : null;
    },
    definition: (r) => `Share of conversations whose first customer message came outside business hours (${r.crisis.businessHours.start}–${r.crisis.businessHours.end}, ${r.crisis.timezone}).`,
  },
};

/** Unit implied by a path's last segment. */
export function unitOf(path: string, value: unknown): KpiUnit {
  const last = path.split('.').pop() ?? '';
  if (/Seconds$/.test(last)) return 'seconds';
  if (/Minutes$/.test(last)) return 'minutes';
  if (/(share|Share|rate|Rate)$/.test(last)) return 'share';
  if (last === 'multiple') return 'multiple';
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) return 'time';
  return typeof value === 'number' ? 'count' : 'text';
}

/** Formats a value by its unit (`zone` for times). */
export function formatKpi(value: number | string | null | undefined, unit: KpiUnit, zone = 'UTC'): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return unit === 'time' ? formatDateTime(value, zone) : value;
  switch (unit) {
    case 'share':
      return formatShare(value);
    case 'seconds':
      return formatMinutes(value / 60);
    case 'minutes':
      return formatMinutes(value);
    case 'multiple':
      return `×${formatNumber(value)}`;
    default:
      return formatNumber(value);
  }
}

/** Top-level report fields a KPI path may start with (anything else is a section). */
const ROOT_FIELDS = ['counts', 'crisis', 'ledger', 'generator'];

/** Thrown for a KPI name that is neither named nor a path to a number or text. */
export class UnknownKpiError extends Error {}

/**
 * Resolves a KPI by name or dotted path. A path into a section the report
 * does not have gives `value: null` (the analysis did not run); a path that
 * leads nowhere inside a present section is a typo and throws.
 */
export function kpi(report: ReportModel, name: string): KpiValue {
  const named = NAMED_KPIS[name];
  const zone = report.crisis.timezone;
  if (named) {
    // Conversation response figures need the brand's messages; without them every conversation looks unanswered.
    const blind = name.startsWith('response.') && !name.startsWith('response.cases') && report.counts.brandMessages === 0;
    const reason = named.notMeasurable?.(report);
    if (reason) return notMeasurableKpi(name, kpiLabel(name), named.unit, named.definition(report), reason);
    const value = blind ? null : (named.value(report) ?? null);
    return { name, label: kpiLabel(name), value, unit: named.unit, text: formatKpi(value, named.unit, zone), definition: named.definition(report), note: value === null ? undefined : named.note?.(report) };
  }
  const top = name.split('.')[0];
  const inSections = !ROOT_FIELDS.includes(top);
  if (inSections && !(top in report.sections)) {
    // The section's analysis did not run (or the data cannot support it): say so, do not fail.
    return { name, label: kpiLabel(name), value: null, unit: unitOf(name, null), text: '–', definition: `Not available: the report has no “${label(top)}” section.` };
  }
  const value = readPath(inSections ? report.sections : report, name);
  if (value === undefined) throw new UnknownKpiError(`unknown KPI "${name}": not a named figure (${Object.keys(NAMED_KPIS).join(', ')}) and no value at that path`);
  if (value !== null && typeof value !== 'number' && typeof value !== 'string') throw new UnknownKpiError(`KPI "${name}" is not a number or text (it is ${Array.isArray(value) ? 'a list' : 'an object'}): name a field inside it`);
  const unit = unitOf(name, value);
  const defs = inSections ? (readPath(report.sections, `${top}.definitions`) as Record<string, string> | undefined) : undefined;
  // No definition in the report: say where the figure comes from in words, not as its path.
  const where = inSections ? `the report's ${label(top).toLowerCase()} section` : 'the report';
  const definition = name.split('.').reverse().map((k) => defs?.[k]).find(Boolean) ?? `${kpiLabel(name)}, as ${where} gives it.`;
  const reason = value === null ? notMeasurableAt(inSections ? report.sections : report, name) : undefined;
  if (reason) return notMeasurableKpi(name, kpiLabel(name), unit, definition, reason);
  return { name, label: kpiLabel(name), value, unit, text: formatKpi(value, unit, zone), definition };
}

/** A figure the export cannot support: "not measurable", the reason as its note, never 0. */
function notMeasurableKpi(name: string, label: string, unit: KpiUnit, definition: string, reason: string): KpiValue {
  return { name, label, value: null, unit, text: 'not measurable', note: reason, notMeasurable: reason, definition: `${formatNotMeasurable(reason)}. ${definition}` };
}

/** Sibling names that cover a group of figures in their object (see `NotMeasurable` in crisis/types.ts). */
const GROUP_NOT_MEASURABLE = ['responseNotMeasurable'];

/**
 * The reason a null figure at `dotted` is not measurable: the nearest
 * `<part>NotMeasurable` sibling along the path, or a group sibling in an
 * object on it; undefined when report.json gives none (plain null).
 */
function notMeasurableAt(root: unknown, dotted: string): string | undefined {
  const parts = dotted.split('.');
  for (let i = parts.length - 1; i >= 0; i--) {
    const parent = i === 0 ? root : readPath(root, parts.slice(0, i).join('.'));
    if (parent === null || typeof parent !== 'object') continue;
    const p = parent as Record<string, unknown>;
    for (const key of [`${parts[i]}NotMeasurable`, ...GROUP_NOT_MEASURABLE]) if (typeof p[key] === 'string') return p[key] as string;
  }
  return undefined;
}

/** The headline figures of a crisis that its data supports, in display order. */
export function headlineKpis(report: ReportModel): KpiValue[] {
  const hasMessages = report.counts.messages > 0;
  const names = hasMessages
    ? ['messages', 'timeline.peak', 'timeline.duration', 'timeline.firstResponseAfterOnset', 'sentiment.negativeShare', 'response.conversationFirstResponse.median', 'response.withinSla', 'response.responseRate']
    : ['cases', 'timeline.peak', 'response.cases.firstResponse.median', 'response.cases.timely'];
  // A figure the export cannot support stays, saying so: leaving it out would hide that it was never measured.
  return names.map((n) => kpi(report, n)).filter((k) => k.value !== null || k.notMeasurable);
}

/** Reads a dotted path (`response.conversations.time.medianSeconds`) from an object. */
export function readPath(root: unknown, dotted: string): unknown {
  let node: unknown = root;
  for (const part of dotted.split('.')) {
    if (node === null || node === undefined) return undefined;
    if (Array.isArray(node) && /^\d+$/.test(part)) node = node[Number(part)];
    else if (typeof node === 'object') node = (node as Record<string, unknown>)[part];
    else return undefined;
  }
  return node;
}
