/**
 * Run bench/sentiment.bench.ts on the airline tweet texts (repeated to
 * >= 100k posts). Usage: npx tsx scripts/sentiment/bench-airline.ts
 */
import { benchSentiment } from '../../bench/sentiment.bench.ts';
import { AIRLINE_CSV, airlineDataExists, loadAirlineTweets } from '../../tests/analysis/nlp/sentiment/airline-data.ts';

if (!airlineDataExists) {
  console.error(`labelled data not found at ${AIRLINE_CSV}`);
  process.exit(1);
}
const texts = loadAirlineTweets().map((t) => t.text);
for (let run = 1; run <= 3; run++) {
  const { postsPerSecond } = await benchSentiment(texts);
  console.log(`run ${run}: ${Math.round(postsPerSecond)} posts/s`);
}
