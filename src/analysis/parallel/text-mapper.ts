/**
 * TextMapper: how the language analyses run a per-text task over many texts.
 * The analyses only ask for results in input order; whether the work is done
 * here or spread over worker threads is the host's choice (Node passes a
 * worker pool, see src/node/worker-mapper.ts; the browser uses this module's
 * in-process mapper).
 */
import { dedupeExact } from '../core/distinct-texts.ts';
import {
  createByteTask,
  createChunkTask,
  createTextTask,
  type ByteTaskName,
  type ByteTaskParams,
  type ChunkTaskName,
  type ChunkTaskParams,
  type ChunkTaskResult,
  type TextTaskName,
  type TextTaskParams,
  type TextTaskResult,
} from './text-tasks.ts';

export interface TextMapper {
  /** Results of `task` for each text, in the order of `texts`. */
  map<K extends TextTaskName>(task: K, params: TextTaskParams<K>, texts: readonly string[]): Promise<TextTaskResult<K>[]>;
  /**
   * Results of a chunk task for consecutive chunks of `texts`, in order, for
   * the caller to merge (one chunk when run in-process).
   */
  mapChunks<K extends ChunkTaskName>(task: K, params: ChunkTaskParams<K>, texts: readonly string[]): Promise<ChunkTaskResult<K>[]>;
  /**
   * {@link map}, started ahead of need: a host with worker threads hands the
   * chunks to them at once and the calling thread goes on with other work;
   * `join` takes any chunk no worker has begun on the calling thread too.
   * Without threads, the work runs when joined. Results are {@link map}'s.
   */
  start<K extends TextTaskName>(task: K, params: TextTaskParams<K>, texts: readonly string[], options?: StartOptions): Started<TextTaskResult<K>[]>;
  /** {@link mapChunks}, started ahead of need as {@link start} is. */
  startChunks<K extends ChunkTaskName>(task: K, params: ChunkTaskParams<K>, texts: readonly string[]): Started<ChunkTaskResult<K>[]>;
  /**
   * A byte task over `bytes` (an Arrow batch's CSV), started ahead of need as
   * {@link start} is. The task owns the whole buffer `bytes` is a view of: a
   * host with threads moves it to one (it is not copied: the caller must not
   * use it again), and the result may be a view of that same buffer, moved
   * back; without threads, it runs when joined.
   */
  startBytes<K extends ByteTaskName>(task: K, params: ByteTaskParams<K>, bytes: Uint8Array): Started<Uint8Array>;
}

/** How work started ahead of need is scheduled (TextMapper.start). */
export interface StartOptions {
  /**
   * Work needed only much later (the bundle's privacy filter, started during the analyses): a
   * worker thread takes its chunks only while no other work waits for one, so it fills the time the
   * workers would sit idle and delays no analysis. Its join takes what is left, as any start's does.
   */
  whenIdle?: boolean;
}

/** Work started ahead of need (TextMapper.start). */
export interface Started<T> {
  /** The results, once every chunk is done (asking twice gives the same promise). */
  join(): Promise<T>;
  /**
   * Settles once every chunk is done or has failed, which the workers bring about on their own (this thread takes
   * chunks only when joined): work that needs these results can be started then, while this thread is busy with
   * other work. Absent for work that runs only when joined.
   */
  readonly settled?: Promise<void>;
}

/** Characters of `texts`, in UTF-16 units: what a thread holds of them, roughly (a worker is given work by it). */
export function textLength(texts: readonly string[]): number {
  let n = 0;
  for (const t of texts) n += t.length;
  return n;
}

/** Work that starts only when joined: the `start` of a mapper without threads to start it on. */
export function deferred<T>(run: () => Promise<T>): Started<T> {
  let result: Promise<T> | undefined;
  return { join: () => (result ??= run()) };
}

/** Runs every task on the calling thread. */
export const inProcessMapper: TextMapper = {
  async map(task, params, texts) {
    const run = createTextTask(task, params);
    return texts.map((t) => run(t));
  },
  async mapChunks(task, params, texts) {
    return [createChunkTask(task, params)(texts)];
  },
  start(task, params, texts) {
    return deferred(() => inProcessMapper.map(task, params, texts));
  },
  startChunks(task, params, texts) {
    return deferred(() => inProcessMapper.mapChunks(task, params, texts));
  },
  startBytes(task, params, bytes) {
    return deferred(() => createByteTask(task, params)(bytes));
  },
};

/**
 * Results keyed by text: a convenience for analyses that look results up by
 * message text (identical texts share one result).
 */
export async function mapByText<K extends TextTaskName>(
  mapper: TextMapper,
  task: K,
  params: TextTaskParams<K>,
  texts: Iterable<string>,
): Promise<Map<string, TextTaskResult<K>>> {
  const { index, distinct } = distinctIndex(texts);
  return byText(index, await mapper.map(task, params, distinct));
}

/**
 * Each text's result by its position in `texts` (identical texts share one
 * result), started ahead of need ({@link TextMapper.start}). Read by
 * position, the results need no map of the texts once they are started:
 * looking a million texts up again was most of what reading them cost.
 */
export function startByPosition<K extends TextTaskName>(mapper: TextMapper, task: K, params: TextTaskParams<K>, texts: readonly string[]): Started<(position: number) => TextTaskResult<K>> {
  // Each text's place among the distinct ones: the map of texts is garbage once this returns.
  const { texts: distinct, of } = dedupeExact(texts, () => true);
  const started = mapper.start(task, params, distinct);
  return deferred(async () => {
    const results = await started.join();
    return (position) => results[of[position]!]!;
  });
}

// One map from text to its place, then to its result: a million texts would otherwise fill a set, a map and an array.
function distinctIndex(texts: Iterable<string>): { index: Map<string, unknown>; distinct: string[] } {
  const index = new Map<string, unknown>();
  const distinct: string[] = [];
  for (const t of texts) {
    if (index.has(t)) continue;
    index.set(t, distinct.length);
    distinct.push(t);
  }
  return { index, distinct };
}

function byText<R>(index: Map<string, unknown>, results: readonly R[]): Map<string, R> {
  for (const [t, i] of index) index.set(t, results[i as number]);
  return index as Map<string, R>;
}
