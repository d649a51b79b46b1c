/**
 * `/explorer/…`: DuckDB-WASM for the explorer pages and /analyze/, served from
 * the site itself (nothing from a CDN): the exception-handling build's worker,
 * and its 33 MB module cut into parts a static host accepts (explorer/parts.ts).
 */
import { open } from 'node:fs/promises';
import type { APIRoute } from 'astro';
import { duckdbCopies, servedByEndpoints, type BundleCopy } from '../../site/bundle-copies.ts';

export function getStaticPaths() {
  // A build copies the files instead (site/bundle-copies.ts): this serves them in `npm run dev`.
  if (!servedByEndpoints()) return [];
  return duckdbCopies().map((copy) => ({ params: { file: copy.sitePath.slice('explorer/'.length) }, props: { copy } }));
}

export const GET: APIRoute = async ({ props }) => {
  const { file, start, end } = props.copy as BundleCopy;
  const bytes = new Uint8Array(end - start);
  const handle = await open(file, 'r');
  try {
    for (let at = 0; at < bytes.length; ) {
      const { bytesRead } = await handle.read(bytes, at, bytes.length - at, start + at);
      if (bytesRead === 0) throw new Error(`${file}: shorter than ${end} bytes`);
      at += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return new Response(bytes, { headers: { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream' } });
};
