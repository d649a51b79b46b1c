/**
 * The worker side of the text mappers (Node threads and browser workers alike):
 * per-text and chunk tasks answer in order, and a bad request comes back as an
 * error response instead of killing the worker.
 */
import { describe, expect, it } from 'vitest';
import { chunkAnswerer, type ChunkRequest } from '../../../src/analysis/parallel/chunk-protocol.ts';
import { createTextTask } from '../../../src/analysis/parallel/text-tasks.ts';

const request = (over: Partial<ChunkRequest>): ChunkRequest => ({ id: 1, kind: 'each', task: 'sentiment', params: '{}', texts: [], ...over });

describe('chunkAnswerer', () => {
  it('answers a per-text task with one result per text, as the task itself gives', () => {
    const answer = chunkAnswerer();
    const texts = ['my lock is bricked and support never answers', 'thanks, works great now'];
    const sentiment = createTextTask('sentiment', {});
    expect(answer(request({ id: 7, texts }))).toEqual({ id: 7, results: texts.map((t) => sentiment(t)) });
  });

  it('answers a chunk task with one result for the chunk', () => {
    const response = chunkAnswerer()(request({ kind: 'chunk', task: 'phrases', texts: ['the keypad is dead', 'the keypad is dead again'] }));
    expect('results' in response && response.results.length).toBe(1);
  });

  it('returns an error response for an unknown task or bad parameters, and keeps answering', () => {
    const answer = chunkAnswerer();
    const unknown = answer(request({ task: 'nope' as never }));
    expect('error' in unknown && unknown.error).toMatch(/unknown each task "nope"/);
    expect('error' in answer(request({ params: '{not json' }))).toBe(true);
    expect(answer(request({ id: 3, texts: ['ok'] }))).toMatchObject({ id: 3, results: [expect.anything()] });
  });
});
