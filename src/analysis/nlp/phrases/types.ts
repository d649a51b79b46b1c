/** Shared input types for the text analyses (themes, faults). */

/** Per-message sentiment label, as produced by the sentiment stage. */
export type SentimentLabel = 'negative' | 'neutral' | 'positive';

/** One message of a crisis export, as the text analyses see it. */
export interface TextMessage {
  id: string;
  text: string;
  /** Epoch milliseconds, UTC. */
  createdAt: number;
  /** True for the brand's own posts/replies. */
  isBrand: boolean;
  sentiment?: SentimentLabel;
  /** True when the export flags the message as a retweet (a text starting "RT @…" is one whatever this says). */
  isRetweet?: boolean;
}

/** Counts of sentiment labels among a set of messages. */
export interface SentimentMix {
  negative: number;
  neutral: number;
  positive: number;
}
