/** Public types of the faults analysis. */
import type { ComplaintMatch } from './complaintPatterns.ts';

/** Product fault (the thing broke) or service failure (waiting for support, no reply): see config/fault-library.ts. */
export type FaultKind = 'product' | 'service';

/** One fault of a crisis.yaml taxonomy. */
export interface FaultDefinition {
  label: string;
  /** Default product: never guessed from the id or label. */
  kind?: FaultKind;
  /** Values of a structured fault column that mean this fault (matched without case). */
  codes?: string[];
  /** Words or phrases; case-insensitive, plural/tense-insensitive, whole words. */
  keywords?: string[];
  /** compromise match-syntax patterns, e.g. `{lose} #Possessive? (bag|luggage)`. */
  patterns?: string[];
  /** Keywords that are this fault only beside a word that says so ("still waiting" near "support"): see {@link FaultContext}. */
  context?: FaultContext[];
  /** Words or phrases that make a message not this fault wherever they stand ("pizza" for waiting for support); other faults may still match it. */
  exclude?: string[];
  /**
   * Keywords taken from `debrief faults suggest` without review: they count
   * only for a message that no keyword, context keyword or pattern of any
   * fault matches, so a suggestion never overrides what was written.
   */
  suggested?: string[];
}

/**
 * Keywords that count for their fault only when one of `near` stands within
 * `within` words of them: "still waiting" is waiting for support next to
 * "reply" or "agent", not next to a pizza. Matched as keywords are.
 */
export interface FaultContext {
  keywords: string[];
  near: string[];
  /** Words either side of the keyword searched for `near` (default {@link DEFAULT_CONTEXT_WITHIN}). */
  within?: number;
}

/** Default reach of a {@link FaultContext}: about a clause either side. */
export const DEFAULT_CONTEXT_WITHIN = 8;

/**
 * `faults:` of crisis.yaml: id → definition. Key order is the tie-break
 * order when two faults match equally well.
 */
export type FaultTaxonomy = Record<string, FaultDefinition>;

/** Why a message was assigned its fault. */
export interface FaultEvidence {
  /** The matched text as written in the message. */
  text: string;
  /** Offsets of `text` in the message (UTF-16 units, end exclusive). */
  start: number;
  end: number;
  /** The keyword, pattern or code that matched, as written in the taxonomy (a code as written in the data). */
  rule: string;
  /** `code`: the record's fault column named it (text is then the value, offsets within the cell). */
  source: 'keyword' | 'pattern' | 'code';
}

/** A message's fault. */
export interface FaultAssignment {
  faultId: string;
  evidence: FaultEvidence;
}

/** Options for {@link classifyFaults}. */
export interface FaultsOptions {
  /**
   * Which messages to classify: 'negative' (default) skips messages labelled
   * neutral or positive — messages without a label are still classified —
   * 'all' classifies every message.
   */
  scope?: 'negative' | 'all';
  /** Classify the brand's own messages too (default false). */
  includeBrandMessages?: boolean;
  /** Timeline bucket width in ms (default 1 hour). */
  bucketMs?: number;
  /**
   * Matches already computed, by the message's position (e.g. on worker
   * threads, see parallel/text-tasks.ts `fault-match`); a message it gives
   * undefined for is matched here.
   */
  matchAt?: (position: number) => FaultAssignment | null | undefined;
  /**
   * Ids of messages the export flags as retweets (nlp/retweets.ts `retweetFlagged`);
   * texts written "RT @user: …" are retweets without it. A retweet of a message
   * already counted is not counted again.
   */
  retweetIds?: ReadonlySet<string>;
}

/** One row of the fault Pareto, with its timeline. */
export interface FaultSummary {
  faultId: string;
  label: string;
  kind: FaultKind;
  /** Records with this fault (a record whose fault cell names several faults counts once for each). */
  count: number;
  /**
   * count / records classified with a fault of the same kind: product faults
   * and service failures are two Paretos. With multi-valued fault cells the
   * shares of one kind sum to more than 100%.
   */
  share: number;
  /** Running total of `share` down the Pareto of its kind. */
  cumulativeShare: number;
  /** Epoch ms of the first / last message with this fault (null when count is 0). */
  firstSeen: number | null;
  lastSeen: number | null;
  /** Messages per bucket, aligned with {@link FaultsResult.bucketStarts}. */
  volume: number[];
}

/** Output of {@link classifyFaults}. */
export interface FaultsResult {
  version: string;
  /** Messages in scope. */
  considered: number;
  /** Messages assigned a fault. */
  classified: number;
  /** Records with at least one fault of each kind (the share denominators). */
  classifiedByKind: Record<FaultKind, number>;
  /** Records in scope per bucket, aligned with {@link bucketStarts}: the denominators of rates over time. */
  consideredVolume: number[];
  /** Message id → fault; messages without a fault are absent. */
  assignments: Record<string, FaultAssignment>;
  /** Positions (in the messages classified) of the messages with a fault, ascending: the records of `assignments` without a lookup by id. */
  positions: number[];
  /** Every taxonomy fault, product faults then service failures, each most frequent first (ties: taxonomy order). */
  pareto: FaultSummary[];
  bucketMs: number;
  bucketStarts: number[];
}

/** A recurring complaint that no configured fault covers. */
export interface CandidateFault {
  /** Normalised key: object + problem ("phone|won't|charg"). */
  key: string;
  /** Readable form, from the most common wording ("phone won't charge"). */
  label: string;
  /** The thing that is broken ("phone"), when the pattern names one. */
  object: string | null;
  /** Messages showing it. */
  count: number;
  /** Earliest and latest of those messages (epoch ms, UTC): over all of them, not only the examples. */
  firstSeen: number;
  lastSeen: number;
  /** Up to 3 message ids, in input order. */
  exampleIds: string[];
}

/** Options for {@link discoverCandidateFaults}. */
export interface CandidateFaultOptions {
  /** Messages to skip, e.g. those `classifyFaults` already assigned. */
  excludeIds?: ReadonlySet<string>;
  /** As in {@link FaultsOptions.scope} (default 'negative'). */
  scope?: 'negative' | 'all';
  includeBrandMessages?: boolean;
  /** Fewest messages for a candidate (default 2). */
  minCount?: number;
  /** Most candidates returned (default 50). */
  limit?: number;
  /** Complaint shapes already found per text (parallel/text-tasks.ts `complaints`); others are found here. */
  complaints?: ReadonlyMap<string, ComplaintMatch[]>;
}
