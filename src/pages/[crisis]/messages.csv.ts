/** `/<crisis>/messages.csv`: the bundle's download, byte for byte: every loaded message with the analyses' columns, personal data filtered. */
import type { APIRoute } from 'astro';
import { BUNDLE_FILES } from '../../analysis/bundle/layout.ts';
import { bundleFile, crisisPaths, getCrisis } from '../../site/crises.ts';
import { servedByEndpoints } from '../../site/bundle-copies.ts';

export async function getStaticPaths() {
  // A build copies the bundle file instead (site/bundle-copies.ts): this serves it in `npm run dev`.
  return servedByEndpoints() ? crisisPaths() : [];
}

export const GET: APIRoute = async ({ params }) => {
  const crisis = await getCrisis(params.crisis as string);
  return new Response(await bundleFile(crisis, BUNDLE_FILES.messagesCsv), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
};
