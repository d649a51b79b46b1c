/** `debrief analyze <crisis-dir> --out <dir>`: the report bundle of one crisis (see src/analysis/bundle/layout.ts). */
import path from 'node:path';
import { analyzeCrisis, type AnalyzeResult } from '../analysis/pipeline.ts';
import type { BundleManifest } from '../analysis/bundle/layout.ts';
import { writeBundle } from '../analysis/bundle/write-bundle.ts';
import type { Engine } from '../analysis/engine/engine.ts';
import { judgeAlerts, type LedgerAlert } from '../analysis/ingest/ledger.ts';
import { writeBundleDir } from '../node/bundle-dir.ts';
import { diskCache } from '../node/disk-cache.ts';
import { readFaultLibraryFor } from '../node/fault-library-file.ts';
import { nodeCrisisFiles } from '../node/files.ts';
import { collectGarbageIfGrown, compactHeap, limitHeapGrowth, startCollectionIfGrown, watchFullCollections } from '../node/heap-budget.ts';
import { startHeapGuard, type HeapExhaustedError } from '../node/heap-guard.ts';
import { crisisInputKey } from '../node/input-key.ts';
import { createWorkerMapper } from '../node/worker-mapper.ts';
import { lazyEngine, openEngine, type EngineName } from './engines.ts';
import { checkCrisis } from './preflight.ts';
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
  /**
   * When the JavaScript heap is about to run out between progress points (node/heap-guard.ts): by default the
   * one-line error is printed and the process exits 1, as V8 would otherwise kill it with exit 134.
   */
  onHeapExhausted?: (error: HeapExhaustedError) => void;
  /** Told what the analysis is doing at each progress point (the analysis process passes it to its parent). */
  onActivity?: (activity: string) => void;
}

function exitOnHeapExhausted(error: HeapExhaustedError): void {
  process.stderr.write(`debrief: ${error.message}\n`);
  process.exit(1);
}

/**
 * Fails on a source whose records were all rejected (one line: the first such source, and any others; no bundle
 * is written, the previous one stays); otherwise prints each warning. Not progress but a result: printed even with
 * --quiet, on stderr so stdout stays clean, right after the files are read — the first thing the user sees.
 */
function reportAlerts(alerts: readonly LedgerAlert[]): void {
  for (const a of judgeAlerts(alerts)) process.stderr.write(`debrief: warning: ${a.message}\n`);
}

/** Analyses a crisis directory and writes its bundle to `out`; returns the result with the engine still open. */
export async function analyzeDirectory(dir: string, options: AnalyzeCommandOptions): Promise<AnalyzeResult & { engine: Engine; manifest: BundleManifest }> {
  const say = progress(!!options.quiet);
  const slug = options.slug ?? path.basename(path.resolve(dir));
  // crisis.yaml and the files it lists, checked before anything slow: its mistakes are reported at once.
  await checkCrisis(dir);
  const files = nodeCrisisFiles(dir);
  // Taken before reading: a file changed during the analysis makes the bundle stale, not falsely fresh.
  const inputKey = options.inputKey ?? crisisInputKey(dir);
  say(`debrief: analysing ${dir}`);
  // Opened once records are being read and mapped (or when ingest first needs it): column mistakes fail before it starts.
  const engine = lazyEngine(() => openEngine(options.engine));
  const started = Date.now();
  const guard = startHeapGuard({ subject: dir, onExhausted: options.onHeapExhausted ?? exitOnHeapExhausted, onActivity: options.onActivity });
  const textMapper = createWorkerMapper({ workers: options.workers, onNote: (m) => say(`  ${m}`) });
  // V8's own full collections count as made here: the collection before the bundle is skipped when one just ran.
  const unwatch = watchFullCollections();
  let result: AnalyzeResult;
  let manifest: BundleManifest;
  try {
    try {
      result = await analyzeCrisis(files, engine, {
        slug,
        strict: options.strict,
        faultLibrary: readFaultLibraryFor(dir),
        onProgress: (p) => {
          // Thousands of records read and mapped, so this file's columns are right: the engine compiles beside the
          // rest of the reading. (Not at a file's end: a small first file says nothing of the next one's columns.)
          if (!p.done) engine.start();
          guard.at(`reading ${p.file} (${p.records.toLocaleString('en-US')} records so far)`);
          guard.check();
          say.file(p);
        },
        onStep: (m) => {
          guard.at(m.trim().replace(/^analysis: (.*)$/, 'running the $1 analysis'));
          guard.check();
          say(`  ${m}`);
        },
        cache: options.cacheDir === null ? undefined : diskCache(options.cacheDir ?? DEFAULT_CACHE_DIR),
        textMapper,
        // Read: from here the heap grows by 20% at most between collections, and starts compacted.
        afterRead: () => {
          limitHeapGrowth();
          compactHeap();
        },
        // V8's incremental collection started where the last stage left enough to be worth one: the next stage runs on
        // while most of the marking is done on another core (a full collection here stopped this thread 0.4–0.7 s).
        betweenAnalyses: () => startCollectionIfGrown(),
        // Judged as soon as the files are read: a source that gave nothing fails before the slow language work.
        onIngested: (ledger) => reportAlerts(ledger.alerts),
      });
    } catch (error) {
      await engine.close();
      throw error;
    }
    collectGarbageIfGrown();
    say('  writing the bundle');
    guard.at(`writing the bundle to ${options.out}`);
    // The worker threads share the privacy filter of the messages' texts with this thread and write the messages' CSV
    // beside their Arrow file; then they stop, and their heaps are returned.
    manifest = await writeBundleDir(options.out, (sink) => writeBundle(result, inputKey, sink, { textMapper, afterMessages: () => textMapper.close() }), { onWait: (m) => say(`  ${m}`) }).catch(async (error: unknown) => {
      await engine.close();
      throw error;
    });
  } finally {
    await textMapper.close();
    guard.stop();
    unwatch();
  }
  const t = result.report.ledger.totals;
  say(`debrief: ${t.read} read, ${t.loaded} loaded, ${t.rejected} rejected, ${t.superseded} superseded, ${t.duplicates} duplicates in ${((Date.now() - started) / 1000).toFixed(1)} s → ${options.out}`);
  return { ...result, engine, manifest };
}
