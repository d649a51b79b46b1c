/** `debrief analyze <crisis-dir> --out <dir>`: report.json, messages.csv and (when there are cases) cases.csv for one crisis. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { analyzeCrisis, type AnalyzeResult } from '../analysis/analyze.ts';
import type { Engine } from '../analysis/engine/engine.ts';
import { openNodeEngine } from '../node/duckdb-node.ts';
import { diskCache } from '../node/disk-cache.ts';
import { nodeCrisisFiles } from '../node/files.ts';
import { createWorkerMapper } from '../node/worker-mapper.ts';
import { progress } from './progress.ts';

/** Language results are kept here between runs (keyed by analysis version and input). */
export const DEFAULT_CACHE_DIR = '.debrief-cache';

export interface AnalyzeCommandOptions {
  out: string;
  quiet?: boolean;
  strict?: boolean;
  /** Directory for cached language results; null to compute everything. */
  cacheDir?: string | null;
  /** Worker threads for language analyses besides this one (default: DEBRIEF_WORKERS, else one per core but one; 0 = none). */
  workers?: number;
}

/** Analyses a crisis directory and writes its outputs; returns the result with the engine still open. */
export async function analyzeDirectory(dir: string, options: AnalyzeCommandOptions): Promise<AnalyzeResult & { engine: Engine }> {
  const say = progress(!!options.quiet);
  const slug = path.basename(path.resolve(dir));
  const files = nodeCrisisFiles(dir);
  say(`debrief: analysing ${dir}`);
  const engine = await openNodeEngine();
  const started = Date.now();
  const textMapper = createWorkerMapper({ workers: options.workers, onNote: (m) => say(`  ${m}`) });
  let result: AnalyzeResult;
  try {
    result = await analyzeCrisis(files, engine, {
      slug,
      strict: options.strict,
      onProgress: say.file,
      onStep: (m) => say(`  ${m}`),
      cache: options.cacheDir === null ? undefined : diskCache(options.cacheDir ?? DEFAULT_CACHE_DIR),
      textMapper,
    });
  } finally {
    await textMapper.close();
  }
  await mkdir(options.out, { recursive: true });
  await writeFile(path.join(options.out, 'report.json'), `${JSON.stringify(result.report, null, 2)}\n`);
  await writeFile(path.join(options.out, 'messages.csv'), result.csv());
  if (result.cases.length) await writeFile(path.join(options.out, 'cases.csv'), result.casesCsv());
  const t = result.report.ledger.totals;
  say(`debrief: ${t.read} read, ${t.loaded} loaded, ${t.rejected} rejected, ${t.superseded} superseded, ${t.duplicates} duplicates in ${((Date.now() - started) / 1000).toFixed(1)} s → ${options.out}`);
  return { ...result, engine };
}
