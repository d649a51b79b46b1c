/**
 * The analysis child process, driven by stand-ins for its entry: V8 aborting it (the heap filled inside one step,
 * which neither the heap guard nor a worker's resourceLimits can stop) becomes one line naming the crisis, what ran
 * out and what to do; the analysis's own error passes through as it is; a killed child says so; its progress is
 * passed on but V8's crash report is not; and a child whose parent dies stops too.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { analyzeInChildProcess, inputBytes, keptFlags } from '../../src/node/analysis-process.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'debrief-analysis-process-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** A stand-in entry: plain JavaScript run as the child, with the IPC channel of the real one. */
function entry(name: string, code: string): string {
  const file = path.join(tmp, `${name}.mjs`);
  writeFileSync(file, code);
  return file;
}

/** Runs `analyzeInChildProcess` with a stand-in entry; resolves with its error message (or null) and what it wrote to stderr. */
async function run(code: string, env: NodeJS.ProcessEnv = {}, dir = 'data/acme'): Promise<{ error: string | null; stderr: string }> {
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const error = await analyzeInChildProcess(dir, { out: path.join(tmp, 'out') }, { entry: entry(`e${Math.random().toString(36).slice(2)}`, code), env: { ...process.env, DEBRIEF_HEAP_MB: '64', ...env } }).then(
    () => null,
    (e: Error) => e.message,
  );
  return { error, stderr };
}

