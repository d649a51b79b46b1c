/**
 * Incident durations as incident.io and FireHydrant report them — time to
 * detect, to first response, to first public statement, to mitigate, to
 * resolve — measured from the start of the impact. The human moments come
 * from crisis.yaml `events:`; where the data can stand in for one, it does:
 * the impact starts at the main surge's onset (the start of the first bucket
 * of customer volume above its normal band), and the first response is the
 * brand's first public reply to a message of that surge. A duration whose
 * event is missing is not measurable, with the reason; never 0.
 *
 * Pure: computed from report.json (the events and the timeline section).
 */
import type { CrisisEvent, EventKind } from '../config/crisis-events.ts';
import { mainEpisodeOf } from './notions.ts';
import type { TimelineSection } from './types.ts';

export type IncidentDurationKey = 'detect' | 'firstResponse' | 'statement' | 'mitigate' | 'resolve';

/** Where a moment of the incident came from. */
export interface IncidentMoment {
  at: string;
  /** What marks it: the event's label, or what the data shows ("surge onset"). */
  label: string;
  source: 'event' | 'data';
}

/** One duration: from the impact's start to its moment, or why it cannot be measured. */
export interface IncidentDuration {
  key: IncidentDurationKey;
  /** "Time to detect". */
  label: string;
  /** The moment that ends it; null when not measurable. */
  end: IncidentMoment | null;
  /** Minutes from the impact's start; null when not measurable (never 0 for "unknown"). */
  minutes: number | null;
  /** Why it is not measurable, when it is not. */
  notMeasurable?: string;
}

export interface IncidentDurations {
  /** The start of the impact: the main surge's onset; null when the data shows no surge. */
  impactStart: IncidentMoment | null;
  durations: IncidentDuration[];
}

/** What each duration is, for tooltips and the page's definition list. */
export const INCIDENT_DURATION_DEFINITIONS: Record<IncidentDurationKey, string> = {
  detect: 'From the start of the impact to the first "detected" event in crisis.yaml (else the first "declared" one).',
  firstResponse: 'From the start of the impact to the brand’s first public reply to a customer message of the main surge (from the data).',
  statement: 'From the start of the impact to the first "statement" event in crisis.yaml at or after it.',
  mitigate: 'From the start of the impact to the first "mitigated" event in crisis.yaml at or after it (else the first "fix").',
  resolve: 'From the start of the impact to the first "resolved" event in crisis.yaml at or after it.',
};

/** The event kinds each duration ends at, in order of preference. */
const ENDS: Record<Exclude<IncidentDurationKey, 'firstResponse'>, { label: string; kinds: EventKind[] }> = {
  detect: { label: 'Time to detect', kinds: ['detected', 'declared'] },
  statement: { label: 'Time to first public statement', kinds: ['statement'] },
  mitigate: { label: 'Time to mitigate', kinds: ['mitigated', 'fix'] },
  resolve: { label: 'Time to resolve', kinds: ['resolved'] },
};

const minutesBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 6_000) / 10;

/**
 * The incident's durations from its `events` (sorted or not) and the
 * timeline section (absent when the report has none).
 */
export function incidentDurations(events: readonly CrisisEvent[], timeline: TimelineSection | undefined): IncidentDurations {
  const main = mainEpisodeOf(timeline);
  const perBucket = timeline ? ` (${timeline.source === 'cases' ? 'cases' : 'customer messages'} above the normal band)` : '';
  const impactStart: IncidentMoment | null = main ? { at: main.onset.at, label: `Surge onset${perBucket}`, source: 'data' } : null;
  const noStart = timeline ? 'the data shows no surge to start the clock at' : 'the report has no timeline to find the start of the impact in';
  const sorted = [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  const fromEvents = (key: keyof typeof ENDS): IncidentDuration => {
    const { label, kinds } = ENDS[key];
    const named = kinds.join(' or ');
    const candidates = sorted.filter((e) => kinds.includes(e.kind));
    if (!candidates.length) return { key, label, end: null, minutes: null, notMeasurable: `crisis.yaml lists no ${named} event` };
    if (!impactStart) return { key, label, end: null, minutes: null, notMeasurable: noStart };
    // The first of the preferred kind, else of the next: "mitigated" before any "fix".
    const after = kinds.map((k) => candidates.find((e) => e.kind === k && e.at >= impactStart.at)).find(Boolean);
    if (!after) return { key, label, end: null, minutes: null, notMeasurable: `every ${named} event in crisis.yaml is before the impact started` };
    return { key, label, end: { at: after.at, label: after.label, source: 'event' }, minutes: minutesBetween(impactStart.at, after.at) };
  };

  const firstResponse = ((): IncidentDuration => {
    const label = 'Time to first response';
    if (!impactStart || !main) return { key: 'firstResponse', label, end: null, minutes: null, notMeasurable: noStart };
    if (timeline?.source === 'cases') return { key: 'firstResponse', label, end: null, minutes: null, notMeasurable: 'the crisis has cases, no public messages: no public reply to time' };
    const reply = main.firstBrandReplyToEpisode;
    if (!reply) return { key: 'firstResponse', label, end: null, minutes: null, notMeasurable: 'the brand did not reply publicly to a message of the surge in the data' };
    return { key: 'firstResponse', label, end: { at: reply.at, label: 'First brand reply to the surge', source: 'data' }, minutes: minutesBetween(impactStart.at, reply.at) };
  })();

  return { impactStart, durations: [fromEvents('detect'), firstResponse, fromEvents('statement'), fromEvents('mitigate'), fromEvents('resolve')] };
}
