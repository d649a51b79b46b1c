/**
 * `debrief analyze` of one crisis in a child process with a heap sized from
 * the machine (heap-budget.ts), so that running out of JavaScript heap is one
 * line naming the crisis, what ran out and what to do, never V8's raw crash.
 *
 * Why a process and not a worker thread with `resourceLimits`: V8 stops a
 * worker cleanly only when its heap fills by small steps; an array that grows
 * past the limit in one allocation (`push` onto a few million numbers) aborts
 * the whole process with "FATAL ERROR: Reached heap limit" and exit 134, the
 * parent included. Only another process survives that, and can say so.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalyzeCommandOptions } from '../cli/analyze.ts';
import { withDirLock, lockFile } from './atomic-dir.ts';
import { readManifest } from './bundle-dir.ts';
import { childStderr } from './child-stderr.ts';
import { compiledEntry, TEXT_WORKER_ENV } from './compiled-entry.ts';
import { removeSpillDirs } from './duckdb-spill.ts';
import { heapBudget, machineMemoryMb, outOfHeapMessage, semiSpaceMb } from './heap-budget.ts';

/** The options the child gets: plain data (callbacks stay in the child). */
export type AnalysisOptions = Omit<AnalyzeCommandOptions, 'onHeapExhausted' | 'onActivity'>;

/** What the parent sends the child (as JSON in argv). */
export interface AnalysisRequest {
  dir: string;
  options: AnalysisOptions;
}

/** What the child tells the parent over IPC. */
export type ChildMessage = { type: 'activity'; activity: string } | { type: 'failed'; message: string } | { type: 'done' };

export interface AnalysisProcessOptions {
  /** The child's entry (tests start a stand-in); analysis-process.mjs by default. */
  entry?: string;
  /** Environment for the heap budget and the child (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

// A variable, not a literal: bundlers rewrite `new URL('literal', import.meta.url)` into an asset.
const ENTRY_NAME = './analysis-process.mjs';

/**
 * Node flags of this process the child keeps: the ones that change what it measures (`--expose-gc`, which the
 * child is given anyway, and the semi-space and stack sizes), the profilers' (`node --cpu-prof --cpu-prof-dir=D bin/debrief.mjs analyze …` profiles
 * the analysis, where the time goes, not just this waiting parent) and V8's traces of its collections
 * (`--trace-gc --trace-incremental-marking`: which collections the analysis starts, and why).
 */
const KEPT_FLAGS = /^--(trace[-_]gc|trace[-_]incremental[-_]marking|expose[-_]gc|max[-_]semi[-_]space[-_]size=\d+|stack[-_]size=\d+|cpu[-_]prof|cpu[-_]prof[-_]dir=.+|heap[-_]prof|heap[-_]prof[-_]dir=.+)$/;
const SEMI_SPACE_FLAG = /^--max[-_]semi[-_]space[-_]size=/;

/** Bytes of the files directly in `dir` (a crisis's exports, crisis.yaml and notes): 0 when it cannot be read. */
export function inputBytes(dir: string): number {
  let bytes = 0;
  try {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isFile() && !entry.isSymbolicLink()) continue;
      try {
        const stat = statSync(path.join(dir, entry.name));
        if (stat.isFile()) bytes += stat.size;
      } catch {
        // A broken link: the analysis says so itself.
      }
    }
  } catch {
    // No such directory: the analysis says so itself.
  }
  return bytes;
}

/** The flags of `execArgv` (this process's, by default) the analysis child is started with too. */
export function keptFlags(execArgv: readonly string[] = process.execArgv): string[] {
  return execArgv.filter((f) => KEPT_FLAGS.test(f));
}

/**
 * Analyses `dir` into `options.out` in a child process; its progress and warnings go to this process's stderr as
 * they come. Resolves when the bundle is written; rejects with one line otherwise: the analysis's own error as it
 * would be in process, or what stopped the child (the JavaScript heap, a signal). A stopped child's lock and
 * partial bundle are cleaned up, so the previous bundle stays as it was.
 */