/** Ids of the processes whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .filter((n) => {
      try {
        // Field 4 (ppid) comes after the command name, which is in parentheses and may hold spaces.
        return Number(readFileSync(`/proc/${n}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie is dead, only not yet reaped.
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

const ACTIVITY = `process.send({ type: 'activity', activity: 'running the faults analysis' });\n`;

describe('the analysis process', () => {
  it('is started with the flags that change what it measures: gc exposed, young generation, stack, the profilers, the collections\' traces', () => {
    const given = ['--expose-gc', '--max-semi-space-size=64', '--stack-size=2000', '--cpu-prof', '--cpu-prof-dir=/tmp/p', '--heap-prof', '--trace-gc', '--trace_incremental_marking', '--import', 'tsx', '--inspect', '--max-old-space-size=100', '--trace-deopt'];
    expect(keptFlags(given)).toEqual(['--expose-gc', '--max-semi-space-size=64', '--stack-size=2000', '--cpu-prof', '--cpu-prof-dir=/tmp/p', '--heap-prof', '--trace-gc', '--trace_incremental_marking']);
  });

  it('turns V8 aborting it for heap (an array grown past the limit in one step) into one line', async () => {
    const { error, stderr } = await run(`process.stderr.write('  analysis: faults\\n');\n${ACTIVITY}const a = [];\nfor (let i = 0; ; i++) a.push(i + 0.5);\n`);
    expect(error).toMatch(/^data\/acme: ran out of JavaScript memory \(64 MB heap\) while running the faults analysis; give it more heap, e\.g\. DEBRIEF_HEAP_MB=1024 \(this machine has \d+ MB\), or split the export into smaller files$/);
    // Its progress is passed on; V8's report (GC trace, FATAL ERROR, native stack) is not.
    expect(stderr).toBe('  analysis: faults\n');
  }, 30_000);

  it('gives the size it was started with to the child as its heap limit', async () => {
    const { error } = await run(`const { getHeapStatistics } = await import('node:v8');\nprocess.send({ type: 'failed', message: String(getHeapStatistics().heap_size_limit / 2 ** 20) }, () => process.exit(1));\n`, { DEBRIEF_HEAP_MB: '200' });
    // The old generation's 200 MB and the young generation's reserve (three 16 MB semi-spaces).
    expect(Number(error)).toBe(248);
  });

  it("starts a crisis of large exports with larger semi-spaces, a small one with V8's own, and DEBRIEF_SEMI_SPACE_MB over both", async () => {
    const limit = `const { getHeapStatistics } = await import('node:v8');\nprocess.send({ type: 'failed', message: String(getHeapStatistics().heap_size_limit / 2 ** 20) }, () => process.exit(1));\n`;
    const large = path.join(tmp, 'large-crisis');
    mkdirSync(large, { recursive: true });
    // 400 MB of exports, sparse: its size is what counts, and it takes no disk.
    writeFileSync(path.join(large, 'posts.csv'), '');
    truncateSync(path.join(large, 'posts.csv'), 400 * 2 ** 20);
    writeFileSync(path.join(large, 'crisis.yaml'), 'name: Large\n');
    expect(inputBytes(large)).toBe(400 * 2 ** 20 + 12);
    // The young generation's reserve is three semi-spaces: 3 × 64 MB beside the old generation's 200 MB.
    const chosen = await run(limit, { DEBRIEF_HEAP_MB: '200' }, large);
    expect(Number(chosen.error)).toBe(392);
    expect(chosen.stderr).toBe("  V8's young generation: 64 MB semi-spaces (400 MB of exports)\n");
    expect(Number((await run(limit, { DEBRIEF_HEAP_MB: '200', DEBRIEF_SEMI_SPACE_MB: '0' }, large)).error)).toBe(248);
    const asked = await run(limit, { DEBRIEF_HEAP_MB: '200', DEBRIEF_SEMI_SPACE_MB: '32' });
    expect(Number(asked.error)).toBe(296);
    expect(asked.stderr).toBe("  V8's young generation: 32 MB semi-spaces (DEBRIEF_SEMI_SPACE_MB)\n");
    expect(inputBytes(path.join(tmp, 'no-such-crisis'))).toBe(0);
  });

  it("passes the analysis's own error on as it is", async () => {
    const { error, stderr } = await run(`process.stderr.write('debrief: warning: posts.csv: 6 of 10 records rejected\\n');\nprocess.send({ type: 'failed', message: 'posts.csv: all 3 records rejected' }, () => process.exit(1));\n`);
    expect(error).toBe('posts.csv: all 3 records rejected');
    expect(stderr).toBe('debrief: warning: posts.csv: 6 of 10 records rejected\n');
  });

  it('resolves when the child says it is done', async () => {
    expect((await run(`process.send({ type: 'done' }, () => process.exit(0));\n`)).error).toBeNull();
  });

  it('says what stopped a child killed by a signal, and that memory is the likely cause of SIGKILL', async () => {
    const { error } = await run(`${ACTIVITY}process.kill(process.pid, 'SIGKILL');\n`);
    expect(error).toMatch(/^data\/acme: the analysis was killed \(SIGKILL\) while running the faults analysis: most likely the system ran out of memory/);
  });

  it("removes the spill directories of native DuckDB that a killed child left behind", async () => {
    const { error, stderr } = await run(
      `const { mkdtempSync, writeFileSync } = await import('node:fs');\nconst os = await import('node:os');\nconst path = await import('node:path');\n` +
        `const dir = mkdtempSync(path.join(os.tmpdir(), 'debrief-duckdb-' + process.pid + '-'));\nwriteFileSync(path.join(dir, 'block'), 'spilled');\n` +
        `process.stderr.write('spilled into ' + dir + '\\n', () => process.kill(process.pid, 'SIGKILL'));\n`,
    );
    expect(error).toMatch(/killed \(SIGKILL\)/);
    const dir = /spilled into (\S+)/.exec(stderr)?.[1];
    expect(dir).toContain(`${os.tmpdir()}${path.sep}debrief-duckdb-`);
    expect(existsSync(dir!)).toBe(false);
  });

  it('stops the real analysis process when its parent is killed', async () => {
    // A crisis that takes the analysis some seconds to read.
    const crisis = path.join(tmp, 'slow');
    mkdirSync(crisis);
    writeFileSync(path.join(crisis, 'crisis.yaml'), 'title: Slow\nsources:\n  - file: posts.csv\n');
    const rows = ['id,created_at,author,text'];
    for (let i = 0; i < 60_000; i++) rows.push(`${i},2024-10-01T${String(i % 24).padStart(2, '0')}:00:00Z,user${i % 999},the app is down again for the ${i}th time`);
    writeFileSync(path.join(crisis, 'posts.csv'), `${rows.join('\n')}\n`);
    // The parent: analyzeInChildProcess with the real entry, through tsx as bin/debrief.mjs runs it.
    const parentScript = path.join(tmp, 'parent.mjs');
    const module = (file: string) => JSON.stringify(pathToFileURL(path.join(ROOT, file)).href);
    writeFileSync(
      parentScript,
      `const { register } = await import(${module('node_modules/tsx/dist/esm/api/index.mjs')});\nregister();\nconst { analyzeInChildProcess } = await import(${module('src/node/analysis-process.ts')});\n` +
        `await analyzeInChildProcess(${JSON.stringify(crisis)}, { out: ${JSON.stringify(path.join(tmp, 'slow-out'))}, cacheDir: null, workers: 0 });\n`,
    );
    const parent = spawn(process.execPath, [parentScript], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DEBRIEF_HEAP_MB: '' } });
    // Once it says it is analysing, the analysis process is past its start-up.
    let stderr = '';
    await new Promise<void>((resolve) => parent.stderr.on('data', (d: Buffer) => (stderr += d.toString()).includes('debrief: analysing') && resolve()));
    // Its analysis child, not tsx's esbuild service (also a child of the parent while tsx's cache is cold).
    const cmdline = (p: number) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8');
      } catch {
        return '';
      }
    };
    // The analysis runs as its bundle (compiled-entry.ts), not through tsx.
    const pid = childrenOf(parent.pid!).find((p) => /analysis-process-main-[0-9a-f]{16}\/analysis-process-main\.mjs/.test(cmdline(p)));
    expect(pid, `children of the parent: ${childrenOf(parent.pid!).map(cmdline).join(' | ')}`).toBeDefined();
    parent.kill('SIGKILL');
    for (let i = 0; i < 200 && alive(pid!); i++) await new Promise((r) => setTimeout(r, 50));
    expect(alive(pid!)).toBe(false);
  }, 60_000);
});
