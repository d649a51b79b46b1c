/**
 * The native DuckDB engine (`@duckdb/node-api`) is a drop-in for the
 * DuckDB-WASM one: the same plain rows for the same SQL, the same inserts and
 * Arrow loads (the golden-bundle test checks that both sample crises give the
 * same bundle bytes on both engines). Where the WASM engine's Arrow copy
 * mangles a type (INTERVAL, BIT) the native values are pinned on their own.
 */
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrowIpc, type ArrowColumn } from '../../src/analysis/core/arrow-columns.ts';
import type { Engine, Row } from '../../src/analysis/engine/engine.ts';
import type { ColumnSpec } from '../../src/analysis/model.ts';
import { nativeMemoryMb, openNativeEngine } from '../../src/node/duckdb-native.ts';
import { openNodeEngine } from '../../src/node/duckdb-node.ts';

/** Rows compared strictly: same keys in the same order, values by Object.is (NaN equals NaN, 1 is not '1'). */
function expectSameRows(actual: Row[], expected: Row[], label: string): void {
  expect(actual.length, label).toBe(expected.length);
  actual.forEach((row, i) => {
    expect(Object.keys(row), `${label}: columns of row ${i}`).toEqual(Object.keys(expected[i]));
    for (const k of Object.keys(row)) expect(Object.is(row[k], expected[i][k]), `${label}: row ${i} ${k}: ${String(row[k])} vs ${String(expected[i][k])}`).toBe(true);
  });
}

