/** `/<crisis>/explore/messages.arrow.<i>`: the bundle's messages table (privacy applied), in parts a static host accepts. */
import type { APIRoute } from 'astro';
import { BUNDLE_FILES } from '../../../analysis/bundle/layout.ts';
import { part, partCount } from '../../../explorer/parts.ts';
import { bundleFile, loadCrises } from '../../../site/crises.ts';

export async function getStaticPaths() {
  const out = [];
  for (const c of await loadCrises()) {
    const bytes = new Uint8Array(await bundleFile(c, BUNDLE_FILES.messages));
    for (let i = 0; i < partCount(bytes.length); i++) out.push({ params: { crisis: c.slug, file: `${BUNDLE_FILES.messages}.${i}` }, props: { bytes: part(bytes, i) } });
  }
  return out;
}

export const GET: APIRoute = ({ props }) => new Response(props.bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/octet-stream' } });
