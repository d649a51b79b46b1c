/**
 * Per-message sentiment for crisis posts and tickets: negative / neutral /
 * positive plus a score in -1..1. Offline, pure TypeScript, runs in Node and
 * in the browser.
 *
 * Pipeline per post (hot path, no compromise at run time — see tokenize.ts):
 *   regex tokenizer -> lexicon rules (AFINN-165 + customer-service cues,
 *   negation, intensifiers, caps, "!", "but", emoji, sarcasm) -> features ->
 *   multinomial logistic regression trained on labelled airline tweets with
 *   brand names masked (scripts/sentiment/train.ts).
 *
 * @example
 *   const score = createSentimentScorer();
 *   score('still waiting on hold for 2 hours'); // { label: 'negative', score: ≈ -0.98 }
 */
import { emitFeatures } from './features.ts';
import { SHIPPED_MODEL } from './shipped-model.ts';
import { LinearAccumulator, compileModel, type SentimentLabel, type SentimentModelData } from './model.ts';
import { analyzeRules } from './rules.ts';
import { tokenize } from './tokenize.ts';

export type { SentimentLabel, SentimentModelData } from './model.ts';
export { LABELS } from './model.ts';
export { trainSentimentModel, type TrainingSample, type TrainOptions, type TrainResult } from './train.ts';
export { evaluate, formatConfusion, type SentimentMetrics } from './metrics.ts';
export { addBrandTerms } from './normalize.ts';

/** Result for one message. */
export interface SentimentResult {
  label: SentimentLabel;
  /**
   * Signed strength in -1..1. Hybrid mode: P(positive) - P(negative).
   * Rules mode: VADER-style compound score.
   */
  score: number;
}

/** Options for {@link createSentimentScorer}. */
export interface SentimentScorerOptions {
  /**
   * 'hybrid' (default): learned layer over the rule features — the accurate
   * one. 'rules': lexicon rules only; no learned weights, easier to explain,
   * markedly less accurate on support traffic (see tests for figures).
   */
  mode?: 'hybrid' | 'rules';
  /** Model for hybrid mode; defaults to the shipped one (model.json). */
  model?: SentimentModelData;
  /** Rules mode: |compound| below this is neutral. Default 0.05 (VADER's). */
  neutralBand?: number;
}

/**
 * Behaviour version, for cache keys. Changes whenever code (first part,
 * bump by hand) or shipped weights (second part, from the model id) change.
 */
export const SENTIMENT_VERSION: string = `1.0.0+${String(SHIPPED_MODEL.meta.id ?? 'none')}`;

/**
 * Build a scorer. Construction parses the model once (~ms); the returned
 * function is synchronous, stateless and safe to call millions of times.
 */
export function createSentimentScorer(options: SentimentScorerOptions = {}): (text: string) => SentimentResult {
  if (options.mode === 'rules') {
    const band = options.neutralBand ?? 0.05;
    return (text: string): SentimentResult => {
      const { compound } = analyzeRules(tokenize(text));
      const label: SentimentLabel = compound >= band ? 'positive' : compound <= -band ? 'negative' : 'neutral';
      return { label, score: compound };
    };
  }
  const acc = new LinearAccumulator(compileModel(options.model ?? SHIPPED_MODEL));
  return (text: string): SentimentResult => {
    const tokens = tokenize(text);
    acc.reset();
    emitFeatures(tokens, analyzeRules(tokens), acc);
    const p = acc.proba();
    const label: SentimentLabel = p[0] >= p[1] && p[0] >= p[2] ? 'negative' : p[1] >= p[2] ? 'neutral' : 'positive';
    return { label, score: p[2] - p[0] };
  };
}
