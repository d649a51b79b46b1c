/**
 * Worker-thread side of the worker mapper: answers chunks of texts sent by
 * the parent (see worker-mapper.ts; the messages are parallel/chunk-protocol.ts).
 */
import { parentPort } from 'node:worker_threads';
import { chunkAnswerer, transferables, type ChunkRequest } from '../analysis/parallel/chunk-protocol.ts';

if (!parentPort) throw new Error('text-worker.ts must run in a worker thread (see worker-mapper.ts)');
const port = parentPort;
const answer = chunkAnswerer();
port.on('message', (request: ChunkRequest) => {
  const response = answer(request);
  port.postMessage(response, transferables(response));
});
