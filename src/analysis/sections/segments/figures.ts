/**
 * One segment's figures from the rows of the grouped queries (segments-sql.ts),
 * each null with its reason when the data cannot support it — never 0.
 */
import type { Row } from '../../engine/engine.ts';
import { NO_BRAND_MESSAGES, NO_BRAND_REPLIES } from '../../crisis/not-measurable.ts';
import { num, readDurationStats } from '../../crisis/sql.ts';
import { share } from '../../crisis/stats.ts';
import type { TopicCount } from './segments-sql.ts';
import type { SegmentFigures, SegmentSlaBasis, SegmentTopic } from './schema.ts';

/** Whether a figure can be measured for the breakdown's records at all: null, or the reason it cannot. */
export interface Measurable {
  reason: string | null;
}

/** What the breakdown's records carry of the language analyses, with the names of themes and faults. */
export interface Labels {
  sentiment: Measurable;
  themes: Measurable;
  faults: Measurable;
  themeLabel(id: string): string;
  faultLabel(id: string): string;
}

/** What holds for the whole breakdown, whichever segment. */
export interface BreakdownFacts {
  table: 'messages' | 'cases';
  /** Brand messages in the crisis (`report.counts.brandMessages`). */
  brandMessages: number;
  /** Cases of the crisis with a first-response time (cases breakdowns). */
  caseFirstResponses: number;
  /** SLA basis of the breakdown, and why there is none. */
  sla: { basis: SegmentSlaBasis | null; reason: string | null };
}

/** The rows and lists of one segment (or of the overall row). */
export interface SegmentRows {
  /** Row of `volumes`. */
  volume: Row;
  overallVolume: number;
  /** Row of `conversationFigures` (messages) or `caseFigures` (cases); null when the segment has none (no conversation starts in it). */
  response: Row | null;
  themes: readonly TopicCount[];
  faults: readonly TopicCount[];
  labels: Labels;
  facts: BreakdownFacts;
  fewRecordsBelow: number;
}

/** The figures of segment `value` (`all` for the overall row). */
export function segmentFigures(value: string, x: SegmentRows): SegmentFigures {
  const overall = value === 'all';
  const volume = num(x.volume.volume);
  const labelled = num(x.volume.labelled);
  const negativeReason = x.labels.sentiment.reason ?? (labelled ? null : `no customer message of ${overall ? 'the crisis' : 'this segment'} has a sentiment label`);
  const time = readDurationStats(x.response ?? {});
  const response = x.facts.table === 'messages' ? messageResponse(x, time.n, overall) : caseResponse(x, time.n, overall);
  const topics = (list: readonly TopicCount[], m: Measurable, label: (id: string) => string) => ({
    top: m.reason ? [] : list.map((t): SegmentTopic => ({ id: t.id, label: label(t.id), records: t.records, share: share(t.records, volume) })),
    total: m.reason ? 0 : (list[0]?.total ?? 0),
  });
  const themes = topics(x.themes, x.labels.themes, x.labels.themeLabel);
  const faults = topics(x.faults, x.labels.faults, x.labels.faultLabel);
  return {
    value,
    volume,
    share: share(volume, x.overallVolume),
    fewRecords: volume < x.fewRecordsBelow,
    conversations: x.facts.table === 'messages' ? num(x.response?.conversations ?? 0) : null,
    labelled: negativeReason ? 0 : labelled,
    negative: negativeReason ? 0 : num(x.volume.negative),
    negativeShare: negativeReason ? null : share(num(x.volume.negative), labelled),
    ...(negativeReason ? { negativeShareNotMeasurable: negativeReason } : {}),
    firstResponse: response.timeReason ? { n: time.n, medianSeconds: null, p90Seconds: null } : { n: time.n, medianSeconds: time.medianSeconds, p90Seconds: time.p90Seconds },
    ...(response.timeReason ? { firstResponseNotMeasurable: response.timeReason } : {}),
    slaDecided: response.decided,
    slaMet: response.met,
    slaShare: response.slaReason ? null : share(response.met, response.decided),
    ...(response.slaReason ? { slaShareNotMeasurable: response.slaReason } : {}),
    topThemes: themes.top,
    topThemesTotal: themes.total,
    ...(x.labels.themes.reason ? { topThemesNotMeasurable: x.labels.themes.reason } : {}),
    topFaults: faults.top,
    topFaultsTotal: faults.total,
    ...(x.labels.faults.reason ? { topFaultsNotMeasurable: x.labels.faults.reason } : {}),
  };
}

interface ResponseOutcome {
  timeReason: string | null;
  decided: number;
  met: number;
  slaReason: string | null;
}

function messageResponse(x: SegmentRows, answeredTimes: number, overall: boolean): ResponseOutcome {
  const conversations = num(x.response?.conversations ?? 0);
  const where = overall ? 'the crisis' : 'this segment';
  const noConversation = conversations ? null : `no conversation starts with a customer message of ${where}`;
  // Without any brand message every conversation would look unanswered: not measurable, as in the response section.
  const noBrand = x.facts.brandMessages ? null : NO_BRAND_MESSAGES;
  const unanswered = answeredTimes ? null : overall ? NO_BRAND_REPLIES : 'no conversation of this segment has a brand reply';
  const slaReason = noBrand ?? noConversation;
  return { timeReason: noBrand ?? noConversation ?? unanswered, decided: slaReason ? 0 : conversations, met: slaReason ? 0 : num(x.response?.within ?? 0), slaReason };
}

function caseResponse(x: SegmentRows, times: number, overall: boolean): ResponseOutcome {
  const where = overall ? 'the crisis' : 'this segment';
  const timeReason = !x.facts.caseFirstResponses
    ? 'the export has no first-response times for cases (map first_response_at in crisis.yaml)'
    : times
      ? null
      : `no case of ${where} has a first-response time`;
  const decided = num(x.response?.sla_decided ?? 0);
  const basis = x.facts.sla.basis;
  const slaReason = basis === null ? (x.facts.sla.reason ?? 'no SLA basis') : decided ? null : `no case of ${where} is decided on the ${basis === 'dueTime' ? 'due-time' : basis} basis yet`;
  return { timeReason, decided: slaReason ? 0 : decided, met: slaReason ? 0 : num(x.response?.sla_met_n ?? 0), slaReason };
}
