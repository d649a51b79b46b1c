/**
 * Throughput of classifyFaults + discoverCandidateFaults on the given texts
 * (one core, in-process). Wired into `npm run bench` by bench/run.ts.
 */
import { classifyFaults, discoverCandidateFaults, type FaultTaxonomy, type TextMessage } from '../src/analysis/nlp/faults/index.ts';

/** A small generic taxonomy used when none is given. */
export const GENERIC_TAXONOMY: FaultTaxonomy = {
  delivery: { label: 'Delivery', keywords: ['late delivery', 'not delivered', 'never arrived', 'delayed', 'delay', 'late'] },
  lost_item: { label: 'Lost item', keywords: ['lost bag', 'lost luggage', 'missing', 'lost'], patterns: ['{lose} #Possessive? (bag|luggage|package|order)'] },
  cancellation: { label: 'Cancellation', keywords: ['cancelled', 'cancellation'] },
  billing: { label: 'Billing', keywords: ['charged twice', 'double charged', 'refund', 'overcharged', 'fee', 'bill'] },
  app: { label: 'App / website', keywords: ['app', 'website', 'log in', 'login', 'crash', 'error'] },
  support: { label: 'Customer support', keywords: ['customer service', 'on hold', 'no response', 'rude', 'agent', 'call'] },
};

/** Run fault classification and discovery once over `texts`; report posts per second. */
export async function benchFaults(
  texts: string[],
  taxonomy: FaultTaxonomy = GENERIC_TAXONOMY,
): Promise<{ postsPerSecond: number; seconds: number; classified: number }> {
  const messages: TextMessage[] = texts.map((text, i) => ({ id: String(i), text, createdAt: i * 1000, isBrand: false }));
  const start = performance.now();
  const result = classifyFaults(messages, taxonomy, { bucketMs: 3_600_000 });
  discoverCandidateFaults(messages, { excludeIds: new Set(Object.keys(result.assignments)) });
  const seconds = (performance.now() - start) / 1000;
  return { postsPerSecond: texts.length / seconds, seconds, classified: result.classified };
}

export default benchFaults;
