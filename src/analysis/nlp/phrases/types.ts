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

/**
 * The labels of texts by position. A caller whose texts are the crisis's own
 * records (which carry no labels) gives them here, instead of a labelled copy
 * of every record: a million such copies were ~80 MB and a second of work.
 */
import type { RowList } from '../../model.ts';
export interface TextLabels {
  /** Sentiment label of text `i`, if it has one. */
  sentiment(i: number): SentimentLabel | undefined;
  /** Whether the export flags text `i` as a retweet. */
  retweet(i: number): boolean;
}

/** The labels the texts carry themselves (`sentiment`, `isRetweet`). */
export function carriedLabels(texts: RowList<TextMessage>): TextLabels {
  return { sentiment: (i) => texts.at(i)!.sentiment, retweet: (i) => texts.at(i)!.isRetweet === true };
}

/** Counts of sentiment labels among a set of messages. */
export interface SentimentMix {
  negative: number;
  neutral: number;
  positive: number;
}
