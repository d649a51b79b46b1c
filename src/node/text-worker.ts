/**
 * Worker-thread side of the worker mapper: runs per-text tasks on chunks of
 * texts sent by the parent (see worker-mapper.ts for the protocol).
 */
import { parentPort } from 'node:worker_threads';
import { createChunkTask, createTextTask, isChunkTaskName, isTextTaskName, type ChunkTaskName, type TextTaskName } from '../analysis/parallel/text-tasks.ts';

/** A chunk of work from the parent. */
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

if (!parentPort) throw new Error('text-worker.ts must run in a worker thread (see worker-mapper.ts)');
const port = parentPort;

// Task setup (model, compiled taxonomy) is kept for the next chunk of the same task.
let current: { key: string; run: (texts: string[]) => unknown[] } | null = null;

/** The chunk runner for a request: per text, or the whole chunk at once. */
function runner(request: ChunkRequest): (texts: string[]) => unknown[] {
  // Parameters were JSON-encoded by the parent from the task's own params type.
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

port.on('message', (request: ChunkRequest) => {
  try {
    const key = `${request.kind}\u0000${request.task}\u0000${request.params}`;
    if (current?.key !== key) current = { key, run: runner(request) };
    const response: ChunkResponse = { id: request.id, results: current.run(request.texts) };
    port.postMessage(response);
  } catch (error) {
    const response: ChunkResponse = { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    port.postMessage(response);
  }
});
