/**
 * The fault Pareto from hits: one row per taxonomy fault with its count,
 * share, first/last seen and volume per bucket. Shared by text classification
 * (one fault per record) and structured fault columns (several per record).
 */
import { bucketIndex, bucketRange } from '../phrases/buckets.ts';
import type { FaultKind, FaultsResult, FaultSummary } from './types.ts';

/** A fault of the Pareto, before counting. */
export interface FaultHead {
  faultId: string;
  label: string;
  kind: FaultKind;
}

/** One record showing one fault. */
export interface FaultHit {
  recordId: string;
  createdAt: number;
  /** Index into the heads. */
  fault: number;
}

/**
 * Summarises hits over `heads`: product faults first, then service failures,
 * each most frequent first (ties: head order). Shares are of the records with
 * a fault of the same kind; a record counts once per fault it shows.
 * @param times creation time of every record in scope (the denominators)
 */
export function summariseFaults(heads: readonly FaultHead[], times: readonly number[], hits: readonly FaultHit[], bucketMs: number): Omit<FaultsResult, 'version' | 'assignments' | 'positions' | 'considered' | 'classified'> {
  const range = bucketRange(times, bucketMs);
  const consideredVolume = new Array<number>(range.starts.length).fill(0);
  for (const t of times) {
    const b = bucketIndex(range, t);
    if (b >= 0) consideredVolume[b]!++;
  }
  const rows: FaultSummary[] = heads.map((h) => ({ ...h, count: 0, share: 0, cumulativeShare: 0, firstSeen: null, lastSeen: null, volume: new Array<number>(range.starts.length).fill(0) }));
  const recordsOfKind: Record<FaultKind, Set<string>> = { product: new Set(), service: new Set() };
  for (const { recordId, createdAt: t, fault } of hits) {
    const row = rows[fault]!;
    row.count++;
    recordsOfKind[row.kind].add(recordId);
    if (Number.isFinite(t)) {
      if (row.firstSeen === null || t < row.firstSeen) row.firstSeen = t;
      if (row.lastSeen === null || t > row.lastSeen) row.lastSeen = t;
    }
    const b = bucketIndex(range, t);
    if (b >= 0) row.volume[b]!++;
  }
  const classifiedByKind = { product: recordsOfKind.product.size, service: recordsOfKind.service.size };
  const kindRank = (k: FaultKind) => (k === 'product' ? 0 : 1);
  const order = rows.map((_, i) => i).sort((a, b) => kindRank(rows[a]!.kind) - kindRank(rows[b]!.kind) || rows[b]!.count - rows[a]!.count || a - b);
  const running: Record<FaultKind, number> = { product: 0, service: 0 };
  const pareto = order.map((i) => {
    const row = rows[i]!;
    const of = classifiedByKind[row.kind];
    running[row.kind] += row.count;
    row.share = of > 0 ? row.count / of : 0;
    row.cumulativeShare = of > 0 ? running[row.kind] / of : 0;
    return row;
  });
  return { classifiedByKind, consideredVolume, pareto, bucketMs, bucketStarts: range.starts };
}
