/**
 * Worker-thread side of the worker mapper: runs per-text tasks on chunks of
 * texts sent by the parent (see worker-mapper.ts for the protocol).
 */
import { parentPort } from 'node:worker_threads';
import { createTextTask, isTextTaskName, type TextTaskName } from '../analysis/parallel/text-tasks.ts';

/** A chunk of work from the parent. */
export interface ChunkRequest {
  id: number;
  task: TextTaskName;
  /** The task's parameters as JSON: also the key under which its setup is reused. */
  params: string;
  texts: string[];
}

/** The worker's answer for one chunk. */
export type ChunkResponse = { id: number; results: unknown[] } | { id: number; error: string };

if (!parentPort) throw new Error('text-worker.ts must run in a worker thread (see worker-mapper.ts)');
const port = parentPort;

// Task setup (model, compiled taxonomy) is kept for the next chunk of the same task.
let current: { key: string; run: (text: string) => unknown } | null = null;

port.on('message', (request: ChunkRequest) => {
  try {
    if (!isTextTaskName(request.task)) throw new Error(`unknown task "${String(request.task)}"`);
    const key = `${request.task}\u0000${request.params}`;
    if (current?.key !== key) {
      // Parameters were JSON-encoded by the parent from the task's own params type.
      current = { key, run: createTextTask(request.task, JSON.parse(request.params) as never) };
    }
    const run = current.run;
    const response: ChunkResponse = { id: request.id, results: request.texts.map((t) => run(t)) };
    port.postMessage(response);
  } catch (error) {
    const response: ChunkResponse = { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    port.postMessage(response);
  }
});
