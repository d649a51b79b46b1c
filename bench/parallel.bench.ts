/**
 * The language stages as the analyses run them on Node: per-text work
 * (sentiment, fault matching, complaint shapes) and phrase discovery shared
 * with worker threads, the rest on this thread. Wired into `npm run bench` by bench/run.ts.
 */
import { classifyFaults, discoverCandidateFaults, inFaultScope, type TextMessage } from '../src/analysis/nlp/faults/index.ts';
import { mergeDiscovered } from '../src/analysis/nlp/phrases/discover.ts';
import { finishThemes, prepareThemes } from '../src/analysis/nlp/themes/index.ts';
import { mapByText, startByPosition } from '../src/analysis/parallel/text-mapper.ts';
import { createWorkerMapper } from '../src/node/worker-mapper.ts';
import { GENERIC_TAXONOMY } from './faults.bench.ts';

/** Seconds per stage for `texts`, with `workers` worker threads besides this one (0 = this thread only). */
export async function benchParallel(texts: string[], workers: number): Promise<{ sentiment: number; themes: number; faults: number; threads: number }> {
  const messages: TextMessage[] = texts.map((text, i) => ({ id: String(i), text, createdAt: Math.floor((i / texts.length) * 48 * 3_600_000), isBrand: false }));
  const mapper = createWorkerMapper({ workers });
  const time = async (f: () => unknown): Promise<number> => {
    const start = performance.now();
    await f();
    return (performance.now() - start) / 1000;
  };
  try {
    // Start the threads outside the timings: a build pays this once, not per stage.
    await mapper.map('sentiment', {}, Array.from({ length: 60_000 }, (_, i) => `warm up ${i}`));
    const sentiment = await time(() => mapper.map('sentiment', {}, [...new Set(texts)]));
    const themes = await time(async () => {
      const prepared = prepareThemes(messages, { bucketMs: 3_600_000 });
      finishThemes(prepared, mergeDiscovered(await mapper.mapChunks('phrases', {}, prepared.sampleTexts)));
    });
    const faults = await time(async () => {
      // As the faults analysis does: the texts in scope, their matches by position.
      const inScope = messages.filter((m) => inFaultScope(m));
      const matchAt = await startByPosition(mapper, 'fault-match', { taxonomy: GENERIC_TAXONOMY }, inScope.map((m) => m.text)).join();
      const result = classifyFaults(inScope, GENERIC_TAXONOMY, { bucketMs: 3_600_000, matchAt });
      const excluded = new Set(Object.keys(result.assignments));
      const complaints = await mapByText(mapper, 'complaints', {}, inScope.filter((m) => !excluded.has(m.id)).map((m) => m.text));
      discoverCandidateFaults(inScope, { excludeIds: excluded, complaints });
    });
    return { sentiment, themes, faults, threads: mapper.threads };
  } finally {
    await mapper.close();
  }
}
