/** Sources that gave nothing stop an analysis (the CLI and /analyze/ alike) with one message; the others are warnings. */
import { describe, expect, it } from 'vitest';
import { judgeAlerts, type LedgerAlert } from '../../../src/analysis/ingest/ledger.ts';

const alert = (level: LedgerAlert['level'], file: string): LedgerAlert => ({ level, file, read: 10, rejected: level === 'error' ? 10 : 6, message: `${file}: ${level === 'error' ? 'every' : 'most'} record rejected` }) as LedgerAlert;

describe('judgeAlerts', () => {
  it('returns warnings and lets the analysis go on', () => {
    expect(judgeAlerts([alert('warning', 'a.csv')])).toEqual([alert('warning', 'a.csv')]);
    expect(judgeAlerts([])).toEqual([]);
  });

  it('throws the first failed source’s message and names the others', () => {
    expect(() => judgeAlerts([alert('warning', 'a.csv'), alert('error', 'b.csv'), alert('error', 'c.json')])).toThrow('b.csv: every record rejected Every record was rejected in 1 more source(s) too: c.json.');
  });
});
