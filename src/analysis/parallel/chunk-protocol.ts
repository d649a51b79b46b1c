/**
 * The messages between a text mapper and its workers (Node worker threads,
 * browser Web Workers): a chunk of texts (or, for a byte task, one buffer,
 * moved rather than copied) with a task in, its results or an error out.
 * The worker side is {@link chunkAnswerer}, the same on both hosts.
 */
import {
  createByteTask,
  createChunkTask,
  createTextTask,
  encodeResults,
  isByteTaskName,
  isChunkTaskName,
  isTextTaskName,
  type ByteTaskName,
  type ChunkTaskName,
  type TextTaskName,
} from './text-tasks.ts';

/** A chunk of work from the mapper. */
export interface ChunkRequest {
  id: number;
  /** 'each': a per-text task, one result per text; 'chunk': a chunk task, one result for the chunk; 'bytes': a byte task over `bytes`, one result. */
  kind: 'each' | 'chunk' | 'bytes';
  task: TextTaskName | ChunkTaskName | ByteTaskName;
  /** The task's parameters as JSON: also the key under which its setup is reused. */
  params: string;
  /** The texts of an 'each' or 'chunk' request (none for 'bytes'). */
  texts: string[];
  /** The input of a 'bytes' request, a buffer of its own (it is transferred, not copied). */
  bytes?: Uint8Array;
}

/**
 * The worker's answer for one chunk. The results of an 'each' request are
 * encoded where its task says how (text-tasks.ts `encodeResults`): the
 * mapper decodes them with the chunk's texts.
 */
export type ChunkResponse = { id: number; results: unknown[] } | { id: number; error: string };

/** The runner for a request: per text, the whole chunk at once, or over its bytes. */
function requestRunner(request: Pick<ChunkRequest, 'kind' | 'task'>, params: unknown): (request: ChunkRequest) => unknown[] | Promise<unknown[]> {
  // Parameters come from the task's own params type (JSON-encoded on their way to a worker).
  const typed = params as never;
  if (request.kind === 'each' && isTextTaskName(request.task)) {
    const task = request.task;
    const run = createTextTask(task, typed);
    // Sent encoded where the task says how (text-tasks.ts encodeResults): the mapper decodes them.
    return ({ texts }) => encodeResults(task, texts.map((t) => run(t)));
  }
  if (request.kind === 'chunk' && isChunkTaskName(request.task)) {
    const run = createChunkTask(request.task, typed);
    return ({ texts }) => [run(texts)];
  }
  if (request.kind === 'bytes' && isByteTaskName(request.task)) {
    const run = createByteTask(request.task, typed);
    return async ({ bytes }) => [await run(bytes ?? new Uint8Array(0))];
  }
  throw new Error(`unknown ${request.kind} task "${String(request.task)}"`);
}

/**
 * The buffers a response moves back rather than copies: a byte task's result, with the whole buffer it is a view
 * of (the task's input buffer, which it was given, when the result was written over it). Looked for without an
 * allocation per result, as every chunk's answer is.
 */
export function transferables(response: ChunkResponse): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  if (!('results' in response)) return out;
  for (const r of response.results) if (r instanceof Uint8Array) out.push(r.buffer as ArrayBuffer);
  return out;
}

/**
 * A worker's answer to each request, never throwing: an error goes back as
 * the response. Task setup (model, compiled taxonomy) is kept for the next
 * chunk of the same task and parameters. A byte task answers later (a
 * promise): a worker posts its answers in the order of the requests
 * ({@link inOrder}).
 */
export function chunkAnswerer(): (request: ChunkRequest) => ChunkResponse | Promise<ChunkResponse> {
  let current: { key: string; run: (request: ChunkRequest) => unknown[] | Promise<unknown[]> } | null = null;
  const failed = (id: number, error: unknown): ChunkResponse => ({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  return (request) => {
    try {
      const key = `${request.kind}\u0000${request.task}\u0000${request.params}`;
      if (current?.key !== key) current = { key, run: requestRunner(request, JSON.parse(request.params)) };
      const results = current.run(request);
      if (results instanceof Promise) return results.then((r) => ({ id: request.id, results: r }), (error: unknown) => failed(request.id, error));
      return { id: request.id, results };
    } catch (error) {
      return failed(request.id, error);
    }
  };
}

/**
 * Posts each answer of `answer` in the order the requests came, an answer
 * given later (a promise) holding back those after it: the mapper matches
 * answers to requests by their order.
 */
export function inOrder(answer: (request: ChunkRequest) => ChunkResponse | Promise<ChunkResponse>, post: (response: ChunkResponse) => void): (request: ChunkRequest) => void {
  let pending: Promise<void> | null = null;
  return (request) => {
    const response = answer(request);
    if (pending === null && !(response instanceof Promise)) return post(response);
    const after: Promise<void> = (pending ?? Promise.resolve()).then(async () => post(await response));
    pending = after;
    void after.then(() => {
      if (pending === after) pending = null;
    });
  };
}
