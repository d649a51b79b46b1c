/**
 * The pipeline's order of work: sentiment's scoring starts on the text mapper
 * once the files are read, before the tables load into the engine, after the
 * ledger is judged; the themes' phrase discovery and the fault matching start
 * once the timeline has run, as the crisis SQL begins (so worker threads work
 * while this thread runs it).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/analysis/engine/engine.ts';
import { inProcessMapper, type TextMapper } from '../../src/analysis/parallel/text-mapper.ts';
import { analyzeCrisis } from '../../src/analysis/pipeline.ts';
import { openNodeEngine } from '../../src/node/duckdb-node.ts';
import { nodeCrisisFiles } from '../../src/node/files.ts';

const SMARTLOCK = path.resolve(import.meta.dirname, '../../data/smartlock-firmware-2024');

describe('analyzeCrisis', () => {
  it('starts sentiment\'s scoring before the load, and the themes\' discovery and the fault matching as the crisis SQL begins', async () => {
    const events: string[] = [];
    const opened = await openNodeEngine();
    // The engine, with its loads recorded.
    const engine: Engine = {
      ...opened,
      insert: (table, columns, rows) => {
        events.push(`insert ${table}`);
        return opened.insert(table, columns, rows);
      },
    };
    const mapper: TextMapper = {
      ...inProcessMapper,
      start: (task, params, texts) => {
        events.push(`start ${task}`);
        return inProcessMapper.start(task, params, texts);
      },
      startChunks: (task, params, texts) => {
        events.push(`start ${task}`);
        return inProcessMapper.startChunks(task, params, texts);
      },
    };
    try {
      const started = await analyzeCrisis(nodeCrisisFiles(SMARTLOCK), engine, {
        slug: 'smartlock',
        textMapper: mapper,
        onStep: (m) => void (m.startsWith('analysis: ') && events.push(m)),
        onIngested: () => void events.push('ledger judged'),
      });
      const first = (e: string) => events.indexOf(e);
      // Sentiment's scoring starts once the files are read and the ledger judged, before the engine loads the rows.
      expect(events.slice(0, 3)).toEqual(['ledger judged', 'start sentiment', 'insert messages']);
      expect(events.filter((e) => e === 'start sentiment')).toHaveLength(1);
      // Discovery and fault matching start once the timeline has run, as the crisis SQL after it begins (after their
      // cache look-up, at the response analysis's first await).
      expect(first('analysis: timeline')).toBeLessThan(first('start phrases'));
      expect(first('start phrases')).toBeLessThan(first('analysis: coverage'));
      expect(first('start fault-match')).toBeLessThan(first('analysis: coverage'));
      expect(events.filter((e) => e === 'start phrases')).toHaveLength(1);
      expect(events.filter((e) => e === 'start fault-match')).toHaveLength(1);
      // With threads, the bytes are those of a run on one thread: tests/node/worker-mapper.test.ts.
      expect(started.report.sections.themes?.themes.length).toBeGreaterThan(0);
    } finally {
      await engine.close();
    }
  }, 120_000);
});
