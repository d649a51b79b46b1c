/**
 * What a reader sees in place of an internal name. Every section key, KPI
 * name, definition key and analysis column the pages can show has a label
 * here; anything else (a notebook's SQL alias, a field from crisis.yaml) is
 * humanised: `median_first_reply_hours` → `Median first reply (hours)`.
 * Downloads keep their machine-readable names: only pages use these labels.
 */
import type { CellValue } from '../analysis/report/messages-csv.ts';
import type { ReportModel, ReportSections } from '../analysis/report/report-model.ts';
import { formatMinutes } from './format.ts';

/** Report sections, as a reader would name them. */
export const SECTION_LABELS: Readonly<Record<keyof ReportSections, string>> = {
  sentiment: 'Sentiment',
  timeline: 'Timeline',
  response: 'Response',
  coverage: 'Coverage',
  playbook: 'Playbook',
  amplifiers: 'Most-amplified posts',
  themes: 'Themes',
  faults: 'Faults',
  candidateFaults: 'Candidate faults',
  candidateFaultsTotal: 'Candidate faults in all',
  tickets: 'Tickets',
  segments: 'Segments',
};

/** The named KPIs of kpis.ts (tiles, cards, `<Kpi name="…" />`). */
export const KPI_LABELS: Readonly<Record<string, string>> = {
  messages: 'Messages',
  cases: 'Cases',
  customerMessages: 'Customer messages',
  authors: 'Authors',
  conversations: 'Conversations',
  'timeline.peak': 'Peak volume',
  'timeline.peakAt': 'Peak at',
  'timeline.duration': 'Surge lasted',
  'timeline.firstResponseAfterOnset': 'First reply to the surge',
  'sentiment.negativeShare': 'Negative',
  'response.conversationFirstResponse.median': 'Median first response',
  'response.conversationFirstResponse.p90': 'p90 first response',
  'response.firstHop.median': 'Median first-hop reply',
  'response.responseRate': 'Response rate',
  'response.withinSla': 'Within SLA',
  'response.cases.firstResponse.median': 'Median case first response',
  'response.cases.timely': 'Timely responses',
  'coverage.outsideHoursShare': 'Outside business hours',
};

/**
 * Definition keys, by the section whose `definitions` (or playbook `cues`)
 * hold them: one key can mean another thing elsewhere (`sla` is "Within SLA"
 * for conversations, "SLA attainment" for tickets).
 */
export const DEFINITION_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  timeline: {
    bucket: 'Time bucket', domain: 'What is counted', baseline: 'Baseline', band: 'Normal band', onset: 'Onset', peak: 'Peak', duration: 'Surge duration',
    levelShift: 'Level shift', containment: 'Containment', firstBrandResponse: 'First brand response', engagement: 'Engagement', mainEpisode: 'Main surge',
  },
  response: {
    customerMessage: 'Customer message', conversation: 'Conversation', firstHop: 'First-hop response', conversationFirstResponse: 'First response per conversation',
    responseRate: 'Response rate', sla: 'Within SLA', unansweredAge: 'Age of unanswered conversations', quantiles: 'Median and p90', channel: 'Channel', caseTimes: 'Case times',
  },
  coverage: { grid: 'Hour-of-day grid', businessHours: 'Business hours', backlog: 'Backlog', firstResponse: 'First response by hour' },
  playbook: {
    conversation: 'Conversation', scope: 'Scope', acknowledge: 'Acknowledge publicly', offline: 'Take it offline', apologise: 'Apologise', resolve: 'Resolve',
    close_loop: 'Close the loop publicly', time: 'Time to a step', angrier: 'Came back angrier', precision: 'How precise the cues are',
    thanks: 'Thanked the brand', stillWaiting: 'Still waiting', negativity: 'Negative and positive cues',
  },
  amplifiers: { scope: 'Scope', author: 'Author', engagement: 'Engagement', topOnePercent: 'Most active 1% of authors', repeats: 'Repeated posts' },
  tickets: {
    resolution: 'Resolution time', sla: 'SLA attainment', backlog: 'Open cases', asOf: 'As of', reopens: 'Reopens', reassignments: 'Reassignments', oldestOpen: 'Oldest open cases',
  },
  segments: {
    segment: 'Segment', volume: 'Volume and share', negativeShare: 'Negative share', firstResponse: 'First response', sla: 'SLA', topThemes: 'Top themes', topFaults: 'Top faults',
    fewRecords: 'Few records',
  },
  incident: { detect: 'Time to detect', firstResponse: 'Time to first response', statement: 'Time to first public statement', mitigate: 'Time to mitigate', resolve: 'Time to resolve' },
};

