/** Test helpers: crises built in memory, and the real data sets under ../shared when present. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Analysis } from '../../../src/analysis/runner/analysis.ts';
import { analyzeCrisis, type AnalyzeResult } from '../../../src/analysis/pipeline.ts';
import type { CrisisFiles } from '../../../src/analysis/ingest/ingest-crisis.ts';
import { bytesSource } from '../../../src/analysis/ingest/source.ts';
import { openNodeEngine } from '../../../src/node/duckdb-node.ts';
import { nodeCrisisFiles } from '../../../src/node/files.ts';

/** A crisis directory held in memory: file name → text. */
export function memoryCrisisFiles(files: Record<string, string>): CrisisFiles {
  return {
    async list() {
      return Object.keys(files).sort();
    },
    async readText(name) {
      return files[name] ?? null;
    },
    open(name) {
      return bytesSource(name, files[name]);
    },
  };
}

/** One synthetic message for {@link messagesCsv}. */
export interface SynthMessage {
  id: string;
  /** Epoch ms or ISO string. */
  at: number | string;
  text?: string;
  author?: string;
  parent?: string;
  /** True for customer messages (the default), false for brand messages. */
  inbound?: boolean;
  channel?: string;
  likes?: number;
  shares?: number;
}

/** Renders messages as a generic CSV export (header `id,created_at,text,author,parent_id,inbound,channel,likes,shares`). */
export function messagesCsv(messages: SynthMessage[]): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = ['id,created_at,text,author,parent_id,inbound,channel,likes,shares'];
  for (const m of messages) {
    const at = typeof m.at === 'number' ? new Date(m.at).toISOString() : m.at;
    const inbound = m.inbound ?? true;
    lines.push(
      [m.id, at, cell(m.text ?? `message ${m.id}`), m.author ?? (inbound ? `customer${m.id}` : 'brand'), m.parent ?? '', String(inbound), m.channel ?? 'twitter', m.likes ?? '', m.shares ?? '']
        .map(String)
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}

/** Ingests an in-memory or on-disk crisis and runs `analyses`; the engine is closed afterwards. */
export async function runCrisis(files: CrisisFiles | string, analyses: Analysis[]): Promise<AnalyzeResult> {
  const engine = await openNodeEngine();
  try {
    return await analyzeCrisis(typeof files === 'string' ? nodeCrisisFiles(files) : files, engine, { slug: 'test', analyses });
  } finally {
    await engine.close();
  }
}

/** A synthetic crisis from messages and optional crisis.yaml text. */
export function synthCrisis(messages: SynthMessage[], yaml = ''): CrisisFiles {
  return memoryCrisisFiles({ 'messages.csv': messagesCsv(messages), ...(yaml ? { 'crisis.yaml': yaml } : {}) });
}

/** Where the shared real data sets live (next to the repository). */
export const SHARED = path.resolve(import.meta.dirname, '../../../../shared/data');

/** Path of a shared data set, and whether it exists (warns when it does not, so skipped tests are visible). */
export function sharedData(name: string): { dir: string; present: boolean } {
  const dir = path.join(SHARED, name);
  const present = existsSync(dir);
  if (!present) console.warn(`[crisis tests] ${dir} not found: tests on the real "${name}" data are skipped`);
  return { dir, present };
}

/** Epoch ms of an ISO string. */
export const t = (iso: string): number => Date.parse(iso);
