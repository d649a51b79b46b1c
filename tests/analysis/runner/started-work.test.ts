/**
 * Work an analysis starts ahead: `take` gets what `prefetch` started, or starts it; a second prefetch starts nothing;
 * rows work is kept by the rows, so a context made later over the same rows takes it; failures surface at `take`.
 */
import { describe, expect, it } from 'vitest';
import type { AnalysisContext, RowsContext } from '../../../src/analysis/runner/analysis.ts';
import { startedRowsWork, startedWork } from '../../../src/analysis/runner/started-work.ts';

const context = () => ({}) as AnalysisContext;

describe('startedWork', () => {
  it('gives run what prefetch started for that context, once, and starts it for run when nothing was', async () => {
    const starts: string[] = [];
    const work = startedWork(async (ctx) => {
      starts.push('start');
      return ctx;
    });
    const a = context();
    const b = context();
    work.prefetch(a);
    // The start runs at once, up to its first await.
    expect(starts).toEqual(['start']);
    expect(await work.take(a)).toBe(a);
    expect(starts).toEqual(['start']);
    // Not prefetched (or taken already): started by take.
    expect(await work.take(b)).toBe(b);
    expect(await work.take(a)).toBe(a);
    expect(starts).toEqual(['start', 'start', 'start']);
  });

  it('starts once when prefetched twice (the pipeline early, the runner at its turn)', async () => {
    let starts = 0;
    const work = startedWork(async () => ++starts);
    const ctx = context();
    work.prefetch(ctx);
    work.prefetch(ctx);
    expect(await work.take(ctx)).toBe(1);
    expect(starts).toBe(1);
  });

  it('keeps rows work by the rows: the analysis context made after the load takes what the rows started', async () => {
    let starts = 0;
    const work = startedRowsWork(async (rows) => ({ n: ++starts, messages: rows.messages }));
    const messages: AnalysisContext['messages'] = [];
    const rows = { messages } as unknown as RowsContext;
    work.prefetch(rows);
    // A different object over the same rows, as the pipeline makes once the engine holds them.
    const ctx = { ...rows, report: {} } as unknown as AnalysisContext;
    work.prefetch(ctx);
    expect(await work.take(ctx)).toEqual({ n: 1, messages });
    // Other rows: started for them.
    expect((await work.take({ messages: [] } as unknown as RowsContext)).n).toBe(2);
  });

  it('throws a failed start at take, not as an unhandled rejection before it', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const work = startedWork(async () => {
        throw new Error('bad taxonomy');
      });
      const ctx = context();
      work.prefetch(ctx);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
      await expect(work.take(ctx)).rejects.toThrow('bad taxonomy');
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
