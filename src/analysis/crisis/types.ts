/**
 * Report sections written by the crisis analyses (`report.sections.timeline`,
 * `.response`, `.coverage`, `.playbook`, `.amplifiers`). The report site
 * renders these types and nothing else, so every field says what it means.
 *
 * Conventions: instants are ISO 8601 strings in UTC; durations are seconds
 * (`…Seconds`) or minutes (`…Minutes`) as named; shares are 0…1 rounded to
 * 4 decimals and null when the denominator is 0; medians and p90s are
 * linear-interpolated quantiles (DuckDB `quantile_cont`, R type 7).
 *
 * Lists: a list holds every item unless its doc says "at most N". Such a
 * capped list `foo` has a sibling `fooTotal` (a {@link ListTotal}): how many
 * items there were in all, so every reader can say "N of M" and nothing is
 * left out silently. Empty or unknown values are items too, named as such
 * (`(none)`), never dropped.
 *
 * Not measurable: a figure the export cannot support (no brand replies, no
 * likes column, no history to compare a surge with) is never 0. See
 * {@link NotMeasurable} for the one convention every section here follows.
 */

/**
 * Why a figure is not measurable, worded to follow "not measurable — " (e.g.
 * "the export contains no brand replies"; a surge multiple says "no baseline
 * yet: …").
 *
 * The convention: a figure `foo` that an export may not support has an
 * optional sibling `fooNotMeasurable: NotMeasurable`. When the sibling is
 * present, `foo` is null (an object of figures keeps its shape with every
 * figure in it null, a list is empty) and readers show "not measurable —
 * <reason>", never 0. When it is absent, `foo` was measured. A sibling named
 * after a group (`responseNotMeasurable`) covers the figures its doc lists.
 */
export type NotMeasurable = string;

/**
 * How many items a capped list had before it was cut to its first N: the
 * `M` of "N of M". Always at least the list's length.
 */
export type ListTotal = number;

/** Bucket width of a volume curve. */
export type BucketId = '5m' | '15m' | '1h' | '3h' | '6h' | '1d' | '1w';

/** Distribution of durations in seconds; every figure null when `n` is 0. */
export interface DurationStats {
  /** How many durations were measured. */
  n: number;
  /** Median: half were faster. */
  medianSeconds: number | null;
  /** 90th percentile: nine in ten were at most this long. */
  p90Seconds: number | null;
  /** Shown next to the median only; a few very slow replies pull it up. */
  meanSeconds: number | null;
  /** Fastest and slowest (a negative minimum means the export's clocks disagree). */
  minSeconds: number | null;
  maxSeconds: number | null;
}

// ---------------------------------------------------------------- timeline

/** One bucket of the volume curve. */
export interface TimelineBucket {
  /** Bucket start (inclusive); the bucket ends where the next starts (the last one a nominal width later). */
  start: string;
  /** Every record in the bucket (messages, or cases when the crisis has no messages). */
  total: number;
  /** Customer messages (inbound and not from the brand); equals `total` for cases. */
  inbound: number;
  /** Messages from the brand's accounts. */
  brand: number;
  /** Records per channel; channels with none are left out. */
  byChannel: Record<string, number>;
  /** Expected volume of the detection series (see `detection.series`) from the rolling baseline. */
  baseline: number;
  /** Top of the normal band; a bucket above it (by at least `detection.minExcess`) is anomalous. */
  upper: number;
  /** True when the detection series is above the band here. */
  anomalous: boolean;
  /** Which baseline applied: same slot on earlier days/weeks, trailing window, or whole-series fallback (too little history). */
  baselineMethod: 'seasonal' | 'trailing' | 'global';
}

/**
 * Customer sentiment per bucket, aligned with `buckets` by index: counts and
 * shares per label. Filled by the timeline from the sentiment analysis's
 * `sentiment` column (absent when that analysis did not run).
 */
