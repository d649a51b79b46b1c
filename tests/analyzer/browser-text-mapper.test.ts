/** Language work shared with helper workers gives exactly the in-process results, in order; failures are not lost. */
import { describe, expect, it } from 'vitest';
import { inProcessMapper } from '../../src/analysis/parallel/text-mapper.ts';
import { chunkAlign, createChunkTask, createTextTask } from '../../src/analysis/parallel/text-tasks.ts';
import { browserTextMapper, sliceBounds, type HelperWorker } from '../../src/analyzer/browser-text-mapper.ts';
import type { ChunkRequest, ChunkResponse } from '../../src/analysis/parallel/chunk-protocol.ts';

/** A helper that answers asynchronously, as a Web Worker would, running the task as text-worker.ts does. */
function fakeHelper(log: ChunkRequest[], fail = false): HelperWorker {
  let onMessage: (event: { data: ChunkResponse }) => void = () => {};
  return {
    postMessage(request) {
      log.push(request);
      setTimeout(() => {
        if (fail) return onMessage({ data: { id: request.id, error: 'boom' } });
        const params = JSON.parse(request.params) as never;
        const results = request.kind === 'each' ? request.texts.map(createTextTask(request.task as 'sentiment', params)) : [createChunkTask(request.task as 'phrases', params)(request.texts)];
        onMessage({ data: { id: request.id, results } });
      }, 1);
    },
    addEventListener(type: string, listener: (event: never) => void) {
      if (type === 'message') onMessage = listener as typeof onMessage;
    },
    terminate() {},
  };
}

const texts = Array.from({ length: 3_001 }, (_, i) => ['The lock is dead again, terrible update', 'thanks, works great now', `battery drained overnight #${i}`, 'no reply from support for hours'][i % 4]! + (i % 7 ? '' : ' !!'));

describe('browserTextMapper', () => {
  it('cuts slices of whole batches that cover every text once', () => {
    expect(sliceBounds(10, 3)).toEqual([0, 4, 8, 10]);
    expect(sliceBounds(10, 2, 4)).toEqual([0, 8, 10]);
    expect(sliceBounds(3, 4)).toEqual([0, 1, 2, 3]);
  });

  it('gives the in-process results, in input order, with the work shared', async () => {
    const log: ChunkRequest[] = [];
    const mapper = browserTextMapper({ helpers: 2, minTexts: 100, spawn: () => fakeHelper(log) });
    expect(await mapper.map('sentiment', {}, texts)).toEqual(await inProcessMapper.map('sentiment', {}, texts));
    expect(log.map((r) => r.texts.length)).toEqual([1_001, 999]);
    log.length = 0;
    const chunks = await mapper.mapChunks('phrases', {}, texts);
    const align = chunkAlign('phrases');
    const bounds = sliceBounds(texts.length, 3, align);
    expect(chunks).toEqual(bounds.slice(0, -1).map((from, i) => createChunkTask('phrases', {})(texts.slice(from, bounds[i + 1]))));
    for (const r of log.slice(0, -1)) expect(r.texts.length % align).toBe(0);
    mapper.close();
  });

  it('keeps small jobs on the calling thread', async () => {
    const log: ChunkRequest[] = [];
    const mapper = browserTextMapper({ helpers: 2, spawn: () => fakeHelper(log) });
    await mapper.map('sentiment', {}, texts);
    expect(log).toEqual([]);
  });

  it('fails the job when a helper fails', async () => {
    const mapper = browserTextMapper({ helpers: 1, minTexts: 10, spawn: () => fakeHelper([], true) });
    await expect(mapper.map('sentiment', {}, texts)).rejects.toThrow('a language helper worker failed: boom');
  });
});
