/**
 * Worker-thread side of the worker mapper: answers chunks of texts sent by
 * the parent (see worker-mapper.ts; the messages are parallel/chunk-protocol.ts).
 */
import { parentPort } from 'node:worker_threads';
import { chunkAnswerer, inOrder, transferables, type ChunkRequest } from '../analysis/parallel/chunk-protocol.ts';

if (!parentPort) throw new Error('text-worker.ts must run in a worker thread (see worker-mapper.ts)');
const port = parentPort;
const answer = inOrder(chunkAnswerer(), (response) => port.postMessage(response, transferables(response)));
port.on('message', (request: ChunkRequest) => answer(request));
