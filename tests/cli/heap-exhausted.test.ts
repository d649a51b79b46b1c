/**
 * An export too big for the JavaScript heap stops `debrief analyze` with one line (the crisis, the file, the heap
 * limit, what to do) and exit 1, not V8's "FATAL ERROR … heap out of memory" stack and exit 134.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

describe('debrief analyze on an export too big for the heap', () => {
  it('stops debrief analyze on a small heap with one line and exit 1, not a V8 crash', async () => {
    const crisis = path.join(tmp, 'big');
    await bigCrisis(crisis, 300_000); // ~37 MB of CSV: far more than 128 MB of heap holds once parsed
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--max-old-space-size=128', path.join(ROOT, 'bin/debrief.mjs'), 'analyze', crisis, '--out', path.join(tmp, 'out'), '--quiet', '--no-cache', '--workers', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('exit', (c) => resolve({ code: c, stderr: err }));
    });
    expect(stderr).not.toMatch(/FATAL ERROR|out of memory/);
    expect(code).toBe(1);
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(stderr).toMatch(new RegExp(`^debrief: ${crisis}: the JavaScript heap ran out at 128 MB while reading posts\\.csv \\([\\d,]+ records so far\\)\\. To go on: analyse with --engine native, split the export into smaller files, or give Node more memory, e\\.g\\. NODE_OPTIONS=--max-old-space-size=4096`));
  }, 120_000);
});
