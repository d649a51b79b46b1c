/** `/<crisis>/messages.csv`: every loaded message with the analyses' columns, personal data filtered. */
import type { APIRoute } from 'astro';
import { messagesCsv } from '../../analysis/report/messages-csv.ts';
import { crisisPaths, getCrisis } from '../../site/crises.ts';
import { privateMessages, privateColumns } from '../../site/messages.ts';

export async function getStaticPaths() {
  return crisisPaths();
}

export const GET: APIRoute = async ({ params }) => {
  const crisis = await getCrisis(params.crisis as string);
  const { columnNames } = crisis.result;
  return new Response(messagesCsv(privateMessages(crisis), columnNames, privateColumns(crisis)), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
};
