/**
 * A TextMapper for `/analyze/` that shares large per-text jobs with helper
 * Web Workers (text-worker.ts), as src/node/worker-mapper.ts does with worker
 * threads: the texts are cut into one contiguous slice per thread (whole
 * tagger batches for chunk tasks, so merged results equal one run), the
 * calling thread works its slice too, and results come back in input order —
 * identical to the in-process mapper's. Small jobs stay on the calling thread.
 */
import { deferred, inProcessMapper, type TextMapper } from '../analysis/parallel/text-mapper.ts';
import { chunkAlign, createChunkTask, createTextTask, decodeResults, type ChunkTaskName, type TextTaskName } from '../analysis/parallel/text-tasks.ts';
import type { ChunkRequest, ChunkResponse } from '../analysis/parallel/chunk-protocol.ts';

/** What the mapper needs of a worker (a Web Worker; a fake in tests). */
export interface HelperWorker {
  postMessage(message: ChunkRequest): void;
  addEventListener(type: 'message', listener: (event: { data: ChunkResponse }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  terminate(): void;
}

export interface BrowserTextMapperOptions {
  /** Helper workers besides the calling thread (0: everything in-process). */
  helpers: number;
  /** Starts one helper. */
  spawn: () => HelperWorker;
  /** Jobs with fewer texts run in-process (default 5,000: below that a helper's start, about a second, costs more than it saves). */
  minTexts?: number;
}

/** A TextMapper that owns helper workers: close it when done. */
export interface BrowserTextMapper extends TextMapper {
  close(): void;
}

/** Slice boundaries: `parts` contiguous slices of `n` texts, each a multiple of `align` but the last. */
export function sliceBounds(n: number, parts: number, align = 1): number[] {
  const size = Math.max(align, Math.ceil(n / parts / align) * align);
  const bounds = [0];
  while (bounds.at(-1)! < n) bounds.push(Math.min(n, bounds.at(-1)! + size));
  return bounds;
}

/** The mapper; helpers start on the first large job and are reused. */
export function browserTextMapper(options: BrowserTextMapperOptions): BrowserTextMapper {
  const minTexts = options.minTexts ?? 5_000;
  const helpers: { worker: HelperWorker; pending: Map<number, { resolve: (r: unknown[]) => void; reject: (e: Error) => void }> }[] = [];
  let nextId = 0;
  const helper = (i: number) => {
    if (helpers[i]) return helpers[i]!;
    const worker = options.spawn();
    const pending = new Map<number, { resolve: (r: unknown[]) => void; reject: (e: Error) => void }>();
    worker.addEventListener('message', (event) => {
      const r = event.data;
      const p = pending.get(r.id);
      pending.delete(r.id);
      if ('error' in r) p?.reject(new Error(`a language helper worker failed: ${r.error}`));
      else p?.resolve(r.results);
    });
    worker.addEventListener('error', (event) => {
      for (const p of pending.values()) p.reject(new Error(`a language helper worker stopped (${event.message || 'worker error'})`));
      pending.clear();
    });
    return (helpers[i] = { worker, pending });
  };
  const send = (i: number, request: Omit<ChunkRequest, 'id'>) =>
    new Promise<unknown[]>((resolve, reject) => {
      const h = helper(i);
      const id = nextId++;
      h.pending.set(id, { resolve, reject });
      h.worker.postMessage({ ...request, id });
    });
  /** Each slice's results: slices 1… on helpers, slice 0 here, in order. */
  const run = async (kind: ChunkRequest['kind'], task: string, params: unknown, texts: readonly string[], align: number, local: (texts: string[]) => unknown[]) => {
    const bounds = sliceBounds(texts.length, options.helpers + 1, align);
    const json = JSON.stringify(params);
    const remote = bounds.slice(1, -1).map(async (from, i) => {
      const slice = texts.slice(from, bounds[i + 2]);
      const results = await send(i, { kind, task: task as ChunkRequest['task'], params: json, texts: slice });
      // A per-text task's answers come encoded where the task says how (text-tasks.ts encodeResults).
      return kind === 'each' ? decodeResults(task as TextTaskName, results, slice) : results;
    });
    // Settle every slice before failing, so no helper's answer is left pending.
    const mine = (() => {
      try {
        return { ok: local(texts.slice(0, bounds[1])) };
      } catch (error) {
        return { error };
      }
    })();
    const others = await Promise.allSettled(remote);
    if ('error' in mine) throw mine.error;
    for (const o of others) if (o.status === 'rejected') throw o.reason;
    return [mine.ok, ...others.map((o) => (o as PromiseFulfilledResult<unknown[]>).value)];
  };
  const inProcess = (n: number) => options.helpers < 1 || n < minTexts;
  const mapper: BrowserTextMapper = {
    async map(task, params, texts) {
      if (inProcess(texts.length)) return inProcessMapper.map(task, params, texts);
      const each = createTextTask(task as TextTaskName, params as never);
      const parts = await run('each', task, params, texts, 1, (slice) => slice.map((t) => each(t)));
      return parts.flat() as never;
    },
    async mapChunks(task, params, texts) {
      if (inProcess(texts.length)) return inProcessMapper.mapChunks(task, params, texts);
      const chunk = createChunkTask(task as ChunkTaskName, params as never);
      return (await run('chunk', task, params, texts, chunkAlign(task), (slice) => [chunk(slice)])).flat() as never;
    },
    // Jobs here are one slice per thread, the calling thread's included: work started ahead runs when joined.
    start(task, params, texts) {
      return deferred(() => mapper.map(task, params, texts));
    },
    startChunks(task, params, texts) {
      return deferred(() => mapper.mapChunks(task, params, texts));
    },
    // A byte task (a bundle table's CSV) is one buffer: it runs here, when joined.
    startBytes: inProcessMapper.startBytes,
    close() {
      for (const h of helpers) h.worker.terminate();
      helpers.length = 0;
    },
  };
  return mapper;
}
