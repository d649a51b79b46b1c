/**
 * DuckDB-WASM's module for the explorer, compiled while it downloads.
 *
 * The module is served in parts (parts.ts: no file over a static host's
 * limit). Joining them into a Blob first meant compiling only once the last
 * byte was in; here the parts' bodies are read one after the other into one
 * stream that `WebAssembly.compileStreaming` compiles as it arrives. DuckDB's
 * worker then instantiates that compiled module instead of fetching and
 * compiling its own: a small bootstrap worker replaces
 * `WebAssembly.instantiateStreaming` (which DuckDB's worker calls) by an
 * instantiation of the module the page sends it, and loads DuckDB's worker
 * script at once, so that script's start overlaps the compilation too.
 * The compilation starts from a small script of the page's own
 * ({@link startCompile}), before the explorer's script has loaded. Browser
 * only.
 */
import { fetchOk } from './fetch-parts.ts';

/**
 * Compiles the module served as `urls` (in order) while they download: every
 * part is requested at once, their bodies streamed one after the other into
 * the compiler. `downloaded` is called once the last byte is in.
 */
export async function compileParts(urls: readonly string[], downloaded: () => void = () => undefined): Promise<WebAssembly.Module> {
  const responses = urls.map((u) => fetchOk(u));
  // Each is awaited in its turn below: a failure is reported there, never as an unhandled rejection.
  for (const r of responses) r.catch(() => undefined);
  let next = 0;
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        if (!reader) {
          if (next === urls.length) {
            downloaded();
            return controller.close();
          }
          reader = (await responses[next++]!).body.getReader();
        }
        const chunk = await reader.read().catch((error: unknown) => {
          throw new Error(`${urls[next - 1]}: ${error instanceof Error ? error.message : String(error)}`);
        });
        if (!chunk.done) return controller.enqueue(chunk.value);
        reader = null;
      }
    },
  });
  try {
    return await WebAssembly.compileStreaming(new Response(stream, { headers: { 'content-type': 'application/wasm' } }));
  } catch (error) {
    throw new Error(`DuckDB's module (${urls.join(', ')}) could not be compiled: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The module being compiled, once {@link startCompile} has started it: one compilation per page. */
let started: { key: string; module: Promise<WebAssembly.Module>; downloaded: Promise<void>; worker: Worker } | null = null;

/**
 * Starts compiling DuckDB's module from its parts (`urls`), and DuckDB's
 * worker (`workerUrl`, relative to the page) that will instantiate it, once
 * per page; returns them with a promise of the module's last byte. The page
 * calls this from its small first script as soon as the document is parsed
 * (index.astro), not once the explorer's much larger code has loaded: the
 * compilation and the worker's start then run while that code downloads and
 * starts. Later calls get the same ones.
 */
export function startCompile(urls: readonly string[], workerUrl: string): { module: Promise<WebAssembly.Module>; downloaded: Promise<void>; worker: Worker } {
  const key = `${urls.join('\n')}\n${workerUrl}`;
  if (started?.key !== key) {
    let done = () => undefined as void;
    const downloaded = new Promise<void>((resolve) => (done = resolve));
    performance.mark('explorer:compile-started');
    const module = compileParts(urls, () => {
      performance.mark('explorer:wasm-fetched');
      done();
    });
    // Awaited by the explorer, which reports a failure: never an unhandled rejection here.
    module.catch(() => undefined);
    started = { key, module, downloaded, worker: moduleWorker(new URL(workerUrl, location.href).href, module) };
  }
  return { module: started.module, downloaded: started.downloaded, worker: started.worker };
}

/** The message that carries the compiled module to the bootstrap worker (any other message is DuckDB's). */
const MODULE_MESSAGE = 'debrief:duckdb-module';

/**
 * The bootstrap worker's script: DuckDB's worker (`workerUrl`) loaded at
 * once, its instantiation waiting for the module the page posts. Written
 * here as text: a worker is started from a script, not from a function.
 */
function bootstrapScript(workerUrl: string): string {
  // In a function: a classic worker's scripts share one global scope, and DuckDB's declares names of its own.
  return `'use strict';
(() => {
  let resolveModule;
  const compiled = new Promise((resolve) => (resolveModule = resolve));
  // DuckDB's worker fetches its module URL and calls this: it gets the module the page compiled (the fetched bytes are not read).
  WebAssembly.instantiateStreaming = async (_source, imports) => {
    const module = await compiled;
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
  importScripts(${JSON.stringify(workerUrl)});
  const duckdbHandler = globalThis.onmessage;
  globalThis.onmessage = (event) => {
    if (event.data && event.data.type === ${JSON.stringify(MODULE_MESSAGE)}) resolveModule(event.data.module);
    else duckdbHandler(event);
  };
})();
`;
}

/** A URL DuckDB's worker may fetch as its module: empty, as the bootstrap never reads it. */
export function placeholderModuleUrl(): string {
  return URL.createObjectURL(new Blob([], { type: 'application/wasm' }));
}

/**
 * A worker running DuckDB's worker script (`workerUrl`, absolute) that
 * instantiates `module` once it is compiled, instead of compiling what it
 * fetches. Pass it to `openBrowserEngine` with {@link placeholderModuleUrl}.
 */
export function moduleWorker(workerUrl: string, module: Promise<WebAssembly.Module>): Worker {
  const worker = new Worker(URL.createObjectURL(new Blob([bootstrapScript(workerUrl)], { type: 'text/javascript' })));
  module.then(
    (m) => worker.postMessage({ type: MODULE_MESSAGE, module: m }),
    () => undefined,
  );
  return worker;
}
