/**
 * An export too big for the JavaScript heap stops `debrief analyze` with one line (the crisis, what ran out, the
 * heap, what to do) and exit 1, not V8's "FATAL ERROR … heap out of memory" stack and exit 134; the previous
 * bundle stays as it was. Whether the heap guard stops it between steps or V8 aborts the analysis process inside
 * one (tests/node/analysis-process.test.ts makes the latter certain), the user sees the same line.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'debrief-heap-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A crisis of `rows` posts (about 125 bytes each) in `dir`. */
async function bigCrisis(dir: string, rows: number): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'crisis.yaml'), 'title: Too big for the heap\nsources:\n  - file: posts.csv\n');
  const out = createWriteStream(path.join(dir, 'posts.csv'));
  const words = 'lock door app battery update firmware refund support broken offline charged twice waiting hours reply please'.split(' ');
  out.write('id,created_at,author,text\n');
  for (let i = 0; i < rows; i++) {
    const text = Array.from({ length: 12 }, (_, k) => words[(i * 7 + k * 13) % words.length]).join(' ');
    const ok = out.write(`${i},2024-10-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z,user${i % 5000},${text} #${i}\n`);
    if (!ok) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

/** Runs the CLI; resolves with its exit code and stderr. */
function debrief(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/debrief.mjs'), ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (c) => resolve({ code: c, stderr: err }));
  });
}

describe('debrief analyze on an export too big for the heap', () => {
  const crisis = path.join(tmp, 'big');
  const out = path.join(tmp, 'out');
  // A previous bundle in --out (a manifest and a report: what Debrief would replace); it must survive byte for byte.
  const previous = { 'manifest.json': '{"files":[{"name":"report.json","sha256":"0"}]}', 'report.json': '{"previous":true}' };
  const snapshot = () => readdirSync(out).sort().map((n) => `${n}:${readFileSync(path.join(out, n), 'utf8')}`);

  it('stops on a small heap (DEBRIEF_HEAP_MB) with one line and exit 1, not a V8 crash; the previous bundle stays', async () => {
    await bigCrisis(crisis, 80_000); // ~10 MB of CSV: far more than 64 MB of heap holds once parsed
    mkdirSync(out, { recursive: true });
    for (const [name, text] of Object.entries(previous)) writeFileSync(path.join(out, name), text);
    const before = snapshot();
    const { code, stderr } = await debrief(['analyze', crisis, '--out', out, '--quiet', '--no-cache', '--workers', '0'], { DEBRIEF_HEAP_MB: '64' });
    expect(stderr).not.toMatch(/FATAL|Fatal|out of memory|^\s+at /m);
    expect(code).toBe(1);
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(stderr).toMatch(
      new RegExp(`^debrief: ${crisis}: ran out of JavaScript memory \\(64 MB heap\\) while (starting|reading posts\\.csv[^;]*); give it more heap, e\\.g\\. DEBRIEF_HEAP_MB=1024 \\(this machine has \\d+ MB\\), or split the export into smaller files\\n$`),
    );
    expect(snapshot()).toEqual(before);
    expect(readdirSync(tmp).filter((n) => n.startsWith('out.'))).toEqual([]);
  }, 60_000);

  it('refuses a DEBRIEF_HEAP_MB that is not a number of MB, before analysing', async () => {
    const { code, stderr } = await debrief(['analyze', crisis, '--out', out, '--quiet'], { DEBRIEF_HEAP_MB: '4GB' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^debrief: DEBRIEF_HEAP_MB must be a whole number of MB ≥ 64 \(got "4GB"\); this machine has \d+ MB\n$/);
  });
});
