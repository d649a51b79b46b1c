/** Ledger alerts (issue 10): a source that loses all, or more than half, of its records is flagged loudly. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceAlert, sourceLedger, reject, totalLedger } from '../../../src/analysis/ingest/ledger.ts';
import { ingest } from '../../helpers/ingest.ts';

const LOG = path.resolve(import.meta.dirname, '../../fixtures/ingest/incident-log');
const incidents = readFileSync(path.join(LOG, 'incidents.csv'), 'utf8');
const yaml = readFileSync(path.join(LOG, 'crisis.yaml'), 'utf8');

/** A generic messages CSV: `bad` rows with a timestamp nothing reads, then `good` rows. */
function messages(good: number, bad: number): string {
  const rows = ['id,created_at,text'];
  for (let i = 0; i < bad; i++) rows.push(`b${i},someday ${i},broken`);
  for (let i = 0; i < good; i++) rows.push(`g${i},2024-03-0${1 + (i % 9)}T10:00:00Z,fine ${i}`);
  return `${rows.join('\n')}\n`;
}

describe('ledger alerts', () => {
  it('an incident log read without its dateFormat: every record rejected is an error naming file, reason, an example line and the fix', async () => {
    const r = await ingest({ 'crisis.yaml': yaml.replace(/^\s*dateFormat:.*\n/m, ''), 'incidents.csv': incidents });
    expect(r.ledger.totals).toMatchObject({ read: 1368, loaded: 0, rejected: 1368 });
    expect(r.ledger.alerts).toHaveLength(1);
    const alert = r.ledger.alerts[0]!;
    expect(alert).toMatchObject({ level: 'error', file: 'incidents.csv', read: 1368, rejected: 1368, reason: 'unparseable timestamp', reasonCount: 1368 });
    expect(alert.example.at).toBe('incidents.csv:2');
    expect(alert.message).toBe(
      'incidents.csv: all 1,368 records rejected, 1,368 for unparseable timestamp (e.g. incidents.csv:2: "29-02-2016 01:16" is not a date/time format Debrief knows; ' +
        'set dateFormat for this source, e.g. dateFormat: "D-M-YYYY H:mm"). To fix: set dateFormat: for this source in crisis.yaml (or map the right time column with columns: { opened_at: … }).',
    );
    expect(alert.message).not.toMatch(/\n/);
  });

  it('more than half rejected is a warning; half or less is none', async () => {
    const most = await ingest({ 'messages.csv': messages(4, 6) });
    expect(most.ledger.alerts).toEqual([expect.objectContaining({ level: 'warning', file: 'messages.csv', read: 10, rejected: 6, reason: 'unparseable timestamp', reasonCount: 6 })]);
    expect(most.ledger.alerts[0]!.message).toMatch(/^messages\.csv: 6 of 10 records \(60%\) rejected, 6 for unparseable timestamp \(e\.g\. messages\.csv:2: "someday 0" is not a date\/time format/);
    const half = await ingest({ 'messages.csv': messages(5, 5) });
    expect(half.ledger.alerts).toEqual([]);
  });

  it('records outside the configured window are a choice, not a loss, unless nothing at all is left', () => {
    const windowed = sourceLedger('tweets.csv', 'generic', 'messages');
    windowed.read = 10;
    windowed.loaded = 2;
    for (let i = 0; i < 8; i++) reject(windowed, 'outside crisis window', { at: `tweets.csv:${i + 2}`, text: 'x', detail: '2019-01-01T00:00:00.000Z' });
    expect(sourceAlert(windowed)).toBeNull();
    windowed.loaded = 0;
    for (let i = 0; i < 2; i++) reject(windowed, 'outside crisis window', { at: `tweets.csv:${i + 10}`, text: 'x' });
    expect(sourceAlert(windowed)).toMatchObject({ level: 'error', reason: 'outside crisis window', reasonCount: 10 });
    expect(sourceAlert(windowed)!.message).toContain('To fix: widen window: in crisis.yaml');
    expect(totalLedger([windowed]).alerts).toHaveLength(1);
  });
});
