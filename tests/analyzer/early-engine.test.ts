/** The engine /analyze/ starts beside the parsing: calls wait for it, a failed start fails the first call only. */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/analysis/engine/engine.ts';
import { earlyEngine } from '../../src/analyzer/early-engine.ts';

function fakeEngine(log: string[]): Engine {
  return {
    query: async <T,>(sql: string) => (log.push(`query ${sql}`), [{ n: 1 }] as unknown as T[]),
    exec: async (sql) => void log.push(`exec ${sql}`),
    insert: async (table) => void log.push(`insert ${table}`),
    loadArrow: async (table) => void log.push(`loadArrow ${table}`),
    close: async () => void log.push('close'),
  };
}

describe('earlyEngine', () => {
  it('waits for the start, then passes every call through', async () => {
    const log: string[] = [];
    let started!: (e: Engine) => void;
    const engine = earlyEngine(new Promise((resolve) => (started = resolve)));
    const answer = engine.query('SELECT 1');
    await Promise.resolve();
    expect(log).toEqual([]);
    started(fakeEngine(log));
    expect(await answer).toEqual([{ n: 1 }]);
    await engine.exec('CREATE TABLE t (x INT)');
    await engine.insert('t', [], []);
    await engine.loadArrow('m', new Uint8Array());
    await engine.close();
    expect(log).toEqual(['query SELECT 1', 'exec CREATE TABLE t (x INT)', 'insert t', 'loadArrow m', 'close']);
  });

  it('fails the call that needs a start that failed, and closes quietly', async () => {
    const engine = earlyEngine(Promise.reject(new Error('DuckDB-WASM did not start')));
    await expect(engine.exec('SELECT 1')).rejects.toThrow('DuckDB-WASM did not start');
    await expect(engine.close()).resolves.toBeUndefined();
  });
});
