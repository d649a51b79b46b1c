/** `/<crisis>/report.json`: the report model as published (personal data filtered like the pages). */
import type { APIRoute } from 'astro';
import { crisisPaths, getCrisis } from '../../site/crises.ts';
import { filterDeep } from '../../site/privacy.ts';

export async function getStaticPaths() {
  return crisisPaths();
}

export const GET: APIRoute = async ({ params }) => {
  const crisis = await getCrisis(params.crisis as string);
  return new Response(`${JSON.stringify(filterDeep(crisis.report, crisis.privacy), null, 2)}\n`, { headers: { 'content-type': 'application/json' } });
};
