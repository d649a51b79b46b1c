/**
 * Print the sentiment scorer's figures on the labelled airline tweets:
 * leave-one-airline-out (re-trained per airline, as in
 * tests/analysis/nlp/sentiment/heldout.test.ts), pooled, rules-only, and
 * single-thread throughput of the shipped model.
 *
 * Usage: npx tsx scripts/sentiment/evaluate.ts [--no-bench]
 */
import { benchSentiment } from '../../bench/sentiment.bench.ts';
import {
  createSentimentScorer,
  evaluate,
  formatConfusion,
  trainSentimentModel,
  type SentimentLabel,
  type SentimentMetrics,
} from '../../src/analysis/nlp/sentiment/index.ts';
import { AIRLINE_CSV, airlineDataExists, loadAirlineTweets } from '../../tests/analysis/nlp/sentiment/airline-data.ts';

function show(title: string, m: SentimentMetrics): void {
  console.log(`\n${title}\n  n=${m.n} accuracy=${m.accuracy.toFixed(4)} macro-F1=${m.macroF1.toFixed(4)}`);
  console.log(formatConfusion(m).replace(/^/gm, '  '));
}

async function main(): Promise<void> {
  if (!airlineDataExists) {
    console.error(`labelled data not found at ${AIRLINE_CSV}`);
    process.exit(1);
  }
  const tweets = loadAirlineTweets();
  const gold: SentimentLabel[] = [];
  const pred: SentimentLabel[] = [];
  for (const held of ['United', 'US Airways', 'American']) {
    const t0 = Date.now();
    const train = tweets.filter((t) => t.airline !== held).map((t) => ({ text: t.text, label: t.label, group: t.airline }));
    const test = tweets.filter((t) => t.airline === held);
    const r = trainSentimentModel(train);
    const score = createSentimentScorer({ model: r.model });
    const p = test.map((t) => score(t.text).label);
    gold.push(...test.map((t) => t.label));
    pred.push(...p);
    show(`held-out ${held} (chosen ${JSON.stringify(r.chosen)}, ${Date.now() - t0} ms)`, evaluate(test.map((t) => t.label), p));
  }
  show('pooled leave-one-airline-out', evaluate(gold, pred));
  const rules = createSentimentScorer({ mode: 'rules' });
  show('rules-only (all)', evaluate(tweets.map((t) => t.label), tweets.map((t) => rules(t.text).label)));
  const shipped = createSentimentScorer();
  show('shipped model (all, IN-SAMPLE)', evaluate(tweets.map((t) => t.label), tweets.map((t) => shipped(t.text).label)));
  if (!process.argv.includes('--no-bench')) {
    const { postsPerSecond } = await benchSentiment(tweets.map((t) => t.text));
    console.log(`\nthroughput: ${Math.round(postsPerSecond)} posts/s (one thread, >= 100k posts)`);
  }
}

await main();
