/**
 * `/explorer/…`: DuckDB-WASM for the explorer pages and /analyze/, served from
 * the site itself (nothing from a CDN): the exception-handling build's worker,
 * and its 33 MB module cut into parts a static host accepts (explorer/parts.ts).
 */
import type { APIRoute } from 'astro';
import { duckdbCopies, readRange, servedByEndpoints, type BundleCopy } from '../../site/bundle-copies.ts';

export function getStaticPaths() {
  // A build copies the files instead (site/bundle-copies.ts): this serves them in `npm run dev`.
  if (!servedByEndpoints()) return [];
  return duckdbCopies().map((copy) => ({ params: { file: copy.sitePath.slice('explorer/'.length) }, props: { copy } }));
}

export const GET: APIRoute = async ({ props }) => {
  const { file, start, end } = props.copy as BundleCopy;
  return new Response(await readRange(file, start, end), { headers: { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream' } });
};
