/**
 * A TextMapper that spreads per-text language work over worker threads, so
 * a million-post crisis uses every core. Texts are cut into chunks; the
 * workers and the calling thread take chunks from one queue, and results
 * come back in input order, identical to the in-process mapper's.
 *
 * The calling thread works too because a worker takes about 0.8 s to start
 * (it compiles the TypeScript and loads the sentiment model): nothing waits
 * for that, and a job is never slower than on one thread by more than the
 * cost of handing chunks over. Small inputs stay on the calling thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { inProcessMapper, type TextMapper } from '../analysis/parallel/text-mapper.ts';
import {
  chunkAlign,
  createChunkTask,
  createTextTask,
  isChunkTaskName,
  isTextTaskName,
  type ChunkTaskName,
  type ChunkTaskParams,
  type ChunkTaskResult,
  type TextTaskName,
  type TextTaskParams,
  type TextTaskResult,
} from '../analysis/parallel/text-tasks.ts';
import type { ChunkRequest, ChunkResponse } from '../analysis/parallel/chunk-protocol.ts';
import { TEXT_WORKER_ENV } from './compiled-entry.ts';

export interface WorkerMapperOptions {
  /**
   * Worker threads besides the calling thread. Default: the DEBRIEF_WORKERS
   * environment variable, else one per core but one (none on a single core).
   * 0 runs everything in-process.
   */
  workers?: number;
  /** Inputs with fewer texts run in-process (default 50,000: below that, starting a worker costs about what it saves). */
  minTexts?: number;
  /** Texts per chunk (default: about 8 chunks per thread, 500–5,000, so the calling thread checks often for results). */
  chunkSize?: number;
  /**
   * The worker entry. Default: the bundled entry the analysis child process
   * names in DEBRIEF_TEXT_WORKER (compiled-entry.ts), else text-worker.mjs
   * beside this module. A bundled
   * host (the Astro build) must pass the real path: its bundle has moved
   * this module away from the entry.
   */
  entry?: URL;
  /** Told when threads start, or why work stays in-process. */
  onNote?: (message: string) => void;
}

/** A TextMapper that owns threads: close it when done. */
export interface WorkerMapper extends TextMapper {
  /** Threads started so far (0 until the first large input). */
  readonly threads: number;
  /** Chunks done so far by the workers and by the calling thread. */
  readonly chunks: { workers: number; local: number };
  close(): Promise<void>;
}

interface Pending {
  request: ChunkRequest;
  done: (results: unknown[]) => void;
  fail: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Pending | null;
}

/** Worker threads wanted: explicit option, else DEBRIEF_WORKERS, else one per core but the calling thread's. */
export function workerCount(option?: number): number {
  if (option !== undefined) return Math.max(0, Math.floor(option));
  const env = process.env['DEBRIEF_WORKERS'];
  if (env !== undefined && env.trim() !== '') {
    const n = Number(env);
    if (!Number.isInteger(n) || n < 0) throw new Error(`DEBRIEF_WORKERS must be a whole number ≥ 0 (got "${env}"); use 0 to analyse on one thread`);
    return n;
  }
  return availableParallelism() - 1;
}

/**
 * Create a mapper backed by worker threads (started on first use).
 * @example
 *   const mapper = createWorkerMapper();
 *   try { await analyzeCrisis(files, engine, { slug, textMapper: mapper }); } finally { await mapper.close(); }
 */
