import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeDirectory } from '../../src/cli/analyze.ts';

const crisis = path.resolve(import.meta.dirname, '../../data/cfpb-credit-bureaus-2019');

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
    expect((await readdir(cacheDir)).sort()).toEqual(['candidate-faults-ranked', 'faults', 'themes']);
    expect(outputs[0]).toContain('"classified": 148,');
  });
});
