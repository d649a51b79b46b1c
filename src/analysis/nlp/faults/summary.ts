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

/** Hits read by index, without an object per hit (text classification makes millions of them). */
export interface FaultHitColumns {
  readonly length: number;
  createdAt(i: number): number;
  /** Index into the heads. */
  fault(i: number): number;
  /** The hit's record, where a record may show several faults; without it, each hit is a record of its own. */
  record?(i: number): string;
}

/** What {@link summariseFaults} gives. */
export type FaultsSummary = Omit<FaultsResult, 'version' | 'assignments' | 'positions' | 'considered' | 'classified'>;

/**
 * Summarises hits over `heads`: product faults first, then service failures,
 * each most frequent first (ties: head order). Shares are of the records with
 * a fault of the same kind; a record counts once per fault it shows.
 * @param times creation time of every record in scope (the denominators)
 */
export function summariseFaults(heads: readonly FaultHead[], times: readonly number[], hits: readonly FaultHit[], bucketMs: number): FaultsSummary {
  return summariseFaultHits(heads, times, { length: hits.length, createdAt: (i) => hits[i]!.createdAt, fault: (i) => hits[i]!.fault, record: (i) => hits[i]!.recordId }, bucketMs);
}

/** {@link summariseFaults} of hits read by index. */
export function summariseFaultHits(heads: readonly FaultHead[], times: readonly number[], hits: FaultHitColumns, bucketMs: number): FaultsSummary {
  const range = bucketRange(times, bucketMs);
  const consideredVolume = new Array<number>(range.starts.length).fill(0);
  for (let i = 0; i < times.length; i++) {
    const b = bucketIndex(range, times[i]!);
    if (b >= 0) consideredVolume[b]!++;
  }
  const rows: FaultSummary[] = heads.map((h) => ({ ...h, count: 0, share: 0, cumulativeShare: 0, firstSeen: null, lastSeen: null, volume: new Array<number>(range.starts.length).fill(0) }));
  const recordsOfKind: Record<FaultKind, Set<string>> = { product: new Set(), service: new Set() };
  // Each hit its own record: the records of a kind are its hits, counted without a set of millions of ids.
  const hitsOfKind: Record<FaultKind, number> = { product: 0, service: 0 };
  for (let i = 0; i < hits.length; i++) {
    const t = hits.createdAt(i);
    const row = rows[hits.fault(i)]!;
    row.count++;
    if (hits.record) recordsOfKind[row.kind].add(hits.record(i));
    else hitsOfKind[row.kind]++;
    if (Number.isFinite(t)) {
      if (row.firstSeen === null || t < row.firstSeen) row.firstSeen = t;
      if (row.lastSeen === null || t > row.lastSeen) row.lastSeen = t;
    }
    const b = bucketIndex(range, t);
    if (b >= 0) row.volume[b]!++;
  }
  const classifiedByKind = { product: recordsOfKind.product.size + hitsOfKind.product, service: recordsOfKind.service.size + hitsOfKind.service };
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
