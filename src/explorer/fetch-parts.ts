/**
 * Files the site serves in parts (parts.ts), fetched in the browser: the
 * explorer's tables, and DuckDB-WASM's module for `/analyze/` (the explorer
 * compiles it as it streams in: duckdb-module.ts). Every failure names the
 * file.
 */
import { joinParts } from './parts.ts';

/** A file of the site, its body to be read; a failure (no answer, an HTTP error, no body) names the file. */
export async function fetchOk(url: string): Promise<Response & { body: ReadableStream<Uint8Array> }> {
  const r = await fetch(url).catch((error: unknown) => {
    throw new Error(`${url}: ${error instanceof Error ? error.message : String(error)}`);
  });
  if (!r.ok || !r.body) throw new Error(`${url}: HTTP ${r.status}${r.ok ? ', no body' : ''}`);
  return r as Response & { body: ReadableStream<Uint8Array> };
}

/** Each part of a file served in parts, as bytes. */
function fetchEachPart(urls: readonly string[]): Promise<Uint8Array<ArrayBuffer>[]> {
  return Promise.all(
    urls.map(async (u) => {
      const r = await fetchOk(u);
      try {
        return new Uint8Array(await r.arrayBuffer());
      } catch (error) {
        throw new Error(`${u}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
}

/** A file served in parts, as bytes. */
export async function fetchParts(urls: readonly string[]): Promise<Uint8Array<ArrayBuffer>> {
  return joinParts(await fetchEachPart(urls));
}

/**
 * DuckDB's module from its parts, as a Blob URL: the Blob joins the parts'
 * bytes (no 33 MB copy here). Not the responses' own Blobs: a Blob made of
 * those failed to load in the worker now and then ("Failed to fetch").
 */
export async function partsWasmUrl(urls: readonly string[]): Promise<string> {
  return URL.createObjectURL(new Blob(await fetchEachPart(urls), { type: 'application/wasm' }));
}
