/**
 * Did a fault come back after its fix? For a fault that a `fix` or `recall`
 * event names (crisis.yaml `events:` or its events file), its rate — records
 * with the fault per 1,000 records in scope — from when it was first seen up
 * to the last such event, against its rate from that event to the end of the
 * data, with the two-proportion test of fault-trend.ts (p < 0.05):
 *
 * - "fell after its fix": the rate after is significantly lower;
 * - "came back after its fix": records with the fault kept arriving after it
 *   at a rate not significantly lower (the same, or higher);
 * - "too few to tell": too few records for the test, or none after the fix
 *   without the test being able to say the rate fell.
 *
 * Time buckets are the faults section's; the bucket the event falls in is
 * left out (part of it is before, part after). It compares rates, not causes:
 * a rate can fall after a recall for other reasons too.
 */
import type { CrisisEvent } from '../analysis/config/crisis-events.ts';
import { TREND_ALPHA, twoProportionTest } from './fault-trend.ts';

/** What the comparison says. */
export type AfterFixWord = 'fell after its fix' | 'came back after its fix' | 'too few to tell' | 'not measurable';

/** Records with the fault and records in scope over one period, and the rate per 1,000. */
export interface FixPeriod {
  records: number;
  inScope: number;
  /** Per 1,000 in scope; null when nothing was in scope. */
  rate: number | null;
  /** First and last bucket start of the period (UTC ms); null when the period is empty. */
  from: number | null;
  to: number | null;
}

export interface AfterFix {
  verdict: AfterFixWord;
  /** Why it is too few or not measurable; null otherwise. */
  reason: string | null;
  /** The last fix or recall naming the fault: the one compared around. */
  fix: CrisisEvent;
  /** How many fix and recall events name the fault in this crisis. */
  fixes: number;
  before: FixPeriod;
  after: FixPeriod;
  /** Two-sided p-value; null when the test was not run. */
  pValue: number | null;
}

/** The kinds of event that count as a fix of the faults they name. */
export const FIX_KINDS: readonly CrisisEvent['kind'][] = ['fix', 'recall'];

/** The fix and recall events that name `faultId`, in time order. */
export function fixEventsFor(events: readonly CrisisEvent[], faultId: string): CrisisEvent[] {
  return events.filter((e) => FIX_KINDS.includes(e.kind) && e.faults?.includes(faultId)).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/**
 * The comparison around the last of `fixes` (time order) for a fault with
 * `volume` records per bucket among `considered` in scope, buckets starting at
 * `bucketStarts` (UTC ms), each `bucketMs` long; null without fixes.
 */
export function afterFix(fixes: readonly CrisisEvent[], volume: readonly number[], considered: readonly number[], bucketStarts: readonly number[], bucketMs: number): AfterFix | null {
  const fix = fixes.at(-1);
  if (!fix) return null;
  const at = Date.parse(fix.at);
  const empty: FixPeriod = { records: 0, inScope: 0, rate: null, from: null, to: null };
  const result = (verdict: AfterFixWord, reason: string | null, before = empty, after = empty, pValue: number | null = null): AfterFix => ({ verdict, reason, fix, fixes: fixes.length, before, after, pValue });
  if (!volume.length || volume.length !== considered.length || volume.length !== bucketStarts.length) return result('not measurable', 'no time line of records in scope in this bundle');
  const first = volume.findIndex((v) => v > 0);
  if (first < 0) return result('not measurable', 'the fault was never seen');
  const period = (keep: (start: number, i: number) => boolean): FixPeriod => {
    let records = 0;
    let inScope = 0;
    let from: number | null = null;
    let to: number | null = null;
    bucketStarts.forEach((start, i) => {
      if (!keep(start, i)) return;
      records += volume[i]!;
      inScope += considered[i]!;
      from ??= start;
      to = start;
    });
    return { records, inScope, rate: inScope > 0 ? (1000 * records) / inScope : null, from, to };
  };
  const before = period((start, i) => i >= first && start + bucketMs <= at);
  const after = period((start) => start >= at);
  if (before.from === null) return result('not measurable', 'the last fix or recall came before the fault was first seen', before, after);
  if (after.from === null) return result('not measurable', 'the data ends before a whole time bucket after the last fix or recall', before, after);
  if (!before.inScope || !after.inScope) return result('not measurable', 'no records in scope before or after the last fix or recall', before, after);
  const test = twoProportionTest(before.records, before.inScope, after.records, after.inScope);
  if (!test) return result('too few to tell', `${before.records + after.records} records with the fault: fewer than the test needs`, before, after);
  if (test.pValue < TREND_ALPHA && test.z < 0) return result('fell after its fix', null, before, after, test.pValue);
  if (after.records === 0) return result('too few to tell', 'no record with the fault after the fix, but too few to say the rate fell', before, after, test.pValue);
  return result('came back after its fix', null, before, after, test.pValue);
}

/** `fell after its fix (p < 0.001)`, `came back after its fix (p = 0.41)`, `too few to tell`: the words pages show. */
export function afterFixText(a: AfterFix): string {
  if (a.pValue === null) return a.verdict;
  return `${a.verdict} (p ${a.pValue < 0.001 ? '< 0.001' : `= ${a.pValue.toFixed(3)}`})`;
}