export interface TimelineSentiment {
  /** Labels in display order (e.g. negative, neutral, positive). */
  labels: string[];
  /** Label → count per bucket (same length as `buckets`). */
  counts: Record<string, number[]>;
  /** Which messages were counted: customer messages only, or all. */
  scope: 'inbound' | 'all';
  /** Messages with a label, per bucket. */
  total: number[];
  /** Label → share of `total` per bucket (4 decimals); null where a bucket has no labelled message. */
  shares: Record<string, (number | null)[]>;
}

/** A message pinned on the curve. */
export interface MomentMessage {
  /** When the message was posted. */
  at: string;
  /** The message's id (a row of messages.csv). */
  messageId: string;
  /** Minutes after the episode onset (negative when before). */
  minutesAfterOnset: number;
}

/** One surge: onset → peak → containment. */
export interface TimelineEpisode {
  /** 1-based, in time order. */
  index: number;
  /** Start of the first bucket of the first sustained anomaly. */
  onset: { at: string; bucketIndex: number; volume: number; baseline: number };
  /**
   * The busiest bucket of the episode; `multiple` = volume ÷ baseline, null
   * with `multipleNotMeasurable` ("no baseline yet: …") when the baseline has
   * too little history or is below one record per bucket (see the
   * section's `definitions.peak`).
   */
  peak: { at: string; bucketIndex: number; volume: number; baseline: number; multiple: number | null; multipleNotMeasurable?: NotMeasurable };
  /** Start of the first bucket of a sustained return into the band; null when the data ends first. */
  containment: { at: string; bucketIndex: number } | null;
  /** Last bucket still above the band. */
  lastAnomalous: { at: string; bucketIndex: number };
  /** Onset to containment, or to the end of the data when not contained. */
  durationMinutes: number;
  /** True when the export ends during the surge (before the volume settled): not a claim that it went on after. */
  ongoing: boolean;
  /**
   * True when the surge outlasted what the baseline ignores (about 3 days) and
   * did not come back into the band it rose from: a new normal rather than a
   * spike. Never true of an episode whose containment returned to the old band
   * (that is "back to normal").
   */
  levelShift: boolean;
  /** Records of the detection series in the episode's buckets. */
  volume: number;
  /** Of those, how many were above baseline (sum of volume − baseline). */
  excessVolume: number;
  /** The brand's first public message at or after onset (any conversation, replying to anything or nothing). */
  firstBrandResponse: MomentMessage | null;
  /**
   * The brand's first public reply to a customer message of the episode: its
   * parent is a customer message posted during the episode, or its conversation
   * holds such a message posted before it. The "first brand reply" key moment.
   */
  firstBrandReplyToEpisode: MomentMessage | null;
}

/** A point worth annotating on the chart. */
export interface KeyMoment {
  /** What happened: an episode phase, the brand's first reply to the episode (`firstBrandReplyToEpisode`), or one of the most engaged posts. */
  kind: 'onset' | 'peak' | 'containment' | 'first-brand-response' | 'most-engaged';
  /** Where on the time axis (bucket start for phases, post time for messages). */
  at: string;
  /** Short caption for the annotation. */
  label: string;
  /** The episode it belongs to (1-based), when it belongs to one. */
  episode: number | null;
  /** The message annotated, for brand responses and posts. */
  messageId: string | null;
  /** Volume for onset/peak, engagement for most-engaged posts. */
  value: number | null;
}

