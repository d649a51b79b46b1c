/**
 * `/<crisis>/explore/<table>.arrow.<i>`: the bundle's tables the explorer
 * offers (privacy applied) — messages, and cases when the crisis has any —
 * in parts a static host accepts, and a table's attributes when a segment of
 * the report is one (explorer/bundle-files.ts).
 */
import type { APIRoute } from 'astro';
import { servedFiles } from '../../../explorer/bundle-files.ts';
import { part, partCount } from '../../../explorer/parts.ts';
import { bundleFile, loadCrises } from '../../../site/crises.ts';
import { servedByEndpoints } from '../../../site/bundle-copies.ts';

export async function getStaticPaths() {
  // A build copies the bundle file instead (site/bundle-copies.ts): this serves it in `npm run dev`.
  if (!servedByEndpoints()) return [];
  const out = [];
  for (const c of await loadCrises()) {
    for (const name of servedFiles(c.report)) {
      const bytes = new Uint8Array(await bundleFile(c, name));
      for (let i = 0; i < partCount(bytes.length); i++) out.push({ params: { crisis: c.slug, file: `${name}.${i}` }, props: { bytes: part(bytes, i) } });
    }
  }
  return out;
}

export const GET: APIRoute = ({ props }) => new Response(props.bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/octet-stream' } });