export function createWorkerMapper(options: WorkerMapperOptions = {}): WorkerMapper {
  const size = workerCount(options.workers);
  const minTexts = options.minTexts ?? 50_000;
  // A variable, not a literal: bundlers rewrite `new URL('literal', import.meta.url)` into an asset.
  const entryName = './text-worker.mjs';
  // The analysis child process names its workers' bundled entry (compiled-entry.ts); else the tsx entry beside this file.
  const bundled = process.env[TEXT_WORKER_ENV];
  const entry = options.entry ?? (bundled ? pathToFileURL(bundled) : new URL(entryName, import.meta.url));
  const note = options.onNote ?? (() => {});
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 0;
  let broken: Error | null = null;
  let warnedMissing = false;
  let closing = false;
  const chunks = { workers: 0, local: 0 };

  const usable = (): boolean => {
    if (size < 1) return false;
    if (slots.length > 0) return true;
    if (!existsSync(fileURLToPath(entry))) {
      if (!warnedMissing) note(`worker entry ${fileURLToPath(entry)} not found: language analyses run on one thread`);
      warnedMissing = true;
      return false;
    }
    return true;
  };

  const pump = (): void => {
    for (const slot of slots) {
      if (slot.job !== null) continue;
      const job = queue.shift();
      if (!job) break;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage(job.request);
    }
  };

  const fail = (error: Error): void => {
    broken ??= error;
    for (const slot of slots) {
      slot.job?.fail(error);
      slot.job = null;
    }
    for (const job of queue.splice(0)) job.fail(error);
  };

  const start = (): void => {
    if (slots.length > 0) return;
    for (let i = 0; i < size; i++) {
      const worker = new Worker(entry);
      const slot: Slot = { worker, job: null };
      worker.on('message', (response: ChunkResponse) => {
        const job = slot.job;
        slot.job = null;
        // An idle worker must not keep the process alive.
        worker.unref();
        if (job && job.request.id === response.id) {
          if ('error' in response) job.fail(new Error(`text worker failed on task "${job.request.task}": ${response.error}`));
          else {
            chunks.workers++;
            job.done(response.results);
          }
        }
        pump();
      });
      worker.on('error', (error) => fail(new Error(`text worker crashed: ${error.message}. Set DEBRIEF_WORKERS=0 to analyse on one thread.`)));
      worker.on('exit', (code) => {
        if (code !== 0 && !closing && broken === null) fail(new Error(`text worker exited with code ${code}. Set DEBRIEF_WORKERS=0 to analyse on one thread.`));
      });
      worker.unref();
      slots.push(slot);
    }
    note(`language analyses use ${size} worker thread${size === 1 ? '' : 's'} besides this one`);
  };

  /**
   * Cut `texts` into chunks on the shared queue, take this job's chunks on
   * this thread too, and return each chunk's results in order.
   */
  const runJob = async (kind: ChunkRequest['kind'], task: TextTaskName | ChunkTaskName, params: unknown, texts: readonly string[], chunk: number, local: (texts: string[]) => unknown[]): Promise<unknown[][]> => {
    start();
    const json = JSON.stringify(params);
    const parts: Promise<unknown[]>[] = [];
    const own: Pending[] = [];
    for (let from = 0; from < texts.length; from += chunk) {
      const request: ChunkRequest = { id: nextId++, kind, task, params: json, texts: texts.slice(from, from + chunk) };
      parts.push(
        new Promise((done, reject) => {
          const job = { request, done, fail: reject };
          queue.push(job);
          own.push(job);
        }),
      );
    }
    pump();
    // This thread takes this job's chunks too (another job's may share the queue), yielding between them so worker results are received.
    const next = (): Pending | undefined => {
      for (const job of own) {
        const at = queue.indexOf(job);
        if (at >= 0) return queue.splice(at, 1)[0];
      }
      return undefined;
    };
    let current: Pending | undefined;
    try {
      for (current = next(); current; current = next()) {
        current.done(local(current.request.texts));
        chunks.local++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      // Settle every chunk of this job (the failing one included) before giving up, so none is left pending.
      const reason = error instanceof Error ? error : new Error(String(error));
      current?.fail(reason);
      for (let job = next(); job; job = next()) job.fail(reason);
      await Promise.allSettled(parts);
      throw error;
    }
    return Promise.all(parts);
  };

  const map = async <K extends TextTaskName>(task: K, params: TextTaskParams<K>, texts: readonly string[]): Promise<TextTaskResult<K>[]> => {
    if (broken) throw broken;
    if (!isTextTaskName(task)) throw new Error(`unknown text task "${String(task)}"`);
    if (texts.length < minTexts || !usable()) return inProcessMapper.map(task, params, texts);
    // Set up here first: a task that cannot start (say, a bad taxonomy) fails before any work is handed out.
    const run = createTextTask(task, params);
    const chunk = options.chunkSize ?? Math.min(5_000, Math.max(500, Math.ceil(texts.length / ((size + 1) * 8))));
    const parts = await runJob('each', task, params, texts, chunk, (chunkTexts) => chunkTexts.map((t) => run(t)));
    // Results are typed by the task registry; the workers ran the same task.
    return parts.flat() as TextTaskResult<K>[];
  };

  const mapChunks = async <K extends ChunkTaskName>(task: K, params: ChunkTaskParams<K>, texts: readonly string[]): Promise<ChunkTaskResult<K>[]> => {
    if (broken) throw broken;
    if (!isChunkTaskName(task)) throw new Error(`unknown chunk task "${String(task)}"`);
    // Chunk tasks are bounded (a sample), so they only use workers a large job has already started.
    if (slots.length === 0) return inProcessMapper.mapChunks(task, params, texts);
    const run = createChunkTask(task, params);
    const align = chunkAlign(task);
    // Whole tagger batches per chunk, so the merged result equals one run.
    const wanted = options.chunkSize ?? texts.length / ((size + 1) * 2);
    const chunk = Math.max(align, Math.ceil(wanted / align) * align);
    const parts = await runJob('chunk', task, params, texts, chunk, (chunkTexts) => [run(chunkTexts)]);
    // One result per chunk, typed by the chunk-task registry.
    return parts.map((p) => p[0] as ChunkTaskResult<K>);
  };

  return {
    map,
    mapChunks,
    get threads() {
      return slots.length;
    },
    get chunks() {
      return { ...chunks };
    },
    async close() {
      closing = true;
      const workers = slots.splice(0).map((s) => s.worker);
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
