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
import { deferred, inProcessMapper, textLength, type StartOptions, type Started, type TextMapper } from '../analysis/parallel/text-mapper.ts';
import {
  chunkAlign,
  createByteTask,
  createChunkTask,
  createTextTask,
  decodeResults,
  encodeResults,
  isChunkTaskName,
  isTextTaskName,
  type ByteTaskName,
  type ByteTaskParams,
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
  /** Characters of texts a worker may hold of work started ahead, in chunks it has not answered (default {@link TEXT_AHEAD}). */
  textAhead?: number;
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
  /** How many chunks a worker may hold when given this one (see AHEAD). */
  ahead: number;
  /** Characters of its texts (see TEXT_AHEAD). */
  chars: number;
  done: (results: unknown[]) => void;
  fail: (error: Error) => void;
}

/** A task set up for this thread, or undefined when it cannot be (its error is thrown again where it is run). */
function setUp<T>(create: () => T): T | undefined {
  try {
    return create();
  } catch {
    return undefined;
  }
}

/** A job's chunks on the queue: their results, and the requests this thread may still take. */
interface Job {
  parts: Promise<unknown[]>[];
  own: Pending[];
}

/**
 * Chunks a worker may hold at once of work started ahead (TextMapper.start): while this thread is busy elsewhere
 * it hands chunks over only when its event loop turns, and it may not turn for seconds (themes' document index,
 * a long SQL step). With eight at a time the worker sat idle while this thread ran the crisis analyses of a
 * million posts, and the fault matching it had not done fell to this thread at the join (1.8 s of it). So a
 * started job's chunks go to the workers up to {@link TEXT_AHEAD} characters of texts a worker holds: every chunk
 * posted is a copy of its texts until the worker has read it. (Holding the answers early cost memory too while
 * they came back as objects, 40–70 MiB at the build's peak with sixteen ahead; fault matches now come back as
 * numbers, text-tasks.ts encodeResults.) A job this thread is waiting on gives one at a time, leaving the rest for
 * this thread to take; so do chunk tasks, whose chunks are few and long. (Two at a time for a joined job, so that
 * a worker need not wait for this thread's chunk to end to get its next, measured no faster on a million posts:
 * 85.1-85.8 s against 86.6-90.5 s, more CPU.)
 */
const AHEAD = { started: Infinity, startedChunks: 2, startedBytes: 2, joined: 1 };

/** Characters of texts a worker may hold in chunks it has not answered (one chunk, however long, it always may). */
export const TEXT_AHEAD = 16 * 2 ** 20;

interface Slot {
  worker: Worker;
  /** Chunks posted to the worker, oldest first (it answers in order). */
  jobs: Pending[];
  /** Characters of the texts of those chunks. */
  chars: number;
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
  /** Chunks of work started `whenIdle`: handed to a worker only while `queue` is empty. */
  const idleQueue: Pending[] = [];
  let nextId = 0;
  let broken: Error | null = null;
  let warnedMissing = false;
  let closing = false;
  const chunks = { workers: 0, local: 0 };
  const textAhead = options.textAhead ?? TEXT_AHEAD;

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

  const fits = (slot: Slot, job: Pending) => slot.jobs.length < job.ahead && (slot.jobs.length === 0 || slot.chars + job.chars <= textAhead);
  const post = (slot: Slot, job: Pending): void => {
    slot.jobs.push(job);
    slot.chars += job.chars;
    slot.worker.ref();
    // A byte task's input moves to the worker, its whole buffer (the task owns it).
    slot.worker.postMessage(job.request, job.request.bytes ? [job.request.bytes.buffer as ArrayBuffer] : []);
  };
  const pump = (): void => {
    for (const slot of slots) {
      while (queue.length > 0 && fits(slot, queue[0]!)) post(slot, queue.shift()!);
      // Up to TEXT_AHEAD of it, like other started work: this thread may not turn its event loop for seconds.
      while (queue.length === 0 && idleQueue.length > 0 && fits(slot, idleQueue[0]!)) post(slot, idleQueue.shift()!);
    }
  };

  const fail = (error: Error): void => {
    broken ??= error;
    for (const slot of slots) {
      for (const job of slot.jobs.splice(0)) job.fail(error);
      slot.chars = 0;
    }
    for (const job of [...queue.splice(0), ...idleQueue.splice(0)]) job.fail(error);
  };

