/**
 * The row ledger: every record read is loaded, rejected (with a reason),
 * superseded by a later version of the same case, or a duplicate — and the
 * four always add up to what was read.
 */
import { BARE_CARRIAGE_RETURN } from './csv-records.ts';
import { FIELD_TOO_LARGE } from './field-limit.ts';
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
  /**
   * Sources that lost most of their records, in source order: the site shows
   * each as a warning banner at the top of the crisis summary, and
   * `debrief analyze` prints them on stderr (and fails on an `error`).
   */
  alerts: LedgerAlert[];
}

/** A source whose records were all, or mostly, rejected. */
export interface LedgerAlert {
  /**
   * `error`: every record of the source was rejected, so it contributes
   * nothing (`debrief analyze` and `debrief build` fail). `warning`: more than
   * half were rejected as unusable (records outside the configured crisis
   * window are a choice, not a loss, and do not count towards it).
   */
  level: 'error' | 'warning';
  file: string;
  read: number;
  rejected: number;
  /** The reason most of its records were rejected for, and how many. */
  reason: string;
  reasonCount: number;
  /** The first record rejected for that reason. */
  example: LedgerExample;
  /** What to change in crisis.yaml. */
  fix: string;
  /** The alert in one line: file, counts, main reason with an example `file:line`, and the fix. */
  message: string;
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
  return { sources, totals, alerts: sources.flatMap((s) => sourceAlert(s) ?? []) };
}

/** The ledger's reason for records outside `window:` in crisis.yaml. */
export const OUTSIDE_WINDOW = 'outside crisis window';

/** The alert a source deserves: every record rejected (error), or more than half rejected as unusable (warning); null otherwise. */
export function sourceAlert(s: SourceLedger): LedgerAlert | null {
  if (s.read === 0 || s.rejected === 0) return null;
  const unusable = s.rejected - (s.rejectedByReason[OUTSIDE_WINDOW]?.count ?? 0);
  const level = s.rejected === s.read ? 'error' : 2 * unusable > s.read ? 'warning' : null;
  if (!level) return null;
  // The main reason: most records, then name, so the message is the same on every run.
  const [reason, bucket] = Object.entries(s.rejectedByReason)
    .filter(([r]) => level === 'error' || r !== OUTSIDE_WINDOW)
    .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))[0]!;
  const example = bucket.examples[0] ?? { at: s.file, text: '' };
  const fix = fixFor(reason, s.table);
  const count = (n: number) => n.toLocaleString('en-US');
  const lost = level === 'error' ? `all ${count(s.read)} records rejected` : `${count(s.rejected)} of ${count(s.read)} records (${Math.floor((100 * s.rejected) / s.read)}%) rejected`;
  const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
  const message = oneLine(`${s.file}: ${lost}, ${count(bucket.count)} for ${reason} (e.g. ${example.at}: ${example.detail ?? example.text}). To fix: ${fix}.`);
  return { level, file: s.file, read: s.read, rejected: s.rejected, reason, reasonCount: bucket.count, example, fix, message };
}

/** What to change in crisis.yaml for records rejected for `reason`. */
function fixFor(reason: string, table: 'messages' | 'cases'): string {
  const time = table === 'cases' ? 'opened_at' : 'created_at';
  switch (reason) {
    case 'unparseable timestamp':
      return `set dateFormat: for this source in crisis.yaml (or map the right time column with columns: { ${time}: … })`;
    case 'impossible date':
      return 'set or correct dateFormat: for this source in crisis.yaml (day and month may be swapped)';
    case 'missing timestamp':
      return `map the time column with columns: { ${time}: … } for this source in crisis.yaml`;
    case 'missing text':
      return 'map the text column with columns: { text: … } for this source in crisis.yaml';
    case 'missing id':
    case 'unusable id':
      return 'map the id column with columns: { id: … } for this source in crisis.yaml';
    case 'wrong number of fields':
    case 'unterminated quote':
      return 'set delimiter: (and header: false for a file without a header) for this source in crisis.yaml';
    case BARE_CARRIAGE_RETURN:
      return 're-export the file with text fields quoted, or remove the stray carriage returns (\\r) from those records';
    case FIELD_TOO_LARGE:
      return 'raise limits.maxFieldBytes in crisis.yaml if texts this long are real; otherwise check the quoting of the file (an unclosed quote swallows the records after it into one field)';
    case 'invalid JSON':
      return 'check that the file is JSON or NDJSON, or set format: for this source in crisis.yaml';
    case OUTSIDE_WINDOW:
      return 'widen window: in crisis.yaml, or check timezone: and dateFormat: for this source';
    default:
      return 'map its columns with columns: for this source in crisis.yaml';
  }
}

/** Throws when the books do not balance: a bug in ingest, never a data problem. */
export function assertBalanced(ledger: SourceLedger): void {
  const sum = ledger.loaded + ledger.rejected + ledger.superseded + ledger.duplicates;
  if (sum !== ledger.read) {
    throw new Error(`ledger of ${ledger.file} does not balance: loaded ${ledger.loaded} + rejected ${ledger.rejected} + superseded ${ledger.superseded} + duplicates ${ledger.duplicates} = ${sum} ≠ read ${ledger.read}`);
  }
}

/**
 * Sources that gave nothing stop an analysis: throws the ledger's own message
 * when any source lost every record (naming the others too); returns the
 * other alerts, warnings to show. `debrief analyze` and `/analyze/` both judge by it.
 */
export function judgeAlerts(alerts: readonly LedgerAlert[]): LedgerAlert[] {
  const failed = alerts.filter((a) => a.level === 'error');
  if (failed.length) throw new Error(`${failed[0]!.message}${failed.length > 1 ? ` Every record was rejected in ${failed.length - 1} more source(s) too: ${failed.slice(1).map((a) => a.file).join(', ')}.` : ''}`);
  return alerts.filter((a) => a.level !== 'error');
}
