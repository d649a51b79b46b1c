/**
 * `debrief build` killed while Astro writes the pages leaves the previous site or the new one in dist/, never a
 * mix (crisis folders without index.html, links to pages that do not exist); the next build cleans up after it.
 * A small crisis; the kills land at several points of the page-writing phase.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'debrief-site-killed-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every file below `dir`, its path and its bytes (the site is small), sorted: equal strings, equal sites. */
function snapshot(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(`${path.relative(dir, full)}\n${readFileSync(full).toString('base64')}`);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.join('\n');
}

const data = path.join(tmp, 'data');
const dist = path.join(tmp, 'dist');
const env = { ...process.env, DEBRIEF_DATA_DIR: data, DEBRIEF_BUNDLES_DIR: path.join(tmp, 'bundles'), DEBRIEF_OUT_DIR: dist, SOURCE_DATE_EPOCH: '1729512000', DEBRIEF_BASE: '' };

/**
 * Runs `debrief build`; with `killAfterMs`, kills it (and Astro, its child: the whole process group) that long
 * after Astro starts writing pages. Resolves with how it ended and whether it was still running when killed.
 */
function build(killAfterMs?: number): Promise<{ code: number | null; pid: number; killedWhileBuilding: boolean; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/debrief.mjs'), 'build'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let exited = false;
    let killedWhileBuilding = false;
    let seen = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (killAfterMs === undefined || seen.includes('generating static routes')) return;
      seen += chunk;
      if (!seen.includes('generating static routes')) return;
      setTimeout(() => {
        if (exited) return;
        killedWhileBuilding = true;
        process.kill(-child.pid!, 'SIGKILL');
      }, killAfterMs);
    });
    child.on('exit', (code) => {
      exited = true;
      resolve({ code, pid: child.pid!, killedWhileBuilding, stderr });
    });
  });
}

describe('debrief build killed while writing the site', () => {
  it('leaves the previous site or the new one, never a mix', async () => {
    mkdirSync(data);
    cpSync(path.join(ROOT, 'tests/fixtures/ingest/crisis-mini'), path.join(data, 'crisis-mini'), { recursive: true });
    const first = await build();
    expect(first.code, first.stderr).toBe(0);
    const before = snapshot(dist);
    expect(before).toContain('crisis-mini/index.html');

    // A new title: the new site differs from the previous one on every crisis page.
    const yaml = path.join(data, 'crisis-mini', 'crisis.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^title: .*$/m, 'title: Mini crisis, revised'));
    const afterKills: string[] = [];
    const pids: number[] = [];
    let killed = 0;
    for (const ms of [0, 200, 500]) {
      const run = await build(ms);
      pids.push(run.pid);
      if (run.killedWhileBuilding) killed++;
      afterKills.push(snapshot(dist));
    }
    // The kills must really have hit the page-writing phase for this test to mean anything.
    expect(killed).toBeGreaterThanOrEqual(2);

    const last = await build();
    expect(last.code, last.stderr).toBe(0);
    const after = snapshot(dist);
    expect(readFileSync(path.join(dist, 'crisis-mini', 'index.html'), 'utf8')).toContain('Mini crisis, revised');
    expect(after).not.toBe(before);
    afterKills.forEach((s, i) => expect(s === before || s === after, `dist after the kill ${i + 1} is neither the previous site nor the new one`).toBe(true));
    // Nothing of the killed builds is left: no lock, no directory beside dist/, no staging directory.
    expect(readdirSync(tmp).filter((n) => n.startsWith('dist.'))).toEqual([]);
    const staging = existsSync(path.join(ROOT, '.debrief')) ? readdirSync(path.join(ROOT, '.debrief')) : [];
    expect(staging.filter((n) => pids.some((pid) => n === `site.partial-${pid}`))).toEqual([]);
  }, 600_000);
});
