/** Work an analysis starts ahead: `take` gets what `prefetch` started, or starts it; failures surface at `take`. */
import { describe, expect, it } from 'vitest';
import type { AnalysisContext } from '../../../src/analysis/runner/analysis.ts';
import { startedWork } from '../../../src/analysis/runner/started-work.ts';

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