/** `report.sections.timeline`. */
export interface TimelineSection {
  /** Messages, or cases (by opening time) when the crisis has no messages. */
  source: 'messages' | 'cases';
  /** Zone the buckets are aligned to (days start at local midnight). */
  timezone: string;
  /** Bucket width (`ms` is nominal: calendar days and weeks follow DST); `dateOnly` when records carry dates without times. */
  bucket: { id: BucketId; ms: number; chosenBy: 'span' | 'option'; dateOnly: boolean };
  /** Span on the curve. Stray records far outside the bulk of the data are counted and left off. */
  domain: { start: string; end: string; excludedBefore: number; excludedAfter: number };
  /** How anomalies were found. */
  detection: {
    /** The series tested: customer messages when there are any, else all records. */
    series: 'inbound' | 'total';
    windowBuckets: number;
    /** Buckets per season for the seasonal baseline (0 = none). */
    seasonBuckets: number;
    k: number;
    minExcess: number;
    sustainBuckets: number;
    containBuckets: number;
    description: string;
  };
  /** Channels present, most records first. */
  channels: string[];
  /** The volume curve, oldest bucket first. */
  buckets: TimelineBucket[];
  /** Customer messages per bucket and sentiment label; absent when no sentiment analysis ran. */
  bySentiment?: TimelineSentiment;
  /** Surges in time order; empty when volume stayed within its normal band. */
  episodes: TimelineEpisode[];
  /**
   * `index` of the main surge (the crisis; see notions.ts), null without
   * surges. Every page reads it through `mainEpisodeOf`. Absent only in
   * reports written before it was recorded.
   */
  mainEpisodeIndex?: number | null;
  /** Annotations for the chart, in time order. */
  keyMoments: KeyMoment[];
  /** Plain-language definitions of the terms above, for the report page. */
  definitions: Record<string, string>;
}

// ---------------------------------------------------------------- response

/** First-hop figures: a customer message and the brand's direct reply to it. */
export interface FirstHopStats {
  /** Brand messages whose parent is a customer message present in the data. */
  brandRepliesToInbound: number;
  /** Customer messages present in the data that at least one brand message answers directly; null when `responseNotMeasurable`. */
  answeredInbound: number | null;
  /** Customer messages in the data. */
  inboundMessages: number;
  /** Seconds from each answered customer message to its earliest direct brand reply. */
  time: DurationStats;
  /** Share of answered customer messages whose first direct reply came within the SLA. */
  withinSlaShareOfAnswered: number | null;
  /** Present when the export has no brand messages: `answeredInbound`, `time` and `withinSlaShareOfAnswered` are not measurable. */
  responseNotMeasurable?: NotMeasurable;
}

/** Conversation-level figures. */
export interface ConversationResponseStats {
  /** Conversations (reply trees with a customer message; see notions.ts): the same number as `report.counts.conversations`. */
  conversations: number;
  /** Conversations with a brand message after their first customer message. */
  answered: number | null;
  /** conversations − answered. */
  unanswered: number | null;
  /** answered ÷ conversations. */
  responseRate: number | null;
  /** Seconds from the first customer message to the first brand message after it, answered conversations only. */
  time: DurationStats;
  /** Conversations answered within the SLA ÷ all conversations (unanswered ones count as missed). */
  withinSlaShare: number | null;
  /** Age at the end of the data (seconds since the first customer message) of unanswered conversations. */
  unansweredAge: DurationStats;
  /**
   * Present when the export has no brand messages: `answered`, `unanswered`,
   * `responseRate`, `time`, `withinSlaShare` and `unansweredAge` are not
   * measurable (every conversation would look unanswered).
   */
  responseNotMeasurable?: NotMeasurable;
}

/** Response figures for one channel (channel of the conversation's first customer message). */
export interface ChannelResponse extends ConversationResponseStats {
  channel: string;
  /** First-hop figures for customer messages posted on this channel. */
  firstHop: { answeredInbound: number | null; time: DurationStats };
}

/** Conversations by how long the first response took. */
export interface ResponseBand {
  /** Caption, e.g. "5–15 min". */
  label: string;
  /** Inclusive lower bound. */
  fromSeconds: number;
  /** Exclusive upper bound; null for the open-ended last band. */
  toSeconds: number | null;
  /** Answered conversations whose first response fell in the band. */
  conversations: number;
}

