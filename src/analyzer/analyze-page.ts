/**
 * The `/analyze/` page in the browser: the reader chooses or drops export
 * files (and a crisis.yaml); their bytes go to a Web Worker
 * (analyze-worker.ts) that runs the pipeline on DuckDB-WASM. Progress lines
 * are shown as they come; the result is drawn with the static pages' views
 * (render-report.ts) and offered as a bundle to save. Nothing leaves the
 * machine: the only requests are for the site's own DuckDB files.
 */
import type { ReportModel } from '../analysis/report/report-model.ts';
import { bundleArchiveName } from './bundle-archive.ts';
import type { AnalyzeReply, AnalyzeRequest } from './protocol.ts';
import { renderReport } from './render-report.ts';
import { analysisView } from './report-view.ts';
import { slugProblem, suggestedSlug } from './upload.ts';

/** What the page's `data-analyzer` attribute holds (pages/analyze/index.astro). */
export interface AnalyzerConfig {
  /** DuckDB-WASM's module parts and worker, relative to the page. */
  wasm: string[];
  worker: string;
  /** The site's fault library, embedded (fault-library-embed.ts). */
  faultLibrary: string;
}

const $ = <T extends Element>(root: ParentNode, selector: string) => root.querySelector(selector) as T;

/** Starts the analyser in `root` (the page's `[data-analyzer]` element). */
export function startAnalyzer(root: HTMLElement): void {
  const config = JSON.parse(root.dataset.analyzer!) as AnalyzerConfig;
  const form = $<HTMLFormElement>(root, 'form');
  const input = $<HTMLInputElement>(form, 'input[type=file]');
  const slugInput = $<HTMLInputElement>(form, 'input[name=slug]');
  const drop = $<HTMLElement>(root, '.analyze-drop');
  const chosen = $<HTMLElement>(root, '.analyze-chosen');
  const steps = $<HTMLOListElement>(root, '.analyze-steps');
  const status = $<HTMLElement>(root, '.analyze-status');
  const error = $<HTMLElement>(root, '.analyze-error');
  const result = $<HTMLElement>(root, '.analyze-result');
  const download = $<HTMLAnchorElement>(root, '.analyze-download');
  let files: File[] = [];
  let slugEdited = false;
  let worker: Worker | undefined;
  let archiveUrl: string | undefined;

  slugInput.addEventListener('input', () => (slugEdited = true));
  const choose = (list: FileList | null) => {
    files = [...(list ?? [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    chosen.textContent = files.length ? `Chosen: ${files.map((f) => `${f.name} (${f.size.toLocaleString('en-US')} bytes)`).join(', ')}` : '';
    if (!slugEdited && files.length) slugInput.value = suggestedSlug(files.map((f) => f.name));
    if (files.length) void run();
  };
  input.addEventListener('change', () => choose(input.files));
  // Files dropped anywhere on the page are taken (a browser would otherwise leave the page to show the file).
  document.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('dragging');
  });
  document.addEventListener('dragleave', (event) => {
    if (!event.relatedTarget) drop.classList.remove('dragging');
  });
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('dragging');
    if (event.dataTransfer?.files.length) choose(event.dataTransfer.files);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (files.length) void run();
    else fail('no file chosen: choose one or more exports (CSV, JSON or NDJSON) and, if you have one, their crisis.yaml');
  });

  const fail = (message: string) => {
    status.textContent = '';
    error.hidden = false;
    error.textContent = `Could not analyse the files: ${message}`;
  };

  const run = async () => {
    worker?.terminate();
    delete document.documentElement.dataset.analysisReady;
    if (archiveUrl) URL.revokeObjectURL(archiveUrl);
    archiveUrl = undefined;
    download.hidden = true;
    error.hidden = true;
    error.textContent = '';
    result.replaceChildren();
    steps.replaceChildren();
    const slug = slugInput.value.trim();
    const problem = slugProblem(slug);
    if (problem) return fail(problem);
    const started = performance.now();
    status.textContent = `Analysing ${files.length} file${files.length === 1 ? '' : 's'} in your browser…`;
    const request: AnalyzeRequest = {
      files: await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))),
      slug,
      faultLibraryJson: config.faultLibrary,
      duckdb: { wasmParts: config.wasm.map((u) => new URL(u, location.href).href), worker: new URL(config.worker, location.href).href },
    };
    const mine = new Worker(new URL('./analyze-worker.ts', import.meta.url), { type: 'module', name: 'debrief-analyze' });
    worker = mine;
    mine.addEventListener('error', (event) => fail(`the analysis stopped (${event.message || 'worker error'})`));
    mine.addEventListener('message', (event: MessageEvent<AnalyzeReply>) => {
      if (worker !== mine) return;
      const reply = event.data;
      if (reply.type === 'step') steps.append(Object.assign(document.createElement('li'), { textContent: reply.message }));
      else if (reply.type === 'error') {
        fail(reply.message);
        mine.terminate();
      } else if (reply.type === 'report') show(reply.reportJson, (performance.now() - started) / 1000);
      else {
        mine.terminate();
        offer(reply.archive, slug);
      }
    });
    mine.postMessage(request, request.files.map((f) => f.bytes.buffer as ArrayBuffer));
  };

  const show = (reportJson: string, seconds: number) => {
    const report = JSON.parse(reportJson) as ReportModel;
    const view = analysisView(report);
    renderReport(result, view, report.ledger.alerts);
    const volume = report.counts.messages || !report.counts.cases ? `${view.messages.toLocaleString('en-US')} messages` : `${report.counts.cases.toLocaleString('en-US')} cases`;
    status.textContent = `Analysed ${volume} in ${seconds.toFixed(1)} s; the bundle to download is being written…`;
    document.documentElement.dataset.analysisReady = String(view.messages);
  };

  const offer = (archive: Uint8Array, slug: string) => {
    archiveUrl = URL.createObjectURL(new Blob([archive as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
    download.href = archiveUrl;
    download.download = bundleArchiveName(slug);
    download.textContent = `Download the bundle (${bundleArchiveName(slug)}, ${(archive.length / 1024 / 1024).toFixed(1)} MB)`;
    download.hidden = false;
    status.textContent = status.textContent!.replace(/; the bundle to download is being written…$/, '; the bundle is ready to download.');
  };
}
