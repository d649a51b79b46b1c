/**
 * The `/analyze/` page's Web Worker: the chosen files are parsed (papaparse,
 * in the ingest) and analysed by the same pipeline as `debrief analyze`, on
 * DuckDB-WASM (its own worker, started from here with the site's files), with
 * the site's fault library; the bundle is written into memory (privacy applied
 * by writeBundle, as always) and handed back as a .zip with its report.json.
 * Nothing is fetched but DuckDB's files from the page's own origin.
 */
import { crisisPrivacy, memoryBundleSink, writeBundle } from '../analysis/bundle/write-bundle.ts';
import { BUNDLE_FILES } from '../analysis/bundle/layout.ts';
import { memoryCrisisFiles } from '../analysis/ingest/ingest-crisis.ts';
import { analyzeCrisis } from '../analysis/pipeline.ts';
import { filterDeep } from '../analysis/report/privacy.ts';
import { openBrowserEngine } from '../browser/duckdb-browser.ts';
import { partsWasmUrl } from '../explorer/fetch-parts.ts';
import { judgeAlerts } from '../analysis/ingest/ledger.ts';
import { bundleArchive } from './bundle-archive.ts';
import { browserTextMapper } from './browser-text-mapper.ts';
import { earlyEngine } from './early-engine.ts';
import { readEmbeddedFaultLibrary } from './fault-library-embed.ts';
import { uploadInputKey } from './input-key.ts';
import type { AnalyzeReply, AnalyzeRequest } from './protocol.ts';
import { slugProblem, uploadedCrisisFiles } from './upload.ts';

const post = (reply: AnalyzeReply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(reply, transfer);
const step = (message: string) => post({ type: 'step', message });
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** DuckDB's module, from the site's parts (static hosts cap a file at 25 MiB), as a blob URL. */
async function wasmUrl(parts: readonly string[]): Promise<string> {
  return partsWasmUrl(parts).catch((error: unknown) => {
    throw new Error(`${messageOf(error)} (the site's copy of DuckDB-WASM is missing; rebuild the site)`);
  });
}

async function analyze(request: AnalyzeRequest): Promise<void> {
  const started = performance.now();
  const problem = slugProblem(request.slug);
  if (problem) throw new Error(problem);
  const files = uploadedCrisisFiles(request.files);
  const faultLibrary = readEmbeddedFaultLibrary(request.faultLibraryJson);
  step('starting DuckDB-WASM');
  // Started beside the parsing (early-engine.ts): fetching and compiling DuckDB takes seconds the files need too.
  let url: string | undefined;
  const engine = earlyEngine(
    wasmUrl(request.duckdb.wasmParts).then((u) => {
      url = u;
      return openBrowserEngine({ wasmUrl: u, workerUrl: request.duckdb.worker });
    }).then((e) => {
      step(`DuckDB-WASM started in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      return e;
    }),
  );
  // Language work shared with helper workers, one per core but this one (at most 3: each holds the language models).
  const helpers = Math.max(0, Math.min(3, (navigator.hardwareConcurrency || 1) - 1));
  let spawned = 0;
  const textMapper = browserTextMapper({
    helpers,
    spawn: () => {
      step(`language helper worker ${++spawned} of ${helpers} started`);
      return new Worker(new URL('./text-worker.ts', import.meta.url), { type: 'module', name: 'debrief-text' });
    },
  });
  try {
    let lastFile = '';
    const result = await analyzeCrisis(memoryCrisisFiles(files), engine, {
      slug: request.slug,
      faultLibrary,
      textMapper,
      onProgress: (p) => {
        if (p.file !== lastFile) step(`reading ${(lastFile = p.file)}`);
        if (p.done) step(`${p.file}: ${p.records.toLocaleString('en-US')} records read`);
      },
      onStep: (m) => step(m.trim()),
      // As `debrief analyze`: a source that gave nothing stops here, before the slow language work.
      onIngested: (ledger) => {
        const t = ledger.totals;
        step(`${t.read.toLocaleString('en-US')} read, ${t.loaded.toLocaleString('en-US')} loaded, ${t.rejected.toLocaleString('en-US')} rejected, ${t.superseded.toLocaleString('en-US')} superseded, ${t.duplicates.toLocaleString('en-US')} duplicates`);
        judgeAlerts(ledger.alerts);
      },
    });
    // The report as writeBundle writes it (privacy applied the same way), shown before the slower tables are written.
    const reportJson = `${JSON.stringify(filterDeep(result.report, crisisPrivacy(result)), null, 2)}\n`;
    post({ type: 'report', reportJson, seconds: (performance.now() - started) / 1000 });
    step('writing the bundle');
    const sink = memoryBundleSink();
    await writeBundle(result, uploadInputKey(files, request.faultLibraryJson), sink, { textMapper });
    if (new TextDecoder().decode(sink.files.get(BUNDLE_FILES.report)) !== reportJson) throw new Error('the bundle’s report.json differs from the report shown: please report this as a bug');
    const archive = bundleArchive(request.slug, sink.files);
    step(`bundle written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    post({ type: 'bundle', archive }, [archive.buffer]);
  } catch (error) {
    // Said at once: closing waits for DuckDB to finish starting, and the page stops this worker on an error anyway.
    post({ type: 'error', message: messageOf(error) });
  } finally {
    textMapper.close();
    await engine.close();
    if (url) URL.revokeObjectURL(url);
  }
}

self.addEventListener('message', (event: MessageEvent<AnalyzeRequest>) => {
  analyze(event.data).catch((error: unknown) => post({ type: 'error', message: messageOf(error) }));
});
