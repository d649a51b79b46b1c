/** Ingest throughput: a generated CSV export through decode → papaparse → mapping → ledger → DuckDB. */
import { ingestCrisis, memoryCrisisFiles } from '../src/analysis/ingest/ingest-crisis.ts';
import { csvCell } from '../src/analysis/report/messages-csv.ts';
import { openNodeEngine } from '../src/node/duckdb-node.ts';
import { mulberry32 } from '../src/analysis/random.ts';
import { generatePosts } from './generate-posts.ts';

/** Builds an `n`-row generic CSV export of generated posts. */
export function generateExport(n: number, seed = 7): string {
  const rand = mulberry32(seed);
  const texts = generatePosts(n, seed);
  const start = Date.UTC(2024, 2, 1);
  const lines = ['id,created_at,author,parent_id,channel,text,likes,shares'];
  for (let i = 0; i < n; i++) {
    const t = new Date(start + Math.floor(i * 600 + rand() * 600) * 1000).toISOString();
    const parent = i > 0 && rand() < 0.3 ? String(Math.floor(rand() * i)) : '';
    lines.push([String(i), t, `user${Math.floor(rand() * n * 0.3)}`, parent, rand() < 0.7 ? 'twitter' : 'facebook', csvCell(texts[i]), Math.floor(rand() * 50), Math.floor(rand() * 10)].join(','));
  }
  return lines.join('\n') + '\n';
}

export async function benchIngest(rows: number): Promise<{ rowsPerSecond: number; megabytesPerSecond: number; seconds: number }> {
  const csv = new TextEncoder().encode(generateExport(rows));
  const engine = await openNodeEngine();
  const t0 = performance.now();
  const result = await ingestCrisis(memoryCrisisFiles({ 'posts.csv': csv }), engine);
  const seconds = (performance.now() - t0) / 1000;
  await engine.close();
  if (result.ledger.totals.loaded !== rows) throw new Error(`bench export should load whole: ${JSON.stringify(result.ledger.totals)}`);
  return { rowsPerSecond: rows / seconds, megabytesPerSecond: csv.length / 1e6 / seconds, seconds };
}
