/**
 * Throughput benchmark for per-message sentiment (hybrid mode, shipped
 * model), single-threaded. Wired into `npm run bench` by bench/run.ts.
 */
import { createSentimentScorer } from '../src/analysis/nlp/sentiment/index.ts';

/** Minimum number of posts scored per measurement, so timings are stable. */
const MIN_POSTS = 100_000;

/**
 * Score `texts` (repeated until at least 100k posts) on the current thread
 * and report posts per second. A short warm-up lets the JIT settle first.
 */
export async function benchSentiment(texts: string[]): Promise<{ postsPerSecond: number }> {
  if (texts.length === 0) return { postsPerSecond: 0 };
  const score = createSentimentScorer();
  let sink = 0; // consumed below so the work cannot be optimised away
  const warm = Math.min(texts.length, 5_000);
  for (let i = 0; i < warm; i++) sink += score(texts[i] as string).score;
  const rounds = Math.max(1, Math.ceil(MIN_POSTS / texts.length));
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const t of texts) sink += score(t).score;
  }
  const seconds = (performance.now() - t0) / 1000;
  if (Number.isNaN(sink)) throw new Error('benchSentiment: NaN score');
  return { postsPerSecond: (rounds * texts.length) / seconds };
}
