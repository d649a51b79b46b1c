/**
 * Issue 10: a source whose records are all rejected fails `debrief analyze` and `debrief build` with one
 * line naming the file, the main reason with an example `file:line`, and the fix; one that loses more
 * than half says so first on stderr, even with --quiet, and in report.json (`ledger.alerts`).
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { prepareBundles } from '../../src/cli/bundles.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/debrief.mjs');
const LOG = path.join(root, 'tests/fixtures/ingest/incident-log');

const ALL_REJECTED =
  'incidents.csv: all 1,368 records rejected, 1,368 for unparseable timestamp (e.g. incidents.csv:2: "29-02-2016 01:16" is not a date/time format Debrief knows; ' +
  'set dateFormat for this source, e.g. dateFormat: "D-M-YYYY H:mm"). To fix: set dateFormat: for this source in crisis.yaml (or map the right time column with columns: { opened_at: … }).';

/** The incident log without its dateFormat, as the user first ran it (format auto-detection), in `<data>/<slug>`. */
function logWithoutDateFormat(data: string, slug = 'incident-log'): string {
  const dir = path.join(data, slug);
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(LOG, 'incidents.csv'), path.join(dir, 'incidents.csv'));
  writeFileSync(path.join(dir, 'crisis.yaml'), readFileSync(path.join(LOG, 'crisis.yaml'), 'utf8').replace(/^\s*dateFormat:.*\n/m, ''));
  return dir;
}

type Failure = { code: number; stderr: string };

describe('a source with every record rejected', () => {
  it('fails debrief analyze with exit 1 and one line naming the file, the reason with an example line, and the fix; no bundle is written', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'debrief-loud-'));
    const crisis = logWithoutDateFormat(tmp);
    const out = path.join(tmp, 'out');
    const error = (await run(process.execPath, [bin, 'analyze', crisis, '--out', out, '--quiet']).catch((e: Failure) => e)) as Failure;
    expect(error.code).toBe(1);
    expect(error.stderr).toBe(`debrief: ${ALL_REJECTED}\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('fails debrief build with the same message, naming the crisis', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'debrief-loud-build-'));
    const crisis = logWithoutDateFormat(path.join(tmp, 'data'));
    const failure = await prepareBundles(path.join(tmp, 'data'), path.join(tmp, 'bundles'), { quiet: true, cacheDir: null, workers: 0, isolate: true }).catch((e: Error) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe(`${crisis}: ${ALL_REJECTED}`);
  });
});

describe('a source that loses more than half its records', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'debrief-half-'));
  const crisis = path.join(tmp, 'half');
  mkdirSync(crisis);
  const rows = ['id,created_at,text'];
  for (let i = 0; i < 6; i++) rows.push(`b${i},29-02-2024 0${i}:00,the app is down again`);
  for (let i = 0; i < 4; i++) rows.push(`g${i},2024-03-0${i + 1}T10:00:00Z,still cannot log in`);
  writeFileSync(path.join(crisis, 'posts.csv'), `${rows.join('\n')}\n`);
  writeFileSync(path.join(crisis, 'crisis.yaml'), 'title: Half lost\nsources:\n  - file: posts.csv\n');
  const warning =
    'debrief: warning: posts.csv: 6 of 10 records (60%) rejected, 6 for unparseable timestamp (e.g. posts.csv:2: "29-02-2024 00:00" is not a date/time format Debrief knows; ' +
    'set dateFormat for this source, e.g. dateFormat: "D-M-YYYY H:mm"). To fix: set dateFormat: for this source in crisis.yaml (or map the right time column with columns: { created_at: … }).';

  it('is the first line on stderr even with --quiet, and an alert in report.json; the analysis still succeeds', async () => {
    const quiet = await run(process.execPath, [bin, 'analyze', crisis, '--out', path.join(tmp, 'q'), '--quiet', '--no-cache']);
    expect(quiet.stdout).toBe('');
    expect(quiet.stderr.split('\n')[0]).toBe(warning);
    const report = JSON.parse(readFileSync(path.join(tmp, 'q', 'report.json'), 'utf8'));
    expect(report.ledger.alerts).toEqual([
      expect.objectContaining({ level: 'warning', file: 'posts.csv', read: 10, rejected: 6, reason: 'unparseable timestamp', message: warning.slice('debrief: warning: '.length) }),
    ]);
  });

  it('is printed right after the files are read without --quiet, before any analysis', async () => {
    const loud = await run(process.execPath, [bin, 'analyze', crisis, '--out', path.join(tmp, 'l'), '--no-cache']);
    const lines = loud.stderr.split('\n');
    expect(lines).toContain(warning);
    // Right after the read line, before the first analysis and the totals line it explains.
    expect(lines[lines.indexOf(warning) - 1]).toMatch(/^ {2}posts\.csv: 10 records read/);
    expect(lines.indexOf(warning)).toBeLessThan(lines.findIndex((l) => l.startsWith('  analysis: ')));
  });
});
