/**
 * Node's DuckDB-WASM engine turns the event loop before each statement: its
 * blocking build answers synchronously, and without the turn a crisis's SQL
 * would leave worker threads' results unread (and the workers idle) for
 * whole analyses. Before a large insert it grows DuckDB-WASM's memory once,
 * instead of by a fifth at a time as DuckDB asks (each growth makes V8 mark
 * its whole heap).
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

  it('grows its memory once before a large insert, and the rows are all there', async () => {
    const engine = await openNodeEngine();
    const grow = WebAssembly.Memory.prototype.grow;
    const grown: number[] = [];
    try {
      await engine.exec('CREATE TABLE posts (id VARCHAR, text VARCHAR)');
      const rows = Array.from({ length: 150_000 }, (_, i) => ({ id: `p${i}`, text: `post ${i} ${'x'.repeat(150 + (i % 50))}` }));
      WebAssembly.Memory.prototype.grow = function (this: WebAssembly.Memory, pages: number) {
        const before = grow.call(this, pages);
        grown.push(this.buffer.byteLength);
        return before;
      };
      await engine.insert('posts', [{ sql: 'id', type: 'VARCHAR', key: 'id' }, { sql: 'text', type: 'VARCHAR', key: 'text' }], rows);
      WebAssembly.Memory.prototype.grow = grow;
      // Grown by a fifth at a time as DuckDB asks, these 28 MB of text took seven growths.
      expect(grown).toHaveLength(1);
      expect(grown[0]!).toBeGreaterThanOrEqual(150_000 * 400);
      expect(await engine.query('SELECT count(*)::INTEGER AS n, sum(length(text))::BIGINT AS chars FROM posts')).toEqual([{ n: 150_000, chars: rows.reduce((n, r) => n + r.text.length, 0) }]);
    } finally {
      WebAssembly.Memory.prototype.grow = grow;
      await engine.close();
    }
  });
});
