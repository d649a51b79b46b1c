/**
 * Honest accuracy of the sentiment scorer on human-labelled airline tweets.
 *
 * Leave-one-airline-out: for each airline, the learned layer is re-trained
 * here (trainSentimentModel, the same pure function scripts/sentiment/train.ts
 * uses) on the two other airlines only — hyper-parameters included, chosen
 * by inner cross-validation on those two — and scored on the held-out one.
 * Brand names are masked by the tokenizer, so nothing airline-specific
 * carries over. Training is deterministic (L-BFGS, no randomness).
 *
 * Floors: the task's targets (accuracy >= 0.78, macro-F1 >= 0.70) and, as a
 * regression guard, the figures measured when this test was written minus
 * 0.01. Skips (visibly) when the data file is absent.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  createSentimentScorer,
  evaluate,
  formatConfusion,
  trainSentimentModel,
  type SentimentLabel,
  type SentimentMetrics,
} from '../../../../src/analysis/nlp/sentiment/index.ts';
import { AIRLINE_CSV, airlineDataExists, loadAirlineTweets, type AirlineTweet } from './airline-data.ts';

if (!airlineDataExists) {
  console.warn(`[sentiment] SKIPPING held-out accuracy tests: labelled data not found at ${AIRLINE_CSV}`);
}

const TARGET = { accuracy: 0.78, macroF1: 0.7 };

/**
 * Measured when written, minus ~0.01 (never below the target). Measured:
 * United 0.7975 / 0.7229, US Airways 0.8465 / 0.7347, American 0.8399 / 0.7679
 * (accuracy / macro-F1). Raise these when the model genuinely improves.
 */
const REGRESSION_FLOOR: Record<string, { accuracy: number; macroF1: number }> = {
  United: { accuracy: 0.787, macroF1: 0.712 },
  'US Airways': { accuracy: 0.836, macroF1: 0.724 },
  American: { accuracy: 0.829, macroF1: 0.757 },
};

function describeMetrics(title: string, m: SentimentMetrics): string {
  const pc = (['negative', 'neutral', 'positive'] as const)
    .map((l) => `${l} P=${m.perClass[l].precision.toFixed(3)} R=${m.perClass[l].recall.toFixed(3)} F1=${m.perClass[l].f1.toFixed(3)}`)
    .join('; ');
  return `${title}: n=${m.n} accuracy=${m.accuracy.toFixed(4)} macro-F1=${m.macroF1.toFixed(4)}\n  ${pc}\n${formatConfusion(m)}`;
}

describe.skipIf(!airlineDataExists)('sentiment accuracy on labelled airline tweets', () => {
  const tweets: AirlineTweet[] = airlineDataExists ? loadAirlineTweets() : [];
  const airlines = [...new Set(tweets.map((t) => t.airline))].sort();
  const pooledGold: SentimentLabel[] = [];
  const pooledPred: SentimentLabel[] = [];
  const report: string[] = [];
  afterAll(() => {
    if (report.length > 0) console.log(report.join('\n\n'));
  });

  it('loads the three airlines', () => {
    expect(airlines).toEqual(['American', 'US Airways', 'United']);
    expect(tweets.length).toBeGreaterThan(9000);
  });

  for (const held of ['United', 'US Airways', 'American']) {
    it(`leave-one-airline-out: trained without ${held}, scored on ${held}`, () => {
      const train = tweets.filter((t) => t.airline !== held).map((t) => ({ text: t.text, label: t.label, group: t.airline }));
      const test = tweets.filter((t) => t.airline === held);
      const result = trainSentimentModel(train);
      const score = createSentimentScorer({ model: result.model });
      const gold = test.map((t) => t.label);
      const pred = test.map((t) => score(t.text).label);
      pooledGold.push(...gold);
      pooledPred.push(...pred);
      const m = evaluate(gold, pred);
      const majority = gold.filter((g) => g === 'negative').length / gold.length;
      report.push(
        describeMetrics(`held-out ${held} (trained on ${train.length}, chosen ${JSON.stringify(result.chosen)}, always-negative accuracy ${majority.toFixed(4)})`, m),
      );
      const floor = REGRESSION_FLOOR[held] as { accuracy: number; macroF1: number };
      expect(m.accuracy).toBeGreaterThanOrEqual(TARGET.accuracy);
      expect(m.macroF1).toBeGreaterThanOrEqual(TARGET.macroF1);
      expect(m.accuracy).toBeGreaterThanOrEqual(floor.accuracy);
      expect(m.macroF1).toBeGreaterThanOrEqual(floor.macroF1);
    });
  }

  it('pooled held-out predictions over all three airlines', () => {
    expect(pooledGold.length).toBe(tweets.length);
    const m = evaluate(pooledGold, pooledPred);
    report.push(describeMetrics('pooled leave-one-airline-out (all tweets, each scored by a model that never saw its airline)', m));
    // Measured 0.8246 / 0.7395.
    expect(m.accuracy).toBeGreaterThanOrEqual(0.814);
    expect(m.macroF1).toBeGreaterThanOrEqual(0.729);
  });

  it('rules-only mode (no learning, so no held-out split needed)', () => {
    const score = createSentimentScorer({ mode: 'rules' });
    const m = evaluate(tweets.map((t) => t.label), tweets.map((t) => score(t.text).label));
    report.push(describeMetrics('rules-only, all tweets', m));
    // Measured 0.6757 / 0.5893. Reference points on the full Kaggle set:
    // VADER 49.6% accuracy, TextBlob 42.9%.
    expect(m.accuracy).toBeGreaterThanOrEqual(0.665);
    expect(m.macroF1).toBeGreaterThanOrEqual(0.579);
  });

  it('shipped model on all tweets (IN-SAMPLE: it was trained on them; optimistic)', () => {
    const score = createSentimentScorer();
    const m = evaluate(tweets.map((t) => t.label), tweets.map((t) => score(t.text).label));
    report.push(describeMetrics('shipped model, all tweets, in-sample', m));
    // Measured 0.9419 / 0.9149; this only guards against a broken or stale model file.
    expect(m.accuracy).toBeGreaterThanOrEqual(0.93);
  });
});