/** Case (ticket/complaint) timing; times from the case's opening. */
export interface CaseTiming {
  /** Cases in the group. */
  cases: number;
  /** Opening → first response; null (here and below) when the export has no such timestamps at all. */
  firstResponse: DurationStats | null;
  /** Opening → resolution (solved). */
  resolution: DurationStats | null;
  /** Opening → close. */
  close: DurationStats | null;
  /** From a "timely response" flag (CFPB `Timely response?`), when the export has one. */
  timely: { yes: number; no: number; unknown: number; share: number | null } | null;
}

/** Case timing for one category value. */
export interface CaseGroupTiming extends CaseTiming {
  /** The category, product, channel or company. */
  value: string;
}

/** `response.cases`. */
export interface CaseResponse extends CaseTiming {
  /** Why `firstResponse` is null, here and in every group below. */
  firstResponseNotMeasurable?: NotMeasurable;
  /** Why `resolution` is null, here and in every group. */
  resolutionNotMeasurable?: NotMeasurable;
  /** Why `close` is null, here and in every group. */
  closeNotMeasurable?: NotMeasurable;
  /** Why `timely` is null, here and in every group. */
  timelyNotMeasurable?: NotMeasurable;
  /** Attribute the timely flag came from, if any. */
  timelyAttribute: string | null;
  /**
   * Every category value of the cases, largest group first (ties by value):
   * the whole list, never cut, so its length is the number of distinct
   * categories. Values missing in the export are one group, "(none)".
   */
  byCategory: CaseGroupTiming[];
  /** Same, by product (every value). */
  byProduct: CaseGroupTiming[];
  /** Same, by intake channel (web, phone, email…; every value). */
  byChannel: CaseGroupTiming[];
  /** Same, by company (every value: complaint databases such as CFPB name many). */
  byCompany: CaseGroupTiming[];
  /** Case outcome/status counts, most first. */
  statuses: { value: string; cases: number }[];
}

/** `report.sections.response`. */
export interface ResponseSection {
  /** Plain-language definitions (Zendesk/Sprout-style) of every figure, for the report page. */
  definitions: Record<string, string>;
  /** First-response SLA from crisis.yaml (default 60). */
  slaMinutes: number;
  /** Latest message time: the "now" unanswered conversations are aged against. */
  dataEnd: string | null;
  /** Null when the crisis has no messages. */
  firstHop: FirstHopStats | null;
  /**
   * Conversation figures (null without messages); `bands` is the response-time histogram.
   * `roots` counts reply trees, including brand posts no customer replied to: those are not
   * conversations (see notions.ts), so it is never shown as a number of conversations.
   * `bands` is empty when `responseNotMeasurable`.
   */
  conversations: (ConversationResponseStats & { roots: number; bands: ResponseBand[] }) | null;
  /** Conversation and first-hop figures per channel, most conversations first. */
  byChannel: ChannelResponse[];
  /** Null when the crisis has no cases. */
  cases: CaseResponse | null;
  /** Why figures are missing or need care (e.g. no brand messages in the export). */
  notes: string[];
}

// ---------------------------------------------------------------- coverage

/** One hour-of-week cell in the crisis time zone. */
export interface CoverageCell {
  /** ISO weekday 1 (Mon) … 7 (Sun). */
  weekday: number;
  /** Local hour 0–23. */
  hour: number;
  /** Customer messages posted in this local hour. */
  inbound: number;
  /** Conversations whose first customer message falls in this hour. */
  conversations: number;
  /** Of those, answered by the brand; null when the section's `responseNotMeasurable`. */
  answered: number | null;
  /** Median conversation first response of those conversations (seconds). */
  medianFirstResponseSeconds: number | null;
}

/** Figures for messages inside or outside business hours. */
export interface CoverageWindow {
  /** Customer messages posted in the window. */
  inbound: number;
  /** Conversations whose first customer message was posted in the window. */
  conversations: number;
  /** Of those, answered by the brand. */
  answered: number | null;
  /** answered ÷ conversations. */
  responseRate: number | null;
  /** Conversation first response times of those conversations. */
  firstResponse: DurationStats;
  /** Answered within the SLA ÷ conversations (unanswered count as missed). */
  withinSlaShare: number | null;
  /** Present when the export has no brand messages: `answered`, `responseRate`, `firstResponse` and `withinSlaShare` are not measurable. */
  responseNotMeasurable?: NotMeasurable;
}

