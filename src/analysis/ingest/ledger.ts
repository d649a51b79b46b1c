/**
 * The row ledger: every record read is loaded, rejected (with a reason),
 * superseded by a later version of the same case, or a duplicate — and the
 * four always add up to what was read.
 */
import { excerpt } from './values.ts';

export interface LedgerExample {
  /** `file:line` (or `file#record` for JSON). */
  at: string;
  text: string;
  detail?: string;
}

export interface LedgerBucket {
  count: number;
  examples: LedgerExample[];
}

export interface SourceLedger {
  file: string;
  format: string;
  table: 'messages' | 'cases';
  read: number;
  loaded: number;
  rejected: number;
  superseded: number;
  duplicates: number;
  /** Of `duplicates`: rows identical to an earlier row, and rows repeating an earlier id with other content. */
  exactDuplicates: number;
  repeatedIds: number;
  rejectedByReason: Record<string, LedgerBucket>;
  /** Optional fields that could not be parsed and were left empty, by field. */
  warnings: Record<string, LedgerBucket>;
  /** What was assumed or decided about this source, in words. */
  notes: string[];
}

export interface LedgerTotals {
  read: number;
  loaded: number;
  rejected: number;
  superseded: number;
  duplicates: number;
  rejectedByReason: Record<string, number>;
}

export interface Ledger {
  sources: SourceLedger[];
  totals: LedgerTotals;
}

const MAX_EXAMPLES = 5;

/** Starts the ledger of one source. */
export function sourceLedger(file: string, format: string, table: 'messages' | 'cases'): SourceLedger {
  return { file, format, table, read: 0, loaded: 0, rejected: 0, superseded: 0, duplicates: 0, exactDuplicates: 0, repeatedIds: 0, rejectedByReason: {}, warnings: {}, notes: [] };
}

/** Adds one example to a bucket, creating it; keeps only the first few examples. */
export function countInto(buckets: Record<string, LedgerBucket>, key: string, example: LedgerExample): void {
  const bucket = (buckets[key] ??= { count: 0, examples: [] });
  bucket.count++;
  if (bucket.examples.length < MAX_EXAMPLES) bucket.examples.push({ ...example, text: excerpt(example.text) });
}

/** Records a rejected record. */
export function reject(ledger: SourceLedger, reason: string, example: LedgerExample): void {
  ledger.rejected++;
  countInto(ledger.rejectedByReason, reason, example);
}

/** Sums the sources, with reasons in a stable order. */
export function totalLedger(sources: SourceLedger[]): Ledger {
  const totals: LedgerTotals = { read: 0, loaded: 0, rejected: 0, superseded: 0, duplicates: 0, rejectedByReason: {} };
  const reasons: Record<string, number> = {};
  for (const s of sources) {
    totals.read += s.read;
    totals.loaded += s.loaded;
    totals.rejected += s.rejected;
    totals.superseded += s.superseded;
    totals.duplicates += s.duplicates;
    for (const [reason, bucket] of Object.entries(s.rejectedByReason)) reasons[reason] = (reasons[reason] ?? 0) + bucket.count;
  }
  for (const key of Object.keys(reasons).sort()) totals.rejectedByReason[key] = reasons[key];
  return { sources, totals };
}

/** Throws when the books do not balance: a bug in ingest, never a data problem. */
export function assertBalanced(ledger: SourceLedger): void {
  const sum = ledger.loaded + ledger.rejected + ledger.superseded + ledger.duplicates;
  if (sum !== ledger.read) {
    throw new Error(`ledger of ${ledger.file} does not balance: loaded ${ledger.loaded} + rejected ${ledger.rejected} + superseded ${ledger.superseded} + duplicates ${ledger.duplicates} = ${sum} ≠ read ${ledger.read}`);
  }
}
