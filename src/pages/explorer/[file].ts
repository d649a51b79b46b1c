/**
 * `/explorer/…`: DuckDB-WASM for the explorer pages, served from the site
 * itself (nothing from a CDN): the exception-handling build's worker, and its
 * 33 MB module cut into parts a static host accepts (explorer/parts.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { APIRoute } from 'astro';
import { part, partCount } from '../../explorer/parts.ts';

const dist = path.dirname(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
const WASM = 'duckdb-eh.wasm';
const WORKER = 'duckdb-browser-eh.worker.js';

export function getStaticPaths() {
  const bytes = readFileSync(path.join(dist, WASM));
  return [
    { params: { file: WORKER }, props: { bytes: readFileSync(path.join(dist, WORKER)), type: 'text/javascript' } },
    ...Array.from({ length: partCount(bytes.length) }, (_, i) => ({ params: { file: `${WASM}.${i}` }, props: { bytes: part(bytes, i), type: 'application/octet-stream' } })),
  ];
}

export const GET: APIRoute = ({ props }) => new Response(props.bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': props.type as string } });
