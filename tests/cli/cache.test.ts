import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { analyzeDirectory } from '../../src/cli/analyze.ts';

const crisis = path.resolve(import.meta.dirname, '../../data/cfpb-credit-bureaus-2019');
const bin = path.resolve(import.meta.dirname, '../../bin/debrief.mjs');
const mini = path.resolve(import.meta.dirname, '../fixtures/ingest/crisis-mini');

describe('language results cache', () => {
  it('a cold cache, a warm cache and no cache give byte-identical outputs; the warm run reads instead of computing', async () => {
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'debrief-cache-'));
    const outputs: string[] = [];
    for (const dir of [null, cacheDir, cacheDir]) {
      const out = await mkdtemp(path.join(os.tmpdir(), 'debrief-out-'));
      const r = await analyzeDirectory(crisis, { out, quiet: true, cacheDir: dir });
      await r.engine.close();
      outputs.push((await readFile(path.join(out, 'report.json'), 'utf8')) + (await readFile(path.join(out, 'messages.csv'), 'utf8')));
    }
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
    expect((await readdir(cacheDir)).sort()).toEqual(['candidate-faults-all', 'faults', 'themes']);
    expect(outputs[0]).toContain('"classified": 148,');
  });

  it('a cache that cannot be written is warned about once, naming the file, and the analysis goes on to the same bundle', async () => {
    // The cache directory (.debrief-cache in the working directory) is a file here: every cache write fails.
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'debrief-cache-blocked-'));
    await writeFile(path.join(cwd, '.debrief-cache'), 'not a directory');
    const run = (args: string[]) => promisify(execFile)(process.execPath, [bin, 'analyze', mini, '--quiet', '--workers', '0', ...args], { cwd });
    const blocked = await run(['--out', 'blocked']);
    const lines = blocked.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^debrief: warning: cannot write the cache file \.debrief-cache\/[\w-]+\/[0-9a-f]{64}\.json \(ENOTDIR\): the analysis goes on without caching/);
    await run(['--out', 'fresh', '--no-cache']);
    for (const f of ['report.json', 'messages.csv', 'cases.csv']) expect(await readFile(path.join(cwd, 'blocked', f), 'utf8')).toBe(await readFile(path.join(cwd, 'fresh', f), 'utf8'));
    expect((await readdir(cwd)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
