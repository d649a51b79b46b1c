/** The texts language analyses read: messages, or the narratives of cases when a crisis has only cases. */
import type { AnalysisContext } from '../runner/analysis.ts';
import { mainEpisodeOf } from '../crisis/notions.ts';
import type { TimelineSection } from '../crisis/types.ts';
import { CASE_PREFIX, type RowList } from '../model.ts';
import { retweetFlagged } from '../nlp/retweets.ts';
import { carriedLabels, type SentimentLabel, type TextLabels, type TextMessage } from '../nlp/phrases/types.ts';

/**
 * Customer-facing texts with their sentiment label when the sentiment analysis
 * ran, as labelled copies (`debrief faults suggest` reads these); the analyses
 * read {@link labelledTexts}, which makes no copy.
 */
export function textMessages(ctx: AnalysisContext): { items: TextMessage[]; source: 'messages' | 'cases' } {
  if (ctx.messages.length) {
    const label = (id: string) => ctx.columns.value(id, 'sentiment') as TextMessage['sentiment'] | undefined;
    return { items: ctx.messages.map((m) => ({ id: m.id, text: m.text, createdAt: m.createdAt, isBrand: m.isBrand, sentiment: label(m.id) })), source: 'messages' };
  }
  return { items: caseTexts(ctx), source: 'cases' };
}

/** The texts language analyses read: the crisis's own messages (no copy of a million records) or case narratives, with their labels by position. */
export interface LabelledTexts {
  items: RowList<TextMessage>;
  /** Sentiment labels (when the sentiment analysis ran) and the export's retweet flags, by position in `items`. */
  labels: TextLabels;
  source: 'messages' | 'cases';
}

/** {@link textMessages} without copies: the messages themselves, their labels read by position. */
export function labelledTexts(ctx: AnalysisContext): LabelledTexts {
  if (!ctx.messages.length) {
    const items = caseTexts(ctx);
    return { items, labels: carriedLabels(items), source: 'cases' };
  }
  const sentiment = ctx.columns.column('sentiment');
  // Read on the first question: the faults ask only for sentiment, and a million messages' attributes are not free.
  let flagged: Uint8Array | undefined;
  const retweet = (i: number) => {
    flagged ??= Uint8Array.from(ctx.messages, (m) => (retweetFlagged(m.attributes) ? 1 : 0));
    return flagged[i] === 1;
  };
  return { items: ctx.messages, labels: { sentiment: (i) => sentiment.at(i) as SentimentLabel | undefined, retweet }, source: 'messages' };
}

/** Case narratives as texts (ids prefixed), with CFPB-style `XXXX` redactions blanked so they never become phrases. */
export function caseTexts(ctx: AnalysisContext): TextMessage[] {
  return ctx.cases.filter((c) => c.text).map((c) => ({ id: CASE_PREFIX + c.id, text: c.text!.replace(/\bX{2,}\b/g, ' '), createdAt: c.openedAt, isBrand: false }));
}

/** One string per text with everything a language result depends on: the cache key of its input. */
export function inputKey(items: RowList<TextMessage>, labels: TextLabels = carriedLabels(items)): Iterable<string> {
  // Made one at a time as a cache reads them: a million key strings never live at once, and none without a cache.
  return {
    *[Symbol.iterator]() {
      for (let i = 0; i < items.length; i++) {
        const m = items.at(i)!;
        yield `${m.id}\u0001${m.createdAt}\u0001${m.isBrand}\u0001${labels.sentiment(i) ?? ''}\u0001${m.text}`;
      }
    },
  };
}

/** Bucket width, and onset and peak of the main surge, from the timeline section, so themes and faults line up with its chart. */
export function timelineFrame(ctx: AnalysisContext): { bucketMs?: number; onset?: number; peak?: number } {
  const t = ctx.report.sections.timeline as TimelineSection | undefined;
  if (!t) return {};
  const main = mainEpisodeOf(t);
  return { bucketMs: t.bucket.ms, onset: main ? Date.parse(main.onset.at) : undefined, peak: main ? Date.parse(main.peak.at) : undefined };
}
