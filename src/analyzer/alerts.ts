/**
 * Sources that gave nothing, judged as `debrief analyze` judges them
 * (src/cli/analyze.ts): a source whose every record was rejected stops the
 * analysis with the ledger's own message; other alerts are warnings shown
 * above the report. Pure.
 */
import type { LedgerAlert } from '../analysis/ingest/ledger.ts';

/** Throws the CLI's error when any source lost every record; returns the warnings otherwise. */
export function judgeAlerts(alerts: readonly LedgerAlert[]): LedgerAlert[] {
  const failed = alerts.filter((a) => a.level === 'error');
  if (failed.length) throw new Error(`${failed[0]!.message}${failed.length > 1 ? ` Every record was rejected in ${failed.length - 1} more source(s) too: ${failed.slice(1).map((a) => a.file).join(', ')}.` : ''}`);
  return alerts.filter((a) => a.level !== 'error');
}
