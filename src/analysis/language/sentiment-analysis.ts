/**
 * The `sentiment` analysis: a label and score per message (customer and brand),
 * shares of customer sentiment overall and by channel, and — when the export
 * carries human labels (e.g. `airline_sentiment`) — how well the model agrees.
 */
import { setColumn, type Analysis, type AnalysisContext } from '../runner/analysis.ts';
import { keyParts, lookUp } from '../cache.ts';
import { NO_BRAND_MESSAGES, NO_CUSTOMER_MESSAGES } from '../crisis/not-measurable.ts';
import { distinctMessageTexts, type DistinctTexts } from '../core/distinct-texts.ts';
import { startedRowsWork } from '../runner/started-work.ts';
import { evaluate, LABELS, SENTIMENT_VERSION, type SentimentLabel, type SentimentResult } from '../nlp/sentiment/index.ts';

export interface SentimentCounts {
  negative: number;
  neutral: number;
  positive: number;
  total: number;
  /** negative / total; null (with `negativeShareNotMeasurable`) when there are no such messages. */
  negativeShare: number | null;
  /** Why `negativeShare` is null. */
  negativeShareNotMeasurable?: string;
}

export interface SentimentSection {
  version: string;
  definition: string;
  /** Customer (inbound, non-brand) messages. */
  customer: SentimentCounts;
  brand: SentimentCounts;
  byChannel: ({ channel: string } & SentimentCounts)[];
  /** Distinct texts scored (copies are scored once). */
  distinctTexts: number;
  /** Agreement with human labels found in the export, when there are any. */
  evaluation: null | {
    attribute: string;
    n: number;
    accuracy: number;
    macroF1: number;
    labels: readonly string[];
    /** confusion[human][model], rows and columns in `labels` order. */
    confusion: number[][];
    /** True when the shipped model learned from these very labels, so agreement flatters it. */
    inSample: boolean;
  };
}

const LABEL_ATTRIBUTES = ['airline_sentiment', 'sentiment_label', 'human_sentiment'];

/**
 * The scoring of every distinct text, from the cache or started on the host's threads. It needs only the messages,
 * so it starts as soon as the files are read: the worker threads score while this thread loads the engine's tables.
 */
const scoring = startedRowsWork(async (rows): Promise<{ distinct: DistinctTexts; scored: () => Promise<SentimentResult[]> }> => {
  // Distinct texts in first-seen order, and each message's (shared with themes).
  const distinct = distinctMessageTexts(rows.messages);
  const entry = await lookUp<SentimentResult[]>(rows.cache, 'sentiment', keyParts(SENTIMENT_VERSION, distinct.texts));
  if (entry.value !== undefined) {
    const value = entry.value;
    return { distinct, scored: async () => value };
  }
  const started = rows.textMapper.start('sentiment', {}, distinct.texts);
  return {
    distinct,
    scored: async () => {
      const value = await started.join();
      await entry.store(value);
      return value;
    },
  };
});

/** The sentiment analysis: each distinct text is scored once (retweets and copy-paste storms repeat), and cached by version + texts. */
export const sentimentAnalysis: Analysis = {
  name: 'sentiment',
  sections: ['sentiment'],
  columns: ['sentiment', 'sentiment_score'],
  prefetchRows: (rows) => {
    if (rows.messages.length) scoring.prefetch(rows);
  },
  async run(ctx: AnalysisContext) {
    if (!ctx.messages.length) return;
    const work = await scoring.take(ctx);
    const { texts, of } = work.distinct;
    ctx.progress(`sentiment: ${texts.length.toLocaleString('en-US')} distinct texts`);
    const scored = await work.scored();
    const distinct = texts.length;
    const empty = (): SentimentCounts => ({ negative: 0, neutral: 0, positive: 0, total: 0, negativeShare: null });
    const customer = empty();
    const brand = empty();
    const channels = new Map<string, SentimentCounts>();
    const gold: SentimentLabel[] = [];
    const predicted: SentimentLabel[] = [];
    const attribute = LABEL_ATTRIBUTES.find((a) => ctx.messages.some((m) => m.attributes[a] !== undefined)) ?? null;
    for (let i = 0; i < ctx.messages.length; i++) {
      const m = ctx.messages.at(i)!;
      const r = scored[of[i]!]!;
      setColumn(ctx, m.id, 'sentiment', r.label);
      setColumn(ctx, m.id, 'sentiment_score', Math.round(r.score * 1000) / 1000);
      const bucket = m.isBrand ? brand : customer;
      bucket[r.label]++;
      bucket.total++;
      if (!m.isBrand) {
        const c = channels.get(m.channel) ?? empty();
        c[r.label]++;
        c.total++;
        channels.set(m.channel, c);
      }
      const label = attribute ? m.attributes[attribute]?.toLowerCase() : undefined;
      if (label && (LABELS as readonly string[]).includes(label)) {
        gold.push(label as SentimentLabel);
        predicted.push(r.label);
      }
    }
    // A share of nothing is not 0: the report says why it is missing (the brand posted nothing, say).
    const share = (c: SentimentCounts, none: string) => {
      c.negativeShare = c.total ? c.negative / c.total : null;
      if (!c.total) c.negativeShareNotMeasurable = none;
    };
    share(customer, NO_CUSTOMER_MESSAGES);
    share(brand, NO_BRAND_MESSAGES);
    for (const c of channels.values()) share(c, NO_CUSTOMER_MESSAGES);
    const metrics = gold.length ? evaluate(gold, predicted) : null;
    const section: SentimentSection = {
      version: SENTIMENT_VERSION,
      definition:
        'Each message is labelled negative, neutral or positive by a lexicon-and-rules model (AFINN-165 plus customer-service cues, negation, intensifiers, "but" contrast, emoji) with a learned layer; shares are of customer messages (inbound, not from the brand).',
      customer,
      brand,
      byChannel: [...channels].map(([channel, c]) => ({ channel, ...c })).sort((a, b) => b.total - a.total || a.channel.localeCompare(b.channel)),
      distinctTexts: distinct,
      evaluation: metrics && attribute ? { attribute, n: metrics.n, accuracy: metrics.accuracy, macroF1: metrics.macroF1, labels: LABELS, confusion: metrics.confusion, inSample: attribute === 'airline_sentiment' } : null,
    };
    ctx.report.sections.sentiment = section;
  },
};
