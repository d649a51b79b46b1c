/**
 * The messages between a text mapper and its workers (Node worker threads,
 * browser Web Workers): a chunk of texts with a task in, its results or an
 * error out. The worker side is {@link chunkAnswerer}, the same on both hosts.
 */
import { createChunkTask, createTextTask, isChunkTaskName, isTextTaskName, type ChunkTaskName, type TextTaskName } from './text-tasks.ts';

/** A chunk of work from the mapper. */
export interface ChunkRequest {
  id: number;
  /** 'each': a per-text task, one result per text; 'chunk': a chunk task, one result for the chunk. */
  kind: 'each' | 'chunk';
  task: TextTaskName | ChunkTaskName;
  /** The task's parameters as JSON: also the key under which its setup is reused. */
  params: string;
  texts: string[];
}

/** The worker's answer for one chunk. */
export type ChunkResponse = { id: number; results: unknown[] } | { id: number; error: string };

/** The chunk runner for a request: per text, or the whole chunk at once. */
function runner(request: ChunkRequest): (texts: string[]) => unknown[] {
  // Parameters were JSON-encoded by the mapper from the task's own params type.
  const params = JSON.parse(request.params) as never;
  if (request.kind === 'each' && isTextTaskName(request.task)) {
    const run = createTextTask(request.task, params);
    return (texts) => texts.map((t) => run(t));
  }
  if (request.kind === 'chunk' && isChunkTaskName(request.task)) {
    const run = createChunkTask(request.task, params);
    return (texts) => [run(texts)];
  }
  throw new Error(`unknown ${request.kind} task "${String(request.task)}"`);
}

/**
 * A worker's answer to each request, never throwing: an error goes back as
 * the response. Task setup (model, compiled taxonomy) is kept for the next
 * chunk of the same task and parameters.
 */
export function chunkAnswerer(): (request: ChunkRequest) => ChunkResponse {
  let current: { key: string; run: (texts: string[]) => unknown[] } | null = null;
  return (request) => {
    try {
      const key = `${request.kind}\u0000${request.task}\u0000${request.params}`;
      if (current?.key !== key) current = { key, run: runner(request) };
      return { id: request.id, results: current.run(request.texts) };
    } catch (error) {
      return { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
  };
}
