/**
 * `/<crisis>/lists/<name>.csv`: a ranking in full, byte for byte from the
 * bundle (`list-<name>.csv`): the M of every "top N of M" a page shows.
 */
import type { APIRoute } from 'astro';
import { bundleFile, getCrisis, loadCrises } from '../../../site/crises.ts';
import { fullListNames } from '../../../site/lists.ts';
import { fullListFile } from '../../../analysis/runner/full-lists.ts';
import { servedByEndpoints } from '../../../site/bundle-copies.ts';

export async function getStaticPaths() {
  // A build copies the bundle file instead (site/bundle-copies.ts): this serves it in `npm run dev`.
  if (!servedByEndpoints()) return [];
  return (await loadCrises()).flatMap((c) => fullListNames(c.manifest).map((list) => ({ params: { crisis: c.slug, list } })));
}

export const GET: APIRoute = async ({ params }) => {
  const crisis = await getCrisis(params.crisis as string);
  return new Response(await bundleFile(crisis, fullListFile(params.list as string)), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
};
