/**
 * `debrief faults suggest <dir>` and `debrief faults accept <dir>` end to end:
 * the crisis is read as `analyze` reads it, the suggestions are printed and
 * written to faults.suggested.yaml, and accepting what is left in that file
 * adds it to crisis.yaml's faults: (and nothing else), which analyze then uses.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../bin/debrief.mjs');
type Failure = { code: number; stdout: string; stderr: string };
const debrief = (...args: string[]) => run(process.execPath, [bin, ...args], { env: { ...process.env, DEBRIEF_WORKERS: '0' } });
const failing = (...args: string[]) => debrief(...args).then(() => ({ code: 0, stdout: '', stderr: '' }) as Failure, (e: Failure) => e);

const CRISIS_YAML = `# A small lock crisis.
title: Lock trouble
brand: { handles: [AcmeLocks] }
faults:
  lockout: { label: Locked out, keywords: [locked out] }   # the main fault
  support-delay: ~
`;

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A crisis directory with a posts export: lockouts that mention the keypad and a locksmith, and other posts. */
function crisis(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'debrief-faults-suggest-'));
  roots.push(root);
  const dir = path.join(root, 'lock-2024');
  const rows = ['id,created_at,author,text'];
  const add = (text: string) => rows.push(`${rows.length},2024-10-09T0${rows.length % 10}:00:00Z,user${rows.length},"${text}"`);
  for (let i = 0; i < 8; i++) add(`@AcmeLocks locked out again, the keypad is dead and the locksmith wants $200 (${i})`);
  for (let i = 0; i < 5; i++) add(`@AcmeLocks keypad dead since last night, locksmith on the way ${i}`);
  for (let i = 0; i < 6; i++) add(`@AcmeLocks still no answer from support after ${i + 2} hours`);
  for (let i = 0; i < 6; i++) add(`@AcmeLocks my app crashes every time I open it ${i}`);
  writeFileSync(path.join(root, 'faults.yaml'), 'faults:\n  support-delay:\n    label: Waiting for support\n    kind: service\n    keywords: [no answer]\n');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'posts.csv'), `${rows.join('\n')}\n`);
  writeFileSync(path.join(dir, 'crisis.yaml'), CRISIS_YAML);
  return dir;
}

describe('debrief faults', () => {
  it('suggest prints and writes keywords from the crisis’s texts; accept adds the kept ones to crisis.yaml', { timeout: 180_000 }, async () => {
    const dir = crisis();
    const suggest = await debrief('faults', 'suggest', dir);
    expect(suggest.stdout).toMatch(/lockout — Locked out \(from 8 of its texts\)\n(?: {2}.*\n)* {2}locksmith +8 of its texts +5 others +G² 14\.0\n/);
    expect(suggest.stdout).toMatch(/candidate faults \(1 of 1\):\n {2}app crash \(6 texts\)/);
    expect(suggest.stdout).toContain(`wrote ${path.join(dir, 'faults.suggested.yaml')}`);
    expect(suggest.stderr).toContain(`debrief: reading ${dir}`);
    const file = readFileSync(path.join(dir, 'faults.suggested.yaml'), 'utf8');
    expect(file).toMatch(/^faults:\n {2}lockout:\n/m);
    expect(file).toContain('  # app-crash:\n  #   label: app crash');
    expect(file.toLowerCase()).not.toContain('acmelocks');

    // The user keeps one suggestion and accepts the candidate fault.
    const kept = file.replace(/^ {6}- (?!locksmith).*\n/gm, '').replace(/^ {2}# (app-crash:|  label:|  keywords:)/gm, '  $1');
    writeFileSync(path.join(dir, 'faults.suggested.yaml'), kept);
    const accept = await debrief('faults', 'accept', dir);
    expect(accept.stdout).toContain('lockout: + locksmith\napp-crash: + app crash\n');
    expect(readFileSync(path.join(dir, 'crisis.yaml'), 'utf8')).toBe(
      CRISIS_YAML.replace('[locked out] }', '[locked out, locksmith] }') + '  app-crash: { label: app crash, keywords: [app crash] }\n',
    );
    expect((await debrief('faults', 'accept', dir)).stdout).toMatch(/^nothing to add/);

    // analyze uses the accepted keywords.
    const out = path.join(path.dirname(dir), 'bundle');
    await debrief('analyze', dir, '--out', out, '--quiet');
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as { sections: { faults: { pareto: { faultId: string; count: number }[] } } };
    expect(Object.fromEntries(report.sections.faults.pareto.map((f) => [f.faultId, f.count]))).toMatchObject({ lockout: 13, 'app-crash': 6 });
  });

  it('fails with one line naming the problem and the fix', { timeout: 60_000 }, async () => {
    const dir = crisis();
    expect(await failing('faults', 'accept', dir)).toMatchObject({ code: 1, stderr: `debrief: ${path.join(dir, 'faults.suggested.yaml')} not found: run \`debrief faults suggest ${dir}\` first\n` });
    expect(await failing('faults', 'suggest', path.join(dir, 'nope'))).toMatchObject({ code: 1, stderr: expect.stringMatching(/^debrief: .*nope.*crisis\.yaml not found/) });
    expect(await failing('faults', 'suggest')).toMatchObject({ code: 2, stderr: expect.stringContaining('usage:') });
    expect(await failing('faults', 'suggest', dir, '--top', '0')).toMatchObject({ code: 2, stderr: expect.stringContaining('--top must be a whole number ≥ 1 (got "0")') });
    writeFileSync(path.join(dir, 'faults.suggested.yaml'), 'faults:\n  lockout: { keywords: nope }\n');
    expect(await failing('faults', 'accept', dir)).toMatchObject({ code: 1, stderr: expect.stringContaining('faults.lockout.keywords must be a list') });
    expect(existsSync(path.join(dir, 'faults.suggested.yaml'))).toBe(true);
  });
});