  const startThreads = (): void => {
    if (slots.length > 0) return;
    for (let i = 0; i < size; i++) {
      const worker = new Worker(entry);
      const slot: Slot = { worker, jobs: [], chars: 0 };
      worker.on('message', (response: ChunkResponse) => {
        const job = slot.jobs.shift();
        if (job) slot.chars -= job.chars;
        // An idle worker must not keep the process alive.
        if (slot.jobs.length === 0) worker.unref();
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

  /** Cut `texts` into chunks on the shared queue, for the workers (and, when it helps, this thread) to take. */
  const enqueue = (kind: 'each' | 'chunk', task: TextTaskName | ChunkTaskName, params: unknown, texts: readonly string[], chunk: number, ahead = AHEAD.joined, idle = false): Job => {
    const json = JSON.stringify(params);
    const requests: ChunkRequest[] = [];
    for (let from = 0; from < texts.length; from += chunk) requests.push({ id: nextId++, kind, task, params: json, texts: texts.slice(from, from + chunk) });
    return queued(requests, ahead, idle);
  };

  /** The requests on the shared queue (or, `idle`, the idle one), as one job (`ahead`: see AHEAD). */
  const queued = (requests: ChunkRequest[], ahead: number, idle = false): Job => {
    startThreads();
    const parts: Promise<unknown[]>[] = [];
    const own: Pending[] = [];
    for (const request of requests) {
      parts.push(
        new Promise((done, reject) => {
          const job = { request, ahead, chars: textLength(request.texts), done, fail: reject };
          (idle ? idleQueue : queue).push(job);
          own.push(job);
        }),
      );
    }
    // Idle work is handed over once this thread's current step is done: work it starts meanwhile goes first.
    if (idle) setImmediate(pump);
    else pump();
    return { parts, own };
  };

  /**
   * Take the job's chunks no worker has begun on this thread too, and return
   * each chunk's results in order.
   */
  const help = async ({ parts, own }: Job, local: (request: ChunkRequest) => unknown[] | Promise<unknown[]>): Promise<unknown[][]> => {
    // Waited on now: the workers take the rest one chunk at a time, beside this thread, idle work or not.
    for (const job of own) job.ahead = AHEAD.joined;
    const mine = new Set(own);
    if (idleQueue.some((job) => mine.has(job))) {
      queue.push(...idleQueue.filter((job) => mine.has(job)));
      idleQueue.splice(0, idleQueue.length, ...idleQueue.filter((job) => !mine.has(job)));
    }
    // Another job's chunks may share the queue; yield between chunks so worker results are received.
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
        current.done(await local(current.request));
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

  /** A job whose chunks the workers take now and this thread only when joined; a failure waits for the join. */
  const startJob = <T>(job: Job, local: (request: ChunkRequest) => unknown[] | Promise<unknown[]>, collect: (parts: unknown[][]) => T): Started<T> => {
    // Nobody awaits the chunks before the join: keep a worker's failure from being an unhandled rejection meanwhile.
    for (const part of job.parts) part.catch(() => {});
    const settled = Promise.allSettled(job.parts).then(() => {});
    return { ...deferred(async () => collect(await help(job, local))), settled };
  };

  // A per-text chunk's results as a worker answers it, encoded where its task says how (text-tasks.ts), so that
  // chunks this thread runs and chunks the workers run are kept alike until the join decodes them all.
  const eachLocal = (task: TextTaskName, run: (text: string) => unknown) => ({ texts: chunkTexts }: ChunkRequest) => encodeResults(task, chunkTexts.map((t) => run(t)));
  const eachResults = (task: TextTaskName, job: Job, parts: unknown[][]): unknown[] => parts.flatMap((part, i) => decodeResults(task, part, job.own[i]!.request.texts));

  /** Texts per chunk of a per-text job (about 8 chunks per thread, 500–5,000). */
  const eachChunk = (n: number): number => options.chunkSize ?? Math.min(5_000, Math.max(500, Math.ceil(n / ((size + 1) * 8))));

  /** Texts per chunk of a chunk task: whole tagger batches, so the merged result equals one run. */
  const chunkTaskChunk = (task: ChunkTaskName, n: number): number => {
    const align = chunkAlign(task);
    const wanted = options.chunkSize ?? n / ((size + 1) * 2);
    return Math.max(align, Math.ceil(wanted / align) * align);
  };

  const map = async <K extends TextTaskName>(task: K, params: TextTaskParams<K>, texts: readonly string[]): Promise<TextTaskResult<K>[]> => {
    if (broken) throw broken;
    if (!isTextTaskName(task)) throw new Error(`unknown text task "${String(task)}"`);
    if (texts.length < minTexts || !usable()) return inProcessMapper.map(task, params, texts);
    // Set up here first: a task that cannot start (say, a bad taxonomy) fails before any work is handed out.
    const run = createTextTask(task, params);
    const job = enqueue('each', task, params, texts, eachChunk(texts.length));
    // Results are typed by the task registry; the workers ran the same task.
    return eachResults(task, job, await help(job, eachLocal(task, run))) as TextTaskResult<K>[];
  };

  const mapChunks = async <K extends ChunkTaskName>(task: K, params: ChunkTaskParams<K>, texts: readonly string[]): Promise<ChunkTaskResult<K>[]> => {
    if (broken) throw broken;
    if (!isChunkTaskName(task)) throw new Error(`unknown chunk task "${String(task)}"`);
    // Chunk tasks are bounded (a sample), so they only use workers a large job has already started.
    if (slots.length === 0) return inProcessMapper.mapChunks(task, params, texts);
    const run = createChunkTask(task, params);
    const parts = await help(enqueue('chunk', task, params, texts, chunkTaskChunk(task, texts.length)), ({ texts: chunkTexts }) => [run(chunkTexts)]);
    // One result per chunk, typed by the chunk-task registry.
    return parts.map((p) => p[0] as ChunkTaskResult<K>);
  };

  // Anything that cannot start on the workers (a small input, no threads, an unknown task, a bad taxonomy) is left
  // to `map` at the join, which runs it here or fails there, as it would have without starting ahead.
  const start = <K extends TextTaskName>(task: K, params: TextTaskParams<K>, texts: readonly string[], startOptions: StartOptions = {}): Started<TextTaskResult<K>[]> => {
    const later = deferred(() => map(task, params, texts));
    if (broken || !isTextTaskName(task) || texts.length < minTexts || !usable()) return later;
    const run = setUp(() => createTextTask(task, params));
    if (!run) return later;
    const job = enqueue('each', task, params, texts, eachChunk(texts.length), AHEAD.started, startOptions.whenIdle === true);
    return startJob(job, eachLocal(task, run), (parts) => eachResults(task, job, parts) as TextTaskResult<K>[]);
  };

  const startChunks = <K extends ChunkTaskName>(task: K, params: ChunkTaskParams<K>, texts: readonly string[]): Started<ChunkTaskResult<K>[]> => {
    const later = deferred(() => mapChunks(task, params, texts));
    if (broken || !isChunkTaskName(task) || slots.length === 0) return later;
    const run = setUp(() => createChunkTask(task, params));
    if (!run) return later;
    const job = enqueue('chunk', task, params, texts, chunkTaskChunk(task, texts.length), AHEAD.startedChunks);
    return startJob(job, ({ texts: chunkTexts }) => [run(chunkTexts)], (parts) => parts.map((p) => p[0] as ChunkTaskResult<K>));
  };

  // One buffer, one request. Like chunk tasks, byte tasks only use workers a large job has already started.
  const startBytes = <K extends ByteTaskName>(task: K, params: ByteTaskParams<K>, bytes: Uint8Array): Started<Uint8Array> => {
    const later = deferred(() => createByteTask(task, params)(bytes));
    if (broken || closing || slots.length === 0) return later;
    const run = setUp(() => createByteTask(task, params));
    if (!run) return later;
    // Its whole buffer moves to the worker, a view into it as it is (the task owns the buffer).
    const job = queued([{ id: nextId++, kind: 'bytes', task, params: JSON.stringify(params), texts: [], bytes }], AHEAD.startedBytes);
    return startJob(job, async ({ bytes: input }) => [await run(input!)], (parts) => parts[0]![0] as Uint8Array);
  };

  return {
    map,
    mapChunks,
    start,
    startChunks,
    startBytes,
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