/** `report.sections.coverage`. */
export interface CoverageSection {
  /** Zone of the grid and of business hours. */
  timezone: string;
  /** Plain-language definitions, for the report page. */
  definitions: Record<string, string>;
  /** 7 × 24 cells, Monday 00:00 first. */
  grid: CoverageCell[];
  /** Business hours as configured, and the figures inside and outside them. */
  businessHours: {
    /** ISO weekdays 1 (Mon) … 7 (Sun). */
    days: number[];
    start: string;
    end: string;
    /** Conversations are placed by the local time of their first customer message. */
    inside: CoverageWindow;
    outside: CoverageWindow;
  };
  /** Conversations waiting for a first brand reply, sampled at each bucket end. */
  backlog: {
    bucket: BucketId;
    points: { at: string; waiting: number }[];
    peak: { at: string; waiting: number } | null;
    /** Still waiting when the data ends; null when `backlogNotMeasurable`. */
    waitingAtEnd: number | null;
  };
  /**
   * Present when the export has no brand messages: nobody could ever leave the
   * backlog, so it is not measurable (`points` empty, `peak` and `waitingAtEnd` null),
   * and neither are the grid cells' `answered` and medians.
   */
  backlogNotMeasurable?: NotMeasurable;
}

// ---------------------------------------------------------------- playbook

/** Steps of the public-response playbook, in their usual order. */
export type PlaybookStep = 'acknowledge' | 'offline' | 'apologise' | 'resolve' | 'close_loop';

/** How many conversations reached a step, and when. */
export interface PlaybookStepStats {
  step: PlaybookStep;
  /** Caption for the step. */
  label: string;
  /** Conversations in which the brand took the step; null when the section's `stepsNotMeasurable`. */
  conversations: number | null;
  /** Of conversations with a customer message. */
  share: number | null;
  /** Seconds from the first customer message to the first brand message taking the step. */
  time: DurationStats;
}

/** A customer signal counted per conversation. */
export interface SignalStats {
  /** Conversations showing the signal; null when not measurable (see `customer`). */
  conversations: number | null;
  /** Of conversations with a customer message. */
  share: number | null;
}

/** `report.sections.playbook`. */
export interface PlaybookSection {
  /** Plain-language definitions of each step and signal, for the report page. */
  definitions: Record<string, string>;
  /** Cue phrases per step and signal, as a reader would say them. */
  cues: Record<string, string[]>;
  /** Conversations (see notions.ts), the denominator of shares: the same number as `report.counts.conversations`. */
  conversations: number;
  /** Of those, conversations with at least one public brand reply after the first customer message. */
  withBrandReply: number;
  /** One entry per step, in playbook order. */
  steps: PlaybookStepStats[];
  /** Present when no conversation has a brand reply: no step can be observed (every step's figures null, `sequences` empty). */
  stepsNotMeasurable?: NotMeasurable;
  /** Customer reactions, per conversation. */
  customer: {
    /** The customer thanked the brand after a brand reply. */
    thanks: SignalStats;
    /** The customer complained of waiting or silence ("still waiting", "no reply"). */
    stillWaiting: SignalStats;
    /** A customer message after the first brand reply was more negative than the customer's messages before it. */
    angrierAfterReply: SignalStats;
    /** Present when no conversation has a brand reply: `thanks` (after a reply) is not measurable. */
    thanksNotMeasurable?: NotMeasurable;
    /** Present when no conversation has a brand reply: `angrierAfterReply` is not measurable. */
    angrierAfterReplyNotMeasurable?: NotMeasurable;
  };
  /** How negativity was judged for `angrierAfterReply`. */
  negativity: 'sentiment-column' | 'cue-list';
  /** Why figures are empty or need care (no brand messages, broken threads). */
  notes: string[];
  /** Every order of steps taken (first occurrence of each) that occurred, most conversations first (ties by steps); never cut. */
  sequences: { steps: PlaybookStep[]; conversations: number }[];
}

