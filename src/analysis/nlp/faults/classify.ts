/**
 * classifyFaults: assign each in-scope message to at most one configured
 * fault, then summarise (Pareto, timeline, first/last seen).
 */
import { bucketIndex, bucketRange } from '../phrases/buckets.ts';
import type { TextMessage } from '../phrases/types.ts';
import { compileTaxonomy } from './compile.ts';
import { matchMessage } from './match.ts';
import type { FaultAssignment, FaultsOptions, FaultsResult, FaultSummary, FaultTaxonomy } from './types.ts';

/** Bump when output for the same input changes (cache key). */
export const FAULTS_VERSION = 'faults-2';

/** Whether a message is in scope for fault analysis (defaults: negative or unlabelled customer messages). */
export function inFaultScope(m: TextMessage, options: Pick<FaultsOptions, 'scope' | 'includeBrandMessages'> = {}): boolean {
  if (m.isBrand && !(options.includeBrandMessages ?? false)) return false;
  return (options.scope ?? 'negative') === 'all' || m.sentiment === undefined || m.sentiment === 'negative';
}

/**
 * Classify messages against a taxonomy.
 * @param messages crisis messages (any order)
 * @param taxonomy the `faults:` block (see {@link parseFaultTaxonomy})
 */
export function classifyFaults(messages: readonly TextMessage[], taxonomy: FaultTaxonomy, options: FaultsOptions = {}): FaultsResult {
  const bucketMs = options.bucketMs ?? 3_600_000;
  const compiled = compileTaxonomy(taxonomy);

  const assignments: Record<string, FaultAssignment> = {};
  const hits: { message: TextMessage; fault: number }[] = [];
  const times: number[] = [];
  // Identical texts (retweets, copy-paste) get one answer, computed once.
  const chosen = new Map<string, FaultAssignment | null>(options.matches);
  for (const m of messages) {
    if (!inFaultScope(m, options)) continue;
    times.push(m.createdAt);
    let a = chosen.get(m.text);
    if (a === undefined) {
      a = matchMessage(m.text, compiled);
      chosen.set(m.text, a);
    }
    if (a === null) continue;
    assignments[m.id] = a;
    hits.push({ message: m, fault: compiled.ids.indexOf(a.faultId) });
  }

  const range = bucketRange(times, bucketMs);
  const rows: FaultSummary[] = compiled.ids.map((faultId, i) => ({
    faultId,
    label: compiled.labels[i]!,
    count: 0,
    share: 0,
    cumulativeShare: 0,
    firstSeen: null,
    lastSeen: null,
    volume: new Array<number>(range.starts.length).fill(0),
  }));
  for (const { message, fault } of hits) {
    const row = rows[fault]!;
    row.count++;
    const t = message.createdAt;
    if (Number.isFinite(t)) {
      if (row.firstSeen === null || t < row.firstSeen) row.firstSeen = t;
      if (row.lastSeen === null || t > row.lastSeen) row.lastSeen = t;
    }
    const b = bucketIndex(range, t);
    if (b >= 0) row.volume[b]!++;
  }
  const order = rows.map((_, i) => i).sort((a, b) => rows[b]!.count - rows[a]!.count || a - b);
  let running = 0;
  const pareto = order.map((i) => {
    const row = rows[i]!;
    row.share = hits.length > 0 ? row.count / hits.length : 0;
    running += row.count;
    row.cumulativeShare = hits.length > 0 ? running / hits.length : 0;
    return row;
  });
  return {
    version: FAULTS_VERSION,
    considered: times.length,
    classified: hits.length,
    assignments,
    pareto,
    bucketMs,
    bucketStarts: range.starts,
  };
}
