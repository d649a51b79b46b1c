/**
 * TextMapper: how the language analyses run a per-text task over many texts.
 * The analyses only ask for results in input order; whether the work is done
 * here or spread over worker threads is the host's choice (Node passes a
 * worker pool, see src/node/worker-mapper.ts; the browser uses this module's
 * in-process mapper).
 */
import {
  createChunkTask,
  createTextTask,
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
  // One map from text to its place, then to its result: a million texts would otherwise fill a set, a map and an array.
  const index = new Map<string, unknown>();
  const distinct: string[] = [];
  for (const t of texts) {
    if (index.has(t)) continue;
    index.set(t, distinct.length);
    distinct.push(t);
  }
  const results = await mapper.map(task, params, distinct);
  for (const [t, i] of index) index.set(t, results[i as number]);
  return index as Map<string, TextTaskResult<K>>;
}
