/**
 * The CLI's lazy engine: opened on first use, or earlier when told to start (once records are being read), and a
 * start that fails is reported by the first call that needs the engine, never as an unhandled rejection.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Engine } from '../../src/analysis/engine/engine.ts';
import { lazyEngine } from '../../src/cli/engines.ts';

/** A stand-in engine whose queries answer with their SQL. */
function fakeEngine(): Engine & { closed: boolean } {
  const engine: Engine & { closed: boolean } = {
    closed: false,
    // Rows of any shape the caller names; these answer with their SQL.
    query: async <T,>(sql: string) => [{ sql }] as T[],
    exec: async () => {},
    insert: async () => {},
    loadArrow: async () => {},
    async close() {
      engine.closed = true;
    },
  };
  return engine;
}

describe('lazyEngine', () => {
  it('opens nothing until used, and closing an engine never used opens nothing', async () => {
    const open = vi.fn(async () => fakeEngine());
    const engine = lazyEngine(open);
    await engine.close();
    expect(open).not.toHaveBeenCalled();
  });

  it('starts opening when told, once, and the first call uses that engine', async () => {
    const opened = fakeEngine();
    const open = vi.fn(async () => opened);
    const engine = lazyEngine(open);
    engine.start();
    engine.start();
    expect(open).toHaveBeenCalledTimes(1);
    expect(await engine.query('SELECT 1')).toEqual([{ sql: 'SELECT 1' }]);
    expect(open).toHaveBeenCalledTimes(1);
    await engine.close();
    expect(opened.closed).toBe(true);
  });

  it('reports a failed start at the first call that needs the engine, not as an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const engine = lazyEngine(async () => {
        throw new Error('DuckDB could not start');
      });
      engine.start();
      // Turns of the event loop for a rejection nobody handled to be reported.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
      await expect(engine.exec('SELECT 1')).rejects.toThrow('DuckDB could not start');
      await engine.close();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
