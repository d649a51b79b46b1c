/** `/<crisis>/cases.csv`: every loaded case (ticket, complaint) with the analyses' columns, personal data filtered. */
import type { APIRoute } from 'astro';
import { casesCsv } from '../../analysis/report/cases-csv.ts';
import { privateCaseColumns, privateCases } from '../../site/cases.ts';
import { crisisPaths, getCrisis } from '../../site/crises.ts';

export async function getStaticPaths() {
  return crisisPaths((c) => c.cases.length > 0);
}

export const GET: APIRoute = async ({ params }) => {
  const crisis = await getCrisis(params.crisis as string);
  return new Response(casesCsv(privateCases(crisis), crisis.result.caseColumnNames, privateCaseColumns(crisis)), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
};