/**
 * Per-row analysis columns (the messages and cases tables) as page headers.
 * A column whose values the page formats with their unit (`…_s` as `42 min`)
 * is labelled without the unit.
 */
export const COLUMN_LABELS: Readonly<Record<string, string>> = {
  sentiment: 'Sentiment',
  sentiment_score: 'Sentiment score',
  spike_episode: 'Surge',
  first_response_s: 'First response',
  conversation_first_response_s: 'Conversation first response',
  customer_signal: 'Customer signal',
  playbook_step: 'Playbook step',
  repeat_count: 'Times repeated',
  themes: 'Themes',
  fault: 'Fault',
  fault_evidence: 'Matching words',
};

/** Values of `customer_signal` (`+`-joined). */
export const SIGNAL_LABELS: Readonly<Record<string, string>> = { still_waiting: 'Still waiting', thanks: 'Thanked the brand', angrier: 'Came back angrier' };

/** Playbook steps, as the report labels them (a report carries its own: `playbook.steps[].label`). */
export const STEP_LABELS: Readonly<Record<string, string>> = {
  acknowledge: 'Acknowledge publicly', offline: 'Take it offline', apologise: 'Apologise', resolve: 'Resolve', close_loop: 'Close the loop publicly',
};

/** `record[key]` when the record has that key itself (never a property of Object.prototype such as `constructor`). */
function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Written in capitals wherever they appear in a humanised name. */
const ABBREVIATIONS = new Set(['sla', 'id', 'ids', 'csv', 'nhtsa', 'cfpb', 'url', 'api', 'vin', 'nps', 'csat', 'faq', 'sms', 'utc', 'kpi', 'json', 'fcra']);
/** Unit suffixes (the last word of a name) and how a header says them. */
const UNITS: Readonly<Record<string, string>> = {
  s: '(seconds)', secs: '(seconds)', seconds: '(seconds)', ms: '(ms)', min: '(minutes)', mins: '(minutes)', minutes: '(minutes)',
  h: '(hours)', hrs: '(hours)', hours: '(hours)', d: '(days)', days: '(days)', pct: '(%)', percent: '(%)',
};
/** Prefixes that read as one hyphenated word (`sub_issue` → `Sub-issue`). */
const PREFIXES = new Set(['sub', 'non']);

export interface HumaniseOptions {
  /** Say the unit a suffix names (`_hours` → `(hours)`; the default), or drop it where the value is shown formatted with its unit. */
  units?: boolean;
}

/**
 * A machine name as words, in sentence case: snake_case, camelCase,
 * kebab-case and dotted names split into words, common abbreviations in
 * capitals, a unit suffix said once in brackets. Text that already has
 * spaces is someone's own wording and is kept as it is.
 */
