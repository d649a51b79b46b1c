/**
 * Train the shipped sentiment model on all labelled airline tweets and write
 * src/analysis/nlp/sentiment/model.json (model-json.ts).
 *
 * Hyper-parameters are picked by trainSentimentModel's inner
 * leave-one-airline-out cross-validation (groups = airline). The held-out
 * quality of this exact procedure is measured by
 * tests/analysis/nlp/sentiment/heldout.test.ts, which re-runs it with each
 * airline left out in turn.
 *
 * Usage: npx tsx scripts/sentiment/train.ts   (after build-lemmas.ts if the
 * lexicon or cue words changed). Deterministic: same data -> same file.
 */
import { writeFileSync } from 'node:fs';
import { trainSentimentModel, type SentimentModelData } from '../../src/analysis/nlp/sentiment/index.ts';
import { modelJson } from './model-json.ts';
import { AIRLINE_CSV, airlineDataExists, loadAirlineTweets } from '../../tests/analysis/nlp/sentiment/airline-data.ts';

const OUT = new URL('../../src/analysis/nlp/sentiment/model.json', import.meta.url);

/** FNV-1a 32-bit, hex: a content id for the weights (feeds SENTIMENT_VERSION). */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The model with its content id and provenance, as model.json holds it. */
function withProvenance(model: SentimentModelData): SentimentModelData {
  const id = fnv1a(model.features + model.weights.join(',') + model.bias.join(','));
  return { ...model, meta: { ...model.meta, id, data: 'Twitter US Airline Sentiment (United, US Airways, American), brand-masked' } };
}

function main(): void {
  if (!airlineDataExists) {
    console.error(`training data not found at ${AIRLINE_CSV}; cannot train`);
    process.exit(1);
  }
  const tweets = loadAirlineTweets();
  const t0 = Date.now();
  const result = trainSentimentModel(tweets.map((t) => ({ text: t.text, label: t.label, group: t.airline })));
  for (const s of result.selection) {
    console.log(`l2=${s.l2} classWeightPower=${s.classWeightPower}: inner macro-F1 ${s.macroF1.toFixed(4)} acc ${s.accuracy.toFixed(4)}`);
  }
  console.log(`chosen ${JSON.stringify(result.chosen)}; ${result.model.meta.features} features; ${Date.now() - t0} ms`);
  writeFileSync(OUT, modelJson(withProvenance(result.model)));
  console.log(`wrote ${OUT.pathname}`);
}

main();
