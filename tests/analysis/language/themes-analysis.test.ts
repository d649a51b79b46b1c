/**
 * The themes analysis writes each message's themes to the `themes` column by
 * every phrase of a theme, so the column (what the explorer filters and the
 * segments count) gives each theme the message count the themes page shows.
 * The smart-lock crisis's "auto update" has 13 phrases of which report.json
 * shows 8: assigned by those 8, the column held 2,334 messages, the page 2,489.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ResultCache } from '../../../src/analysis/cache.ts';
import { inProcessMapper, type Started, type TextMapper } from '../../../src/analysis/parallel/text-mapper.ts';
import { analyzeCrisis } from '../../../src/analysis/pipeline.ts';
import type { ThemesSection } from '../../../src/analysis/report/report-model.ts';
import { openNodeEngine } from '../../../src/node/duckdb-node.ts';
import { nodeCrisisFiles } from '../../../src/node/files.ts';

const SMARTLOCK = path.resolve(import.meta.dirname, '../../../data/smartlock-firmware-2024');

/** A cache in memory (JSON round trip, as on disk): a second run takes the themes from it and tokenizes the texts. */
function memoryCache(): ResultCache {
  const store = new Map<string, string>();
  return {
    key: (namespace, parts) => `${namespace}:${[...parts].join('\u0000')}`,
    get: async <T>(key: string) => (store.has(key) ? (JSON.parse(store.get(key)!) as T) : undefined),
    set: async (key, value) => void store.set(key, JSON.stringify(value)),
  };
}

describe.skipIf(!existsSync(SMARTLOCK))('themes analysis on the smart-lock crisis', () => {
  const cache = memoryCache();
  // Each message's themes as the first run (the phrase index) gave them: the second (tokenizing) must agree row by row.
  let indexed: string[] | undefined;
  it.each(['found now', 'from the cache'])('gives every theme as many messages in the themes column as its message count, a theme with more phrases than it shows included (themes %s)', async () => {
    const engine = await openNodeEngine();
    const r = await analyzeCrisis(nodeCrisisFiles(SMARTLOCK), engine, { slug: 'smartlock', cache }).finally(() => engine.close());
    const themes = r.report.sections.themes as ThemesSection;
    expect(themes.themes.some((t) => t.phrasesTotal > t.phrases.length)).toBe(true);
    const rows = Papa.parse<Record<string, string>>(r.csv(), { header: true, skipEmptyLines: true }).data;
    const counts = new Map<string, number>();
    for (const row of rows) for (const id of (row['themes'] ?? '').split(';').filter(Boolean)) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect(Object.fromEntries(themes.themes.map((t) => [t.id, counts.get(t.id) ?? 0]))).toEqual(Object.fromEntries(themes.themes.map((t) => [t.id, t.messageCount])));
    const column = rows.map((row) => row['themes'] ?? '');
    expect(column.some((ids) => ids.includes(';'))).toBe(true);
    if (indexed) expect(column).toEqual(indexed);
    indexed = column;
  });
});

/** A mapper that runs work started ahead at once, as idle worker threads would, and says when it has settled. */
function eagerMapper(started: string[]): TextMapper {
  const ahead = <T>(task: string, work: () => Promise<T>): Started<T> => {
    started.push(task);
    const result = work();
    result.catch(() => {});
    return { join: () => result, settled: result.then(() => {}, () => {}) };
  };
  return {
    ...inProcessMapper,
    start: (task, params, texts) => ahead(task, () => inProcessMapper.map(task, params, texts)),
    startChunks: (task, params, texts) => ahead(task, () => inProcessMapper.mapChunks(task, params, texts)),
  };
}

describe.skipIf(!existsSync(SMARTLOCK))('themes analysis with work started ahead', () => {
  it('starts the document index once the phrase discovery has settled, and finds the same themes', async () => {
    const analyse = async (textMapper?: TextMapper) => {
      const engine = await openNodeEngine();
      return analyzeCrisis(nodeCrisisFiles(SMARTLOCK), engine, { slug: 'smartlock', ...(textMapper ? { textMapper } : {}) }).finally(() => engine.close());
    };
    const started: string[] = [];
    const [ahead, here] = [await analyse(eagerMapper(started)), await analyse()];
    expect(started).toContain('phrases');
    expect(started).toContain('doc-index');
    expect(ahead.report.sections.themes).toEqual(here.report.sections.themes);
    expect(ahead.csv()).toBe(here.csv());
  });
});
