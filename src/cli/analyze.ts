/** `debrief analyze <crisis-dir> --out <dir>`: the report bundle of one crisis (see src/analysis/bundle/layout.ts). */
import path from 'node:path';
import { analyzeCrisis, type AnalyzeResult } from '../analysis/pipeline.ts';
import type { BundleManifest } from '../analysis/bundle/layout.ts';
import { writeBundle } from '../analysis/bundle/write-bundle.ts';
import type { Engine } from '../analysis/engine/engine.ts';
import type { LedgerAlert } from '../analysis/ingest/ledger.ts';
import { writeBundleDir } from '../node/bundle-dir.ts';
import { diskCache } from '../node/disk-cache.ts';
import { nodeCrisisFiles } from '../node/files.ts';
import { crisisInputKey } from '../node/input-key.ts';
import { createWorkerMapper } from '../node/worker-mapper.ts';
import { openEngine, type EngineName } from './engines.ts';
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
  /** The crisis's name in the report; the directory name by default. */
  slug?: string;
  /** The engine: DuckDB-WASM (default) or native DuckDB. */
  engine?: EngineName;
  /** The crisis's input key when the caller has computed it already (see node/input-key.ts). */
  inputKey?: string;
}

/**
 * Fails on a source whose records were all rejected (one line: the first such source, and any others; no bundle
 * is written, the previous one stays); otherwise prints each warning. Not progress but a result: printed even with
 * --quiet, on stderr so stdout stays clean, right after the files are read — the first thing the user sees.
 */
function reportAlerts(alerts: readonly LedgerAlert[]): void {
  const failed = alerts.filter((a) => a.level === 'error');
  if (failed.length) throw new Error(`${failed[0]!.message}${failed.length > 1 ? ` Every record was rejected in ${failed.length - 1} more source(s) too: ${failed.slice(1).map((a) => a.file).join(', ')}.` : ''}`);
  for (const a of alerts) process.stderr.write(`debrief: warning: ${a.message}\n`);
}

/** Analyses a crisis directory and writes its bundle to `out`; returns the result with the engine still open. */
export async function analyzeDirectory(dir: string, options: AnalyzeCommandOptions): Promise<AnalyzeResult & { engine: Engine; manifest: BundleManifest }> {
  const say = progress(!!options.quiet);
  const slug = options.slug ?? path.basename(path.resolve(dir));
  const files = nodeCrisisFiles(dir);
  // Taken before reading: a file changed during the analysis makes the bundle stale, not falsely fresh.
  const inputKey = options.inputKey ?? crisisInputKey(dir);
  say(`debrief: analysing ${dir}`);
  const engine = await openEngine(options.engine);
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
      // Judged as soon as the files are read: a source that gave nothing fails before the slow language work.
      onIngested: (ledger) => reportAlerts(ledger.alerts),
    });
  } catch (error) {
    await engine.close();
    throw error;
  } finally {
    await textMapper.close();
  }
  say('  writing the bundle');
  const manifest = await writeBundleDir(options.out, (sink) => writeBundle(result, inputKey, sink), { onWait: (m) => say(`  ${m}`) });
  const t = result.report.ledger.totals;
  say(`debrief: ${t.read} read, ${t.loaded} loaded, ${t.rejected} rejected, ${t.superseded} superseded, ${t.duplicates} duplicates in ${((Date.now() - started) / 1000).toFixed(1)} s → ${options.out}`);
  return { ...result, engine, manifest };
}
