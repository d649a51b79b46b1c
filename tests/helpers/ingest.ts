import { analyzeCrisis } from '../../src/analysis/pipeline.ts';
import type { Engine } from '../../src/analysis/engine/engine.ts';
import { ingestCrisis, memoryCrisisFiles, type CrisisFiles, type IngestOptions } from '../../src/analysis/ingest/ingest-crisis.ts';
import { openNodeEngine } from '../../src/node/duckdb-node.ts';
import { nodeCrisisFiles } from '../../src/node/files.ts';

/** Ingests in-memory files (or a directory) into a fresh engine; closes it unless `keep`. */
export async function ingest(files: Record<string, string | Uint8Array> | string, options: IngestOptions & { keep?: boolean } = {}) {
  const engine = await openNodeEngine();
  const crisis: CrisisFiles = typeof files === 'string' ? nodeCrisisFiles(files) : memoryCrisisFiles(files);
  try {
    const result = await ingestCrisis(crisis, engine, options);
    return { ...result, engine, source: result.ledger.sources[0] };
  } finally {
    if (!options.keep) await engine.close();
  }
}

/** Runs the whole pipeline with no analyses and returns report + csv. */
export async function analyzeOnly(files: Record<string, string | Uint8Array> | string): Promise<{ reportJson: string; csv: string; engine: Engine }> {
  const engine = await openNodeEngine();
  const crisis = typeof files === 'string' ? nodeCrisisFiles(files) : memoryCrisisFiles(files);
  const r = await analyzeCrisis(crisis, engine, { slug: 'test', analyses: [] });
  return { reportJson: JSON.stringify(r.report), csv: r.csv(), engine };
}