// -------------------------------------------------------------- amplifiers

/** One author's footprint. */
export interface AuthorStats {
  /** Author id or handle as exported. */
  author: string;
  /** Messages the author wrote. */
  messages: number;
  /** Sum of likes + shares + replies (see definitions for unknown counts); null when the section's `engagementNotMeasurable`. */
  engagement: number | null;
  /** The author's first message. */
  firstAt: string;
}

/** One post and its engagement. */
export interface PostStats {
  messageId: string;
  author: string | null;
  /** When it was posted. */
  at: string;
  /** The post as exported (not masked: the site masks personal data when it renders). */
  text: string;
  /** Exported counts; null when the export does not have them. */
  likes: number | null;
  shares: number | null;
  /** Replies as exported, else direct replies present in the data. */
  replies: number;
  /** likes + shares + replies. */
  engagement: number;
}

/** Posts that say the same thing once normalised (retweets and copy-paste campaigns). */
export interface RepeatGroup {
  /** Normalised text shared by the group. */
  key: string;
  /** Earliest post's text, as written. */
  example: string;
  /** Id of that earliest post. */
  exampleId: string;
  /** Posts in the group, and distinct authors among them. */
  posts: number;
  authors: number;
  /** Posts that were retweets ("RT @x: …"). */
  retweets: number;
  /** First and last post of the group. */
  firstAt: string;
  lastAt: string;
  /** Summed engagement of the group's posts; null when the section's `engagementNotMeasurable`. */
  engagement: number | null;
}

/** `report.sections.amplifiers`. */
export interface AmplifiersSection {
  /** Plain-language definitions, for the report page. */
  definitions: Record<string, string>;
  /** Customer messages considered. */
  messages: number;
  /** Authors (see notions.ts): the same number as `report.counts.authors`. */
  uniqueAuthors: number;
  /** Messages with no author, left out of author figures. */
  messagesWithoutAuthor: number;
  /** True when the export carries likes, shares or reply counts. */
  engagementExported: boolean;
  /** Present when no message carries a like count (the export has no likes column): every post's `likes` is null, not 0. */
  likesNotMeasurable?: NotMeasurable;
  /** Present when no message carries a share count: every post's `shares` is null, not 0. */
  sharesNotMeasurable?: NotMeasurable;
  /**
   * Present when the export has no likes, shares or reply counts and no message
   * replies to another in the data: engagement is not measurable, so
   * `mostEngagedPosts` and `topAuthorsByEngagement` are empty (not "none engaged").
   */
  engagementNotMeasurable?: NotMeasurable;
  /** At most 10: the most active authors (ties by author id). */
  topAuthorsByMessages: AuthorStats[];
  /** Authors there were to rank (the same as `uniqueAuthors`). */
  topAuthorsByMessagesTotal: ListTotal;
  /** At most 10: the authors whose posts drew the most engagement (only those with some). */
  topAuthorsByEngagement: AuthorStats[];
  /** Authors whose posts drew any engagement. */
  topAuthorsByEngagementTotal: ListTotal;
  /** The most active 1% of authors (at least one), by messages. */
  topOnePercent: { authors: number; messages: number; share: number | null };
  /** At most 10: the posts with the most engagement (only those with some). */
  mostEngagedPosts: PostStats[];
  /** Customer messages with any engagement. */
  mostEngagedPostsTotal: ListTotal;
  /** At most 10: groups of two or more posts with the same normalised text, largest first. */
  mostRepeated: RepeatGroup[];
  /** Repeat groups found (every message in one carries `repeat_count`). */
  mostRepeatedTotal: ListTotal;
}
