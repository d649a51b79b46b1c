/**
 * classifyFaults: assign each in-scope message to at most one configured
 * fault, then summarise (Pareto per kind, timeline, first/last seen). Only
 * complaints are evidence (evidence.ts): not praise, plain questions, a
 * keyword inside a hashtag alone, or a retweet of a message already counted.
 */
import type { RowList } from '../../model.ts';
import type { SentimentLabel, TextMessage } from '../phrases/types.ts';
import { compileTaxonomy } from './compile.ts';
import { isRetweetText, retweetBody } from '../retweets.ts';
import { matchMessage } from './match.ts';
import { summariseFaultHits } from './summary.ts';
import type { FaultAssignment, FaultsOptions, FaultsResult, FaultTaxonomy } from './types.ts';

/** Bump when output for the same input changes (cache key). */
export const FAULTS_VERSION = 'faults-6';

/** Whether a message is in scope for fault analysis (defaults: negative or unlabelled customer messages). */
export function inFaultScope(m: TextMessage, options: Pick<FaultsOptions, 'scope' | 'includeBrandMessages'> = {}): boolean {
  return labelsInFaultScope(m.isBrand, m.sentiment, options);
}

/** {@link inFaultScope} of a text with these labels (for texts that do not carry their sentiment). */
export function labelsInFaultScope(isBrand: boolean, sentiment: SentimentLabel | undefined, options: Pick<FaultsOptions, 'scope' | 'includeBrandMessages'> = {}): boolean {
  if (isBrand && !(options.includeBrandMessages ?? false)) return false;
  return (options.scope ?? 'negative') === 'all' || sentiment === undefined || sentiment === 'negative';
}

/**
 * Classify messages against a taxonomy.
 * @param messages crisis messages (any order)
 * @param taxonomy the `faults:` block (see {@link parseFaultTaxonomy})
 */
export function classifyFaults(messages: RowList<TextMessage>, taxonomy: FaultTaxonomy, options: FaultsOptions = {}): FaultsResult {
  const bucketMs = options.bucketMs ?? 3_600_000;
  const compiled = compileTaxonomy(taxonomy);

  // Keyed by message id, which is data: without a prototype, an id such as "__proto__" is a key like any other.
  const assignments = Object.create(null) as Record<string, FaultAssignment>;
  // The fault of each message by position (−1: none), read in position order below: no object per hit.
  const faultAt = new Int32Array(messages.length).fill(-1);
  let classified = 0;
  const times: number[] = [];
  // Identical texts (retweets, copy-paste) get one answer, computed once (or given: by position, not looked up by text).
  const given = options.matchAt;
  const chosen = new Map<string, FaultAssignment | null>();
  // What counted messages say (nlp/retweets.ts retweetBody): a retweet of one of them is not evidence again.
  const counted = new Set<string>();
  const retweets: { message: TextMessage; position: number; a: FaultAssignment }[] = [];
  const assign = (message: TextMessage, position: number, a: FaultAssignment) => {
    assignments[message.id] = a;
    faultAt[position] = compiled.ids.indexOf(a.faultId);
    classified++;
  };
  for (let position = 0; position < messages.length; position++) {
    const m = messages.at(position)!;
    if (!inFaultScope(m, options)) continue;
    times.push(m.createdAt);
    // null is an answer (no fault): only undefined means not yet asked.
    let a = given?.(position);
    if (a === undefined) a = chosen.get(m.text);
    if (a === undefined) {
      a = matchMessage(m.text, compiled);
      chosen.set(m.text, a);
    }
    if (a === null) continue;
    if (isRetweetText(m.text) || options.retweetIds?.has(m.id)) {
      retweets.push({ message: m, position, a });
      continue;
    }
    counted.add(retweetBody(m.text));
    assign(m, position, a);
  }
  // A retweet counts only when no counted message (nor an earlier retweet) says the same: then it is the only report.
  retweets.sort((x, y) => x.message.createdAt - y.message.createdAt || x.position - y.position);
  for (const { message, position, a } of retweets) {
    const body = retweetBody(message.text);
    if (counted.has(body)) continue;
    counted.add(body);
    assign(message, position, a);
  }
  const positions = new Array<number>(classified);
  for (let p = 0, k = 0; p < faultAt.length; p++) if (faultAt[p]! >= 0) positions[k++] = p;

  const heads = compiled.ids.map((faultId, i) => ({ faultId, label: compiled.labels[i]!, kind: taxonomy[faultId]!.kind ?? 'product' }));
  // By position: each message is one record, with one fault, even where an export repeats an id.
  const hits = { length: classified, createdAt: (k: number) => messages.at(positions[k]!)!.createdAt, fault: (k: number) => faultAt[positions[k]!]! };
  const summary = summariseFaultHits(heads, times, hits, bucketMs);
  return {
    version: FAULTS_VERSION,
    considered: times.length,
    classified,
    assignments,
    positions,
    ...summary,
  };
}
