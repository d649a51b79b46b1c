import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/debrief.mjs');
const crisis = path.join(root, 'tests/fixtures/ingest/crisis-mini');

describe('debrief CLI', () => {
  it('analyze writes report.json and messages.csv, progress on stderr, byte-identical on a second run', async () => {
    const a = await mkdtemp(path.join(os.tmpdir(), 'debrief-a-'));
    const b = await mkdtemp(path.join(os.tmpdir(), 'debrief-b-'));
    const first = await run(process.execPath, [bin, 'analyze', crisis, '--out', a]);
    expect(first.stdout).toBe('');
    // 6 records: the row broken by a bare CR in an unquoted field is one record, rejected whole (not three fragments).
    expect(first.stderr).toMatch(/twcs-mini\.csv: 6 records read \([\d,]+ records\/s\)/);
    await run(process.execPath, [bin, 'analyze', crisis, '--out', b, '--quiet']).then((r) => expect(r.stderr).toBe(''));
    for (const f of ['report.json', 'messages.csv', 'cases.csv']) expect(await readFile(path.join(a, f), 'utf8')).toBe(await readFile(path.join(b, f), 'utf8'));
    const report = JSON.parse(await readFile(path.join(a, 'report.json'), 'utf8'));
    expect(report.schemaVersion).toBe(1);
    expect(report.crisis).toMatchObject({ title: 'Mini crisis', timezone: 'America/Chicago', window: { start: '2017-10-31T22:08:27.000Z', end: '2024-03-12T11:00:00.000Z' } });
    expect(report.ledger.totals).toMatchObject({ read: 12, loaded: 8, rejected: 2, superseded: 2, duplicates: 0, rejectedByReason: { 'impossible date': 1, 'carriage return in an unquoted field': 1 } });
    expect(report.counts).toMatchObject({ messages: 5, cases: 3 });
    const csv = await readFile(path.join(a, 'messages.csv'), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^id,conversation_id,parent_id,created_at,author,is_brand,inbound,channel,text/);
    const cases = (await readFile(path.join(a, 'cases.csv'), 'utf8')).trimEnd().split('\n');
    expect(cases).toHaveLength(1 + 3);
    expect(cases[0]).toMatch(/^id,opened_at,first_response_at,resolved_at,closed_at,status,category,subcategory,product,company,channel,text/);
    expect(csv).toContain(`3,3,,2017-10-31T22:08:27.000Z,115712,false,true,twitter,'@sprintcare I have sent several private messages & no one is responding`);
  });

  it('fails with exit code 1 and one line naming the problem', async () => {
    const error = await run(process.execPath, [bin, 'analyze', path.join(root, 'no-such-dir'), '--out', path.join(os.tmpdir(), `debrief-cli-out-${process.pid}`)]).catch((e: { code: number; stderr: string }) => e);
    expect(error).toMatchObject({ code: 1 });
    expect((error as { stderr: string }).stderr).toMatch(/^debrief: crisis directory not found: .*no-such-dir\n$/);
  });

  it('--strict turns a rejected row into a failure', async () => {
    const error = await run(process.execPath, [bin, 'analyze', crisis, '--out', path.join(os.tmpdir(), `debrief-cli-out-${process.pid}`), '--strict', '--quiet']).catch((e: { code: number; stderr: string }) => e);
    expect(error).toMatchObject({ code: 1 });
    expect((error as { stderr: string }).stderr).toContain('twcs-mini.csv: --strict: 1 record(s) rejected, first twcs-mini.csv:6: carriage return in an unquoted field');
  });

  it('new scaffolds a crisis.yaml that validates and a notebook, and refuses to overwrite', async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'debrief-new-'));
    const out = await run(process.execPath, [bin, 'new', 'router-outage-2024'], { cwd });
    expect(out.stdout).toContain('data/router-outage-2024/crisis.yaml');
    const yaml = await readFile(path.join(cwd, 'data/router-outage-2024/crisis.yaml'), 'utf8');
    const { parseCrisisConfig } = await import('../../src/analysis/config/crisis-config.ts');
    expect(parseCrisisConfig(yaml)).toMatchObject({ title: 'router outage 2024', sla: { firstResponseMinutes: 60 }, sources: [] });
    expect(await readFile(path.join(cwd, 'reports/router-outage-2024.mdx'), 'utf8')).toMatch(/^---\n[\s\S]*crisis: router-outage-2024/);
    const again = await run(process.execPath, [bin, 'new', 'router-outage-2024'], { cwd }).catch((e: { code: number; stderr: string }) => e);
    expect(again).toMatchObject({ code: 1 });
    expect((again as { stderr: string }).stderr).toMatch(/already exists/);
  });

  it('usage errors exit 2', async () => {
    const error = await run(process.execPath, [bin, 'analyze']).catch((e: { code: number; stderr: string }) => e);
    expect(error).toMatchObject({ code: 2 });
    const workers = await run(process.execPath, [bin, 'analyze', crisis, '--out', path.join(os.tmpdir(), `debrief-cli-out-${process.pid}`), '--workers', 'two']).catch((e: { code: number; stderr: string }) => e);
    expect(workers).toMatchObject({ code: 2 });
    expect((workers as { stderr: string }).stderr).toMatch(/^debrief: --workers must be a whole number ≥ 0 \(got "two"\)\n/);
  });

  it('a bad DEBRIEF_WORKERS fails with the fix, and --workers 0 analyses on one thread', async () => {
    const env = { ...process.env, DEBRIEF_WORKERS: 'lots' };
    const error = await run(process.execPath, [bin, 'analyze', crisis, '--out', path.join(os.tmpdir(), `debrief-cli-out-${process.pid}`), '--quiet'], { env }).catch((e: { code: number; stderr: string }) => e);
    expect(error).toMatchObject({ code: 1 });
    expect((error as { stderr: string }).stderr).toBe('debrief: DEBRIEF_WORKERS must be a whole number ≥ 0 (got "lots"); use 0 to analyse on one thread\n');
    const ok = await run(process.execPath, [bin, 'analyze', crisis, '--out', path.join(os.tmpdir(), `debrief-cli-out-${process.pid}`), '--quiet', '--workers', '0'], { env });
    expect(ok.stderr).toBe('');
  });
});