export async function analyzeInChildProcess(dir: string, options: AnalysisOptions, { entry, env = process.env }: AnalysisProcessOptions = {}): Promise<void> {
  const compiled = entry ? null : await compiledEntries();
  const budget = heapBudget(env);
  const kept = keptFlags();
  // A semi-space given to this Node wins over the one chosen from the exports' size.
  const bytes = inputBytes(dir);
  const semiSpace = kept.some((f) => SEMI_SPACE_FLAG.test(f)) ? null : semiSpaceMb(bytes, env);
  // Said, because it changes what a run measures (benchmarks compare runs).
  if (semiSpace !== null && !options.quiet) {
    const from = semiSpace.from === 'exports' ? `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MB of exports` : semiSpace.from;
    process.stderr.write(`  V8's young generation: ${semiSpace.mb} MB semi-spaces (${from})\n`);
  }
  const flags = [
    ...kept,
    `--max-old-space-size=${budget.mb}`,
    ...(semiSpace === null ? [] : [`--max-semi-space-size=${semiSpace.mb}`]),
    // V8's heap growing factor is left at its default while the files are read, then set (heap-budget.ts limitHeapGrowth).
    // So that the analysis can collect one analysis's garbage before the next starts (cli/analyze.ts collectGarbage).
    '--expose-gc',
  ];
  const request: AnalysisRequest = { dir, options };
  const child = spawn(process.execPath, [...flags, entry ?? compiled!.main, JSON.stringify(request)], {
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    env: compiled?.worker ? { ...env, [TEXT_WORKER_ENV]: compiled.worker } : env,
  });
  let activity = 'starting';
  let failed: string | null = null;
  let done = false;
  child.on('message', (m: ChildMessage) => {
    if (m.type === 'activity') activity = m.activity;
    else if (m.type === 'failed') failed ??= m.message;
    else done = true;
  });
  const stderr = childStderr((line) => process.stderr.write(`${line}\n`));
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => stderr.push(chunk));
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    // 'close': the child has exited and its stderr and IPC channel are drained, so every message is in.
    child.on('close', (c, s) => resolve({ code: c, signal: s }));
  });
  stderr.end();
  if (code === 0 && done && failed === null) return;
  if (child.pid !== undefined) {
    await cleanUp(options.out, child.pid);
    removeSpillDirs(child.pid);
  }
  if (failed !== null) throw new Error(failed);
  const crash = stderr.crash();
  if (crash?.kind === 'heap') throw new Error(outOfHeapMessage(dir, activity, budget.mb, machineMemoryMb()));
  if (crash?.kind === 'size') throw new Error(`${dir}: a list grew beyond the largest JavaScript allows while ${activity} (V8: ${fatalLine(crash.text)}); split the export into smaller files`);
  if (crash) throw new Error(`${dir}: the analysis crashed while ${activity} (V8: ${fatalLine(crash.text)})`);
  if (signal === 'SIGKILL') {
    throw new Error(`${dir}: the analysis was killed (SIGKILL) while ${activity}: most likely the system ran out of memory (this machine has ${machineMemoryMb()} MB, the heap may take ${budget.mb} MB); set a smaller DEBRIEF_HEAP_MB, or split the export into smaller files`);
  }
  throw new Error(`${dir}: the analysis stopped (${signal ?? `exit ${code}`}) while ${activity}`);
}

/**
 * The child's entry and its text workers' as plain JavaScript (compiled-entry.ts); when they cannot be bundled,
 * the TypeScript entries through tsx, as before (more memory, same results).
 */
function compiledEntries(): Promise<{ main: string; worker: string | null }> {
  // Once per process: `debrief build` may analyse several crises.
  compiled ??= (async () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    try {
      const [main, worker] = await Promise.all([compiledEntry(path.join(here, 'analysis-process-main.ts')), compiledEntry(path.join(here, 'text-worker.ts'))]);
      return { main, worker };
    } catch (error) {
      process.stderr.write(`debrief: the analysis runs through tsx (bundling it failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})\n`);
      return { main: fileURLToPath(new URL(ENTRY_NAME, import.meta.url)), worker: null };
    }
  })();
  return compiled;
}
let compiled: Promise<{ main: string; worker: string | null }> | undefined;

/** V8's one line saying what failed ("FATAL ERROR: …", "# Fatal JavaScript …"), else its first line. */
function fatalLine(text: string): string {
  const lines = text.split('\n');
  const line = lines.find((l) => l.startsWith('FATAL ERROR: ')) ?? lines.find((l) => /^# Fatal (JavaScript|process)/.test(l)) ?? lines.find((l) => l.trim()) ?? '';
  return line.replace(/^(FATAL ERROR: |# )/, '').trim();
}

/**
 * A child stopped while writing leaves its lock and partial directory beside `out` (or, between the two renames,
 * the previous bundle moved aside): take the lock of the dead writer and let the bundle machinery put things back.
 */
async function cleanUp(out: string, pid: number): Promise<void> {
  const target = path.resolve(out);
  const lock = lockFile(target);
  const ours = existsSync(lock) && readFileSync(lock, 'utf8').trim() === String(pid);
  if (!ours && !existsSync(`${target}.partial-${pid}`) && !existsSync(`${target}.old-${pid}`)) return;
  await withDirLock(target, (aside) => readManifest(aside) !== null, async () => {}, { waitMs: 5_000 }).catch(() => {
    // Another writer holds the lock now: it cleans up when it takes it.
  });
}
