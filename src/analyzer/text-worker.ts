/**
 * A helper Web Worker of `/analyze/`'s analysis worker: answers slices of
 * texts (browser-text-mapper.ts) as src/node/text-worker.ts does on a worker
 * thread, with the same messages (parallel/chunk-protocol.ts).
 */
import { chunkAnswerer, inOrder, type ChunkRequest } from '../analysis/parallel/chunk-protocol.ts';

const answer = inOrder(chunkAnswerer(), (response) => (self as unknown as Worker).postMessage(response));
self.addEventListener('message', (event: MessageEvent<ChunkRequest>) => answer(event.data));
