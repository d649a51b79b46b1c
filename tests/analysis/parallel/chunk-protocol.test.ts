/**
 * The worker side of the text mappers (Node threads and browser workers alike):
 * per-text and chunk tasks answer in order, and a bad request comes back as an
 * error response instead of killing the worker.
 */
import { describe, expect, it } from 'vitest';
import { chunkAnswerer, inOrder, transferables, type ChunkRequest, type ChunkResponse } from '../../../src/analysis/parallel/chunk-protocol.ts';
import { arrowIpc } from '../../../src/analysis/core/arrow-columns.ts';
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

  it('answers a byte task later, and the worker posts every answer in the order of the requests', async () => {
    const posted: ChunkResponse[] = [];
    const answer = inOrder(chunkAnswerer(), (response) => posted.push(response));
    const ipc = arrowIpc([{ name: 'text', type: 'utf8', value: (t: string) => t }], ['late "again"', '=1']);
    answer(request({ id: 1, texts: ['late'] }));
    // A byte task owns its input: each gets a copy.
    const input = ipc.slice();
    answer(request({ id: 2, kind: 'bytes', task: 'arrow-csv', params: JSON.stringify({ columns: ['text'] }), bytes: input }));
    answer(request({ id: 3, texts: ['thanks'] }));
    answer(request({ id: 4, kind: 'bytes', task: 'arrow-csv', params: JSON.stringify({ columns: ['nope'] }), bytes: ipc.slice() }));
    answer(request({ id: 5, texts: ['ok'] }));
    // The per-text answer after the byte task waits for it.
    expect(posted.map((r) => r.id)).toEqual([1]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(posted.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    const rows = (posted[1] as { results: Uint8Array[] }).results[0]!;
    expect(new TextDecoder().decode(rows)).toBe(`"late ""again"""\n'=1\n`);
    // Written over the input (the rows are shorter than the stream), and that whole buffer goes back.
    expect(rows.buffer).toBe(input.buffer);
    expect(transferables(posted[1]!)).toEqual([input.buffer]);
    expect((posted[3] as { error: string }).error).toMatch(/CSV column "nope" is not in the Arrow batch/);
  });
});
