/**
 * A mistake in crisis.yaml is reported before DuckDB is opened (which takes seconds on a busy machine), by
 * `analyze` and by `build`; a crisis.yaml that is not UTF-8 is refused, not read as U+FFFD.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { analyzeDirectory } from '../../src/cli/analyze.ts';
import { prepareBundles } from '../../src/cli/bundles.ts';
import { openEngine } from '../../src/cli/engines.ts';

// The engine factory, spied on: these crises must fail before anything asks it for an engine.
vi.mock('../../src/cli/engines.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/cli/engines.ts')>()),
  openEngine: vi.fn(async () => {
    throw new Error('the engine was opened');
  }),
}));

const ROOT = path.resolve(import.meta.dirname, '../..');
const MINI = path.join(ROOT, 'tests/fixtures/ingest/crisis-mini');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'debrief-preflight-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeEach(() => {
  vi.mocked(openEngine).mockClear();
});

/** The mini crisis copied to `dir`, with `yaml` as its crisis.yaml. */
function crisis(dir: string, yaml: string | Buffer): string {
  cpSync(MINI, dir, { recursive: true });
  writeFileSync(path.join(dir, 'crisis.yaml'), yaml);
  return dir;
}

describe('debrief analyze with a bad crisis.yaml', () => {
  it('fails on an invalid field before opening the engine, naming the file and every problem', async () => {
    const dir = crisis(path.join(tmp, 'bad-zone'), 'title: Bad\ntimezone: Mars/Olympus\nwindow: { start: "not a date" }\n');
    const error = await analyzeDirectory(dir, { out: path.join(tmp, 'out-bad-zone'), quiet: true, cacheDir: null, workers: 0 }).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      `${dir}/crisis.yaml has 2 problems:\n  - timezone: "Mars/Olympus" is not an IANA time zone (e.g. America/Chicago)\n  - window.start: "not a date" is not a date`,
    );
    expect(openEngine).not.toHaveBeenCalled();
  });

  it('fails on a listed file that is not there before opening the engine', async () => {
    const dir = crisis(path.join(tmp, 'missing'), 'title: Missing\nsources:\n  - file: twcs-mini.csv\n  - file: tickets-2024.csv\n');
    const error = await analyzeDirectory(dir, { out: path.join(tmp, 'out-missing'), quiet: true, cacheDir: null, workers: 0 }).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      `${dir}/crisis.yaml: sources lists "tickets-2024.csv", not found in ${dir} (it holds tickets.csv, twcs-mini.csv): correct the file name under sources:, or copy the export there`,
    );
    expect(openEngine).not.toHaveBeenCalled();
  });
});

describe('debrief build with a bad crisis.yaml', () => {
  it('fails on the last crisis before analysing the first (no engine opened)', async () => {
    const data = path.join(tmp, 'data');
    mkdirSync(data);
    cpSync(MINI, path.join(data, 'a-fine'), { recursive: true });
    const bad = crisis(path.join(data, 'b-bad'), 'title: Bad\nsla: { firstResponseMinutes: soon }\n');
    const error = await prepareBundles(data, path.join(tmp, 'bundles'), { quiet: true, cacheDir: null, workers: 0 }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(new RegExp(`^${bad}/crisis\\.yaml has 1 problem:\\n  - sla\\.firstResponseMinutes: `));
    expect(openEngine).not.toHaveBeenCalled();
  });
});

describe('a crisis.yaml saved as Latin-1', () => {
  it('fails debrief analyze with the file, line and byte, and "save it as UTF-8"', async () => {
    const dir = crisis(path.join(tmp, 'latin1'), Buffer.from('title: Panne de réseau\nsources:\n  - file: twcs-mini.csv\n', 'latin1'));
    const failure = (await promisify(execFile)(process.execPath, [path.join(ROOT, 'bin/debrief.mjs'), 'analyze', dir, '--out', path.join(tmp, 'out-latin1'), '--quiet', '--no-cache']).catch((e: unknown) => e)) as { code?: number; stderr?: string };
    expect(failure.code).toBe(1);
    expect(failure.stderr).toBe(`debrief: ${dir}/crisis.yaml:1: not valid UTF-8 (byte 0xe9 at offset 17; Latin-1 or Windows-1252, perhaps): save it as UTF-8 and run again\n`);
  });
});
