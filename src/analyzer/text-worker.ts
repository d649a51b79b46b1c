/**
 * A helper Web Worker of `/analyze/`'s analysis worker: answers slices of
 * texts (browser-text-mapper.ts) as src/node/text-worker.ts does on a worker
 * thread, with the same messages (parallel/chunk-protocol.ts).
 */
import { chunkAnswerer, type ChunkRequest } from '../analysis/parallel/chunk-protocol.ts';

const answer = chunkAnswerer();
self.addEventListener('message', (event: MessageEvent<ChunkRequest>) => (self as unknown as Worker).postMessage(answer(event.data)));
