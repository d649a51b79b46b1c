/**
 * Node's DuckDB-WASM engine turns the event loop before each statement: its
 * blocking build answers synchronously, and without the turn a crisis's SQL
 * would leave worker threads' results unread (and the workers idle) for
 * whole analyses.
 */
import { describe, expect, it } from 'vitest';
import { openNodeEngine } from '../../src/node/duckdb-node.ts';

describe('openNodeEngine', () => {
  it('lets the event loop run before each statement', async () => {
    const engine = await openNodeEngine();
    try {
      const order: string[] = [];
      setImmediate(() => order.push('event loop'));
      const rows = await engine.query('SELECT 42 AS answer');
      order.push('query');
      expect(rows).toEqual([{ answer: 42 }]);
      expect(order).toEqual(['event loop', 'query']);
      await engine.exec('CREATE TABLE t (x INTEGER)');
      setImmediate(() => order.push('event loop'));
      await engine.exec('INSERT INTO t VALUES (1)');
      order.push('exec');
      expect(order).toEqual(['event loop', 'query', 'event loop', 'exec']);
    } finally {
      await engine.close();
    }
  });
});