describe('native engine: rows as the WASM engine gives them', () => {
  let wasm: Engine;
  let native: Engine;
  beforeAll(async () => {
    wasm = await openNodeEngine();
    native = await openNativeEngine();
  });
  afterAll(async () => {
    await wasm?.close();
    await native?.close();
  });

  const cases: [string, string][] = [
    ['integers', `SELECT 1 AS a, 2::INTEGER AS i, 3::SMALLINT AS s, 4::TINYINT AS t, 5::UBIGINT AS ub, 42::BIGINT AS b, -7::BIGINT AS neg, count(*) AS n FROM range(3)`],
    ['bigints past 2^53', `SELECT 9007199254740991::BIGINT AS safe, 9007199254740993::BIGINT AS big, -9007199254740993::BIGINT AS nbig, 18446744073709551615::UBIGINT AS ubig`],
    ['doubles', `SELECT 0.1::DOUBLE + 0.2::DOUBLE AS d, 2.5::FLOAT AS f, 1e300 * 10 AS huge, 'NaN'::DOUBLE AS nan, '-inf'::DOUBLE AS ninf, avg(x) AS av, quantile_cont(x, 0.9) AS q, (epoch_ms(TIMESTAMP '2024-01-01 00:00:01.5') - epoch_ms(TIMESTAMP '2024-01-01')) / 1000.0 AS secs FROM (VALUES (1), (2), (4)) t(x)`],
    ['timestamps', `SELECT TIMESTAMP '2024-01-02 03:04:05.678' AS ts, TIMESTAMP '2024-01-02 03:04:05.678901' AS us, TIMESTAMP '1960-01-01 00:00:00.000501' AS old, TIMESTAMP_MS '2024-01-02 03:04:05.678' AS ms, TIMESTAMP_S '2024-01-02 03:04:05' AS s, TIMESTAMP_NS '2024-01-02 03:04:05.678901234' AS ns, TIMESTAMPTZ '2024-01-02 03:04:05+02' AS tz, epoch_ms(TIMESTAMP '2024-01-02') AS epoch`],
    ['dates and times', `SELECT DATE '2024-01-02' AS d, DATE '1960-01-01' AS old, TIME '03:04:05.5' AS t`],
    ['booleans and nulls', `SELECT true AS t, false AS f, NULL AS n, NULL::INTEGER AS ni, NULL::TIMESTAMP AS nt, NULL::VARCHAR AS nv, NULL::INT[] AS nl`],
    ['strings', `SELECT 'héllo 🦆 "q" \\ ''x''' AS s, '' AS empty, 'a' || chr(0) || 'b' AS nul, '日本語' AS cjk, 'a'::ENUM('a', 'b') AS e, '550e8400-e29b-41d4-a716-446655440000'::UUID AS u, 'abc'::BLOB AS bl`],
    ['lists', `SELECT [1, 2, 3] AS l, ['a', NULL, 'b c'] AS ls, [] AS el, [9007199254740993::BIGINT, 1] AS lbig, [TIMESTAMP '2024-01-02 03:04:05', NULL] AS lts, [DATE '2024-01-02'] AS ld, [[1, 2], [3]] AS nested, [true, false] AS lb, [1.5::DOUBLE, 2.25] AS ldbl, list_value('🦆') AS lu`],
    ['structs and maps', `SELECT {'x': 1, 's': 'q', 'n': NULL::INT, 'b': true, 'l': [1, 2], 'st': {'z': 9007199254740993::BIGINT}, 't': TIMESTAMP '2024-01-02'} AS st, MAP {'k': 1, 'j': 2} AS mp, MAP {1: 'x'} AS mpi, [{'a': 1}, {'a': 2}] AS lst, union_value(num := 2) AS un`],
    ['column names and order', `SELECT 3 AS "B", 1 AS a, 2 AS a, 4 AS "weird ""name"""`],
    ['several rows in order', `SELECT x, x * 2 AS y, 'r' || x AS s FROM range(3000) t(x) ORDER BY x DESC`],
    ['DESCRIBE (notebook cells read column types from it)', `DESCRIBE SELECT 1 AS a, 'x' AS b, TIMESTAMP '2024-01-01' AS t, [1] AS l`],
    ['statements without rows', `CREATE TABLE made_here (x INTEGER)`],
  ];

  it.each(cases)('%s', async (label, sql) => {
    expectSameRows(await native.query(sql), await wasm.query(sql), label);
  });

  it('runs several statements in one call and answers with the last', async () => {
    const sql = `CREATE TABLE several (x INTEGER); INSERT INTO several VALUES (1), (2); SELECT count(*) AS n, max(x) AS m FROM several`;
    expectSameRows(await native.query(sql), await wasm.query(sql), 'multi-statement');
  });

  it('rejects bad SQL with DuckDB’s message', async () => {
    const sql = 'SELECT * FROM no_such_table';
    const message = (engine: Engine): Promise<string> => engine.query(sql).then(() => 'no error', (e: Error) => e.message);
    const [wasmError, nativeError] = [await message(wasm), await message(native)];
    expect(nativeError).toMatch(/no_such_table/);
    expect(nativeError.split('\n')[0]).toBe(wasmError.split('\n')[0]);
  });

  it('gives DECIMAL and HUGEINT as numbers, as the WASM engine does', async () => {
    const sql = `SELECT 1.5 AS dec, round(2.345, 2) AS r, 0.1 + 0.2 AS sum_dec, -0.001 AS small, 123456789.123456789::DECIMAL(18, 9) AS d18, 42::DECIMAL(38, 0) AS d0, 12345678901234567890::DECIMAL(38, 0) AS d0big, 42::HUGEINT AS h, -12345678901234567890::HUGEINT AS hbig, sum(x) AS s, [1.5, 2.25] AS ld FROM (VALUES (1), (2)) t(x)`;
    expect(await native.query(sql)).toEqual([
      { dec: 1.5, r: 2.35, sum_dec: 0.3, small: -0.001, d18: 123456789.123456789, d0: 42, d0big: '12345678901234567890', h: 42, hbig: '-12345678901234567890', s: 3, ld: '[1.5,2.25]' },
    ]);
    // Lists of decimals still come through WASM's Arrow copy as unscaled digits ("[150,225]"); everything else agrees.
    const [{ ld: _w, ...w }, { ld: _n, ...n }] = [(await wasm.query(sql))[0]!, (await native.query(sql))[0]!];
    expect(w).toEqual(n);
  });

  it('gives INTERVAL, BIT in DuckDB’s own text (the WASM engine’s Arrow copy mangles them)', async () => {
    expect(await native.query(`SELECT INTERVAL '1 month 2 days 3 hours' AS iv, INTERVAL 90 MINUTE AS m, '1010'::BIT AS bit`)).toEqual([{ iv: '1 month 2 days 03:00:00', m: '01:30:00', bit: '1010' }]);
  });

  it('keeps TIMESTAMPTZ in UTC whatever the machine’s zone (as WASM, which has no ICU)', async () => {
    expect(await native.query(`SELECT current_setting('TimeZone') AS tz, CAST(TIMESTAMPTZ '2024-01-02 03:04:05+00' AS TIMESTAMP) AS t`)).toEqual([{ tz: 'UTC', t: Date.UTC(2024, 0, 2, 3, 4, 5) }]);
  });

  interface Item {
    id: string | null;
    flag: unknown;
    at: number | null;
    n: unknown;
    small: unknown;
    seq: number;
  }
  const ITEM_COLUMNS: ColumnSpec<Item>[] = [
    { sql: 'id', type: 'VARCHAR', key: 'id' },
    { sql: 'flag', type: 'BOOLEAN', key: 'flag' },
    { sql: 'posted', type: 'TIMESTAMP', key: 'at' },
    { sql: 'n', type: 'BIGINT', key: 'n' },
    { sql: 'small', type: 'INTEGER', key: 'small' },
    { sql: 'seq', type: 'BIGINT', key: 'seq' },
  ];
  const createItems = (table: string) => `CREATE TABLE ${table} (${ITEM_COLUMNS.map((c) => `${c.sql} ${c.type}`).join(', ')})`;

  it('inserts like the WASM engine: nulls, unicode, truthy booleans, rounding casts, old and new timestamps', async () => {
    const edge: Omit<Item, 'seq'>[] = [
      { id: 'plain', flag: true, at: Date.UTC(2024, 0, 2, 3, 4, 5, 678), n: 42, small: 7 },
      { id: null, flag: null, at: null, n: null, small: null },
      // Only null is null on the Arrow path: undefined text is '' and an undefined flag false.
      { id: undefined as unknown as null, flag: undefined, at: null, n: null, small: null },
      { id: 'é 🦆 日本 "q" \\ \'x\'', flag: false, at: -315_619_199_500, n: -3, small: -2_147_483_648 },
      { id: '', flag: 1, at: 0, n: 2.5, small: 3.5 },
      // Arrow's Bool builder takes +value: 'yes' is false, '1' and 0.5 are true.
      { id: 'a\u0000b', flag: 'yes', at: 1, n: -2.5, small: '12' },
      { id: 'b', flag: '1', at: 2, n: 1.5, small: ' 7 ' },
      { id: 'c', flag: 0.5, at: 3, n: '0x10', small: true },
      { id: 'd', flag: [], at: 4, n: false, small: '' },
      { id: 'lone \ud83d surrogate', flag: 0, at: 253_402_300_799_999, n: 9_007_199_254_740_991, small: 2_147_483_647 },
      { id: '1234567890123456789', flag: '', at: -62_135_596_800_000, n: 1e15, small: 0 },
      // What a CSV load must keep as written: quotes, delimiters, line breaks, markers of NULL, a line past 2 MiB.
      { id: '"quoted", a,b ""twice""\nnext line\r\nand a lone \r,', flag: true, at: 5, n: 0, small: -0 },
      { id: 'NULL', flag: false, at: 6, n: 1, small: 1 },
      { id: '\\N', flag: false, at: 7, n: 1, small: 1 },
      { id: `${'long '.repeat(700_000)}✈️`, flag: true, at: 8, n: 1, small: 1 },
    ];
    const rows = edge.map((r, seq) => ({ ...r, seq }));
    for (const engine of [wasm, native]) {
      await engine.exec(createItems('items'));
      await engine.insert('items', ITEM_COLUMNS, rows);
      await engine.insert('items', ITEM_COLUMNS, []);
    }
    const sql = 'SELECT * FROM items ORDER BY seq';
    expectSameRows(await native.query(sql), await wasm.query(sql), 'inserted rows');
  });

  it('inserts in several batches like the WASM engine (more rows than either batch size)', async () => {
    const rows: Item[] = Array.from({ length: 250_001 }, (_, seq) => ({
      id: seq % 11 ? `m${seq} ✓` : null, flag: seq % 3 === 0, at: seq % 13 ? 1_700_000_000_000 + seq * 997 : null, n: seq * 3, small: seq % 1000, seq,
    }));
    // The WASM engine holds off checkpoints while it loads, and compresses once: its settings come back as they were.
    const settings = "SELECT current_setting('checkpoint_threshold') AS threshold, current_setting('disabled_compression_methods') AS disabled";
    const before = await wasm.query(settings);
    for (const engine of [wasm, native]) {
      await engine.exec(createItems('many'));
      await engine.insert('many', ITEM_COLUMNS, rows);
    }
    expect(await wasm.query(settings)).toEqual(before);
    const sql = 'SELECT * FROM many ORDER BY seq';
    const [w, n] = [await wasm.query(sql), await native.query(sql)];
    expect(n.length).toBe(250_001);
    expect(JSON.stringify(n)).toBe(JSON.stringify(w));
  });

  it('compresses a large insert as it loads (without DICT_FSST), and a small one not at all', async () => {
    // Values repeat as a crisis's do (authors, flags, small counts): what compression takes advantage of.
    const rows: Item[] = Array.from({ length: 120_000 }, (_, seq) => ({ id: `author-${seq % 500}`, flag: seq % 7 === 0, at: 1_700_000_000_000 + seq * 1_000, n: seq % 50, small: seq % 3, seq }));
    const storage = (table: string) =>
      native.query(`SELECT count(*) FILTER (WHERE compression <> 'Uncompressed')::DOUBLE AS compressed, count(*) FILTER (WHERE compression = 'DICT_FSST')::DOUBLE AS dict_fsst FROM pragma_storage_info('${table}') WHERE segment_type <> 'VALIDITY'`);
    await native.exec(createItems('packed'));
    await native.insert('packed', ITEM_COLUMNS, rows);
    const [packed] = await storage('packed');
    expect(packed!.compressed).toBeGreaterThan(0);
    expect(packed!.dict_fsst).toBe(0);
    expect(await native.query('SELECT count(*)::DOUBLE AS n, count(DISTINCT id)::DOUBLE AS ids, sum(seq)::DOUBLE AS seqs FROM packed')).toEqual([{ n: 120_000, ids: 500, seqs: (119_999 * 120_000) / 2 }]);
    await native.exec(createItems('few'));
    await native.insert('few', ITEM_COLUMNS, rows.slice(0, 1_000));
    expect((await storage('few'))[0]!.compressed).toBe(0);
  });

  it('rejects what the WASM engine rejects, leaving no file of the load behind', async () => {
    for (const bad of [{ at: 1.5 }, { at: undefined }, { n: Number.NaN }, { n: Number.POSITIVE_INFINITY }, { n: undefined }, { n: 'many' }, { n: 5n }, { flag: 5n }, { small: 2 ** 40 }]) {
      const row = { id: 'x', flag: true, at: 0, n: 1, small: 1, seq: 0, ...bad } as Item;
      for (const engine of [wasm, native]) {
        await engine.exec(`CREATE OR REPLACE TABLE bad (${ITEM_COLUMNS.map((c) => `${c.sql} ${c.type}`).join(', ')})`);
        await expect(engine.insert('bad', ITEM_COLUMNS, [row]), `${Object.keys(bad)[0]}: ${String(Object.values(bad)[0])}`).rejects.toThrow();
      }
    }
    const [{ dir }] = await native.query<{ dir: string }>(`SELECT current_setting('temp_directory') AS dir`);
    expect(readdirSync(dir).filter((name) => name.startsWith('load-'))).toEqual([]);
  });

  it('inserts by column name: the table may order its columns differently and have more of them', async () => {
    await native.exec(`CREATE TABLE shuffled (extra VARCHAR DEFAULT 'd', seq BIGINT, small INTEGER, n BIGINT, posted TIMESTAMP, flag BOOLEAN, id VARCHAR)`);
    await native.insert('shuffled', ITEM_COLUMNS, [{ id: 'a', flag: true, at: 1000, n: 5, small: 6, seq: 0 }]);
    expect(await native.query('SELECT * FROM shuffled')).toEqual([{ extra: 'd', seq: 0, small: 6, n: 5, posted: 1000, flag: true, id: 'a' }]);
  });

  it('loads Arrow tables like the WASM engine (types, timestamps as TIMESTAMP, nulls, empty tables)', async () => {
    interface R {
      s: string | null;
      b: boolean | null;
      t: number | null;
      i: number | null;
      f: number | null;
    }
    const columns: ArrowColumn<R>[] = [
      { name: 'id', type: 'utf8', value: (r) => r.s },
      { name: 'flag', type: 'bool', value: (r) => r.b },
      { name: 'created_at', type: 'timestamp', value: (r) => r.t },
      { name: 'n', type: 'int64', value: (r) => r.i },
      { name: 'x', type: 'float64', value: (r) => r.f },
    ];
    const rows: R[] = Array.from({ length: 70_000 }, (_, k) => ({
      s: k % 5 ? `é🦆 ${k}` : null,
      b: k % 3 ? k % 2 === 0 : null,
      t: k % 7 ? 1_700_000_000_123 + k * 1001 - 1e12 * (k % 3) : null,
      i: k % 4 ? k * 1e9 : null,
      f: k % 6 ? k / 7 : null,
    }));
    for (const engine of [wasm, native]) {
      await engine.loadArrow('arrow_full', arrowIpc(columns, rows));
      await engine.loadArrow('arrow_empty', arrowIpc(columns, []));
    }
    for (const sql of ['DESCRIBE arrow_full', 'DESCRIBE arrow_empty', 'SELECT count(*) AS n FROM arrow_empty', 'SELECT * FROM arrow_full']) {
      const [w, n] = [await wasm.query(sql), await native.query(sql)];
      expect(JSON.stringify(n), sql).toBe(JSON.stringify(w));
    }
  });

  it('interrupts a query that runs past the timeout and stays usable', async () => {
    const quick = await openNativeEngine({ timeoutMs: 300 });
    try {
      const started = Date.now();
      const slow = quick.query('SELECT sum(a.range * b.range) AS s FROM range(200000) a, range(200000) b');
      // Queued behind the slow query, it times out too and must then never run.
      const queued = quick.exec('CREATE TABLE late AS SELECT 1 AS x');
      await expect(slow).rejects.toThrow(/timed out after 300 ms/);
      await expect(queued).rejects.toThrow(/timed out after 300 ms/);
      expect(await quick.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      expect(await quick.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'late'`)).toEqual([{ n: 0 }]);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await quick.close();
    }
  });
});

describe('native engine: memory limit and spilling', () => {
  it('keeps at most its memory limit of a table in memory, spills the rest to a directory of its own, and removes it on close', async () => {
    // Without a limit too, the directory is its own (an in-memory DuckDB's default is `.tmp` in the working directory).
    const plain = await openNativeEngine();
    const [{ dir: plainDir }] = (await plain.query(`SELECT current_setting('temp_directory') AS dir`)) as { dir: string }[];
    expect(plainDir.startsWith(tmpdir()) && existsSync(plainDir)).toBe(true);
    await plain.close();
    expect(existsSync(plainDir)).toBe(false);

    const small = await openNativeEngine({ memoryMb: 64 });
    let spill = '';
    try {
      [{ dir: spill }] = (await small.query(`SELECT current_setting('temp_directory') AS dir`)) as { dir: string }[];
      expect(spill.startsWith(tmpdir())).toBe(true);
      // About 250 MB of strings: four times the limit.
      await small.exec(`CREATE TABLE big AS SELECT i, md5(i::VARCHAR) || md5((i * 7)::VARCHAR) || md5((i * 13)::VARCHAR) AS s FROM range(2000000) r(i)`);
      const [mem] = await small.query(`SELECT sum(memory_usage_bytes)::DOUBLE AS used, sum(temporary_storage_bytes)::DOUBLE AS spilled FROM duckdb_memory()`);
      expect(Number(mem!.used)).toBeLessThanOrEqual(64 * 2 ** 20);
      expect(Number(mem!.spilled)).toBeGreaterThan(64 * 2 ** 20);
      expect(readdirSync(spill).length).toBeGreaterThan(0);
      // Spilled rows read back whole.
      expect(await small.query(`SELECT count(*)::DOUBLE AS n, sum(length(s))::DOUBLE AS chars, count(DISTINCT s)::DOUBLE AS distinct_s FROM big`)).toEqual([{ n: 2_000_000, chars: 192_000_000, distinct_s: 2_000_000 }]);
    } finally {
      await small.close();
    }
    expect(existsSync(spill)).toBe(false);
  });

  it('takes its limit from DEBRIEF_DUCKDB_MEMORY_MB, and says what is wrong with a bad one', () => {
    expect(nativeMemoryMb({})).toBe(null);
    expect(nativeMemoryMb({ DEBRIEF_DUCKDB_MEMORY_MB: '3072' })).toBe(3072);
    expect(() => nativeMemoryMb({ DEBRIEF_DUCKDB_MEMORY_MB: '2GB' })).toThrow(/DEBRIEF_DUCKDB_MEMORY_MB must be a whole number of MiB, at least 64 \(got "2GB"\)/);
    expect(() => nativeMemoryMb({ DEBRIEF_DUCKDB_MEMORY_MB: '16' })).toThrow(/at least 64/);
  });
});