export function humanise(name: string, options: HumaniseOptions = {}): string {
  const trimmed = name.trim();
  if (!trimmed || /\s/.test(trimmed)) return trimmed;
  const words = trimmed
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[_\-.\s]+/)
    .filter(Boolean);
  if (!words.length) return trimmed;
  let unit = '';
  const last = words[words.length - 1]!.toLowerCase();
  if (words.length > 1 && own(UNITS, last)) {
    words.pop();
    if (options.units !== false) unit = UNITS[last]!;
  }
  const out: string[] = [];
  for (const w of words) {
    const lower = w.toLowerCase();
    // Abbreviations in capitals; a word the name already wrote in capitals (`NHTSA`, `P1`) stays so.
    const word = ABBREVIATIONS.has(lower) ? lower.toUpperCase() : /^[A-Z][A-Z0-9]+$/.test(w) ? w : lower;
    if (out.length && PREFIXES.has(out[out.length - 1]!.toLowerCase())) out[out.length - 1] += `-${word}`;
    else out.push(word);
  }
  const text = out.join(' ');
  // Sentence case, but a quantile stays `p90`.
  const first = /^p\d+\b/.test(text) ? text : `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  return `${first}${unit ? ` ${unit}` : ''}`;
}

/** The label of any key a page shows: a section, a named KPI, an analysis column; else the key humanised. */
export function label(key: string): string {
  return own(SECTION_LABELS, key) ?? own(KPI_LABELS, key) ?? own(COLUMN_LABELS, key) ?? humanise(key);
}

/** The heading of a definition: its label in `section`, else its label anywhere, else the key humanised. */
export function definitionLabel(key: string, section?: string): string {
  const mine = section ? own(DEFINITION_LABELS[section], key) : undefined;
  if (mine) return mine;
  for (const labels of Object.values(DEFINITION_LABELS)) {
    const other = own(labels, key);
    if (other) return other;
  }
  return label(key);
}

/** A KPI's label: a named KPI's, else the last field of its path, humanised without its unit (the value shows it). */
export function kpiLabel(name: string): string {
  const named = own(KPI_LABELS, name);
  if (named) return named;
  const last = name.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? name;
  return humanise(last, { units: false });
}

/** How a slug reads when nothing gives its label: `lockout-fail` → `Lockout fail`. */
export function slugLabel(slug: string): string {
  return humanise(slug, { units: false });
}

/** Lookups from a report for the values of analysis columns (theme and fault ids, playbook steps). */
export interface ValueLabels {
  themes: ReadonlyMap<string, string>;
  faults: ReadonlyMap<string, string>;
  steps: ReadonlyMap<string, string>;
}

const valueMemo = new WeakMap<ReportModel, ValueLabels>();

/** The value lookups of a report (built once per report). */
export function valueLabels(report: ReportModel): ValueLabels {
  let v = valueMemo.get(report);
  if (!v) {
    const s = report.sections;
    v = {
      themes: new Map((s.themes?.themes ?? []).map((t) => [t.id, t.label])),
      faults: new Map((s.faults?.pareto ?? []).map((f) => [f.faultId, f.label])),
      // The report's own step labels win: the messages table then says what the playbook table says.
      steps: new Map([...Object.entries(STEP_LABELS), ...(s.playbook?.steps ?? []).map((x): [string, string] => [x.step, x.label])]),
    };
    valueMemo.set(report, v);
  }
  return v;
}

/** A multi-valued cell (`a;b`, `a+b`) with each part labelled, parts joined by ` · `. */
function parts(value: string, separator: string, labelOf: (part: string) => string): string {
  return value
    .split(separator)
    .map((p) => p.trim())
    .filter(Boolean)
    .map(labelOf)
    .join(' · ');
}

/**
 * An analysis column's value as a page shows it: theme and fault ids as
 * their labels, playbook steps and customer signals in words, seconds
 * (`…_s`) as a duration; '' for no value.
 */
export function columnValueText(column: string, value: CellValue, labels: ValueLabels): string {
  if (value === null || value === '') return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (column.endsWith('_s')) return formatMinutes(value / 60);
    return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(3);
  }
  switch (column) {
    case 'themes':
      return parts(value, ';', (id) => labels.themes.get(id) ?? slugLabel(id));
    case 'fault':
      return parts(value, ';', (id) => labels.faults.get(id) ?? slugLabel(id));
    case 'playbook_step':
      return parts(value, '+', (step) => labels.steps.get(step) ?? slugLabel(step));
    case 'customer_signal':
      return parts(value, '+', (signal) => own(SIGNAL_LABELS, signal) ?? slugLabel(signal));
    default:
      return value;
  }
}
