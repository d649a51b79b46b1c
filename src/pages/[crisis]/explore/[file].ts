/**
 * `/<crisis>/explore/<table>.arrow.<i>`: the bundle's messages table (privacy
 * applied) in parts a static host accepts, and its message attributes when a
 * segment of the report is one (explorer/segments.ts).
 */
import type { APIRoute } from 'astro';
import { BUNDLE_FILES } from '../../../analysis/bundle/layout.ts';
import { messageSegments } from '../../../explorer/segments.ts';
import { part, partCount } from '../../../explorer/parts.ts';
import { bundleFile, loadCrises } from '../../../site/crises.ts';

export async function getStaticPaths() {
  const out = [];
  for (const c of await loadCrises()) {
    const files: string[] = [BUNDLE_FILES.messages];
    if (messageSegments(c.report).some((s) => s.attribute)) files.push(BUNDLE_FILES.messageAttributes);
    for (const name of files) {
      const bytes = new Uint8Array(await bundleFile(c, name));
      for (let i = 0; i < partCount(bytes.length); i++) out.push({ params: { crisis: c.slug, file: `${name}.${i}` }, props: { bytes: part(bytes, i) } });
    }
  }
  return out;
}

export const GET: APIRoute = ({ props }) => new Response(props.bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/octet-stream' } });
