/**
 * What a crisis holds — social messages, cases, or both — for fitting its
 * notebook template. The analysed bundle knows exactly; before analysis the
 * crisis.yaml sources (their table, their format, else the format a CSV
 * header looks like) tell what the exports will give.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CrisisConfig } from '../analysis/config/crisis-config.ts';
import type { SourceConfig } from '../analysis/config/source-config.ts';
import { sniffDelimiter } from '../analysis/ingest/csv-records.ts';
import { detectFormat, formatSpec } from '../analysis/ingest/formats/index.ts';
import type { CrisisShape } from './notebook-template.ts';

/** The shape from an analysed bundle's report.json; null when there is none or it cannot be read. */
export function shapeFromBundle(bundle: string): CrisisShape | null {
  const file = path.join(bundle, 'report.json');
  if (!existsSync(file)) return null;
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as { counts?: { messages?: number; cases?: number }; sections?: Record<string, unknown> };
    const counts = report.counts;
    if (typeof counts?.messages !== 'number' || typeof counts.cases !== 'number') return null;
    if (counts.messages === 0 && counts.cases === 0) return null;
    return { messages: counts.messages > 0, cases: counts.cases > 0, tickets: !!report.sections?.tickets };
  } catch {
    return null;
  }
}

/** Tables a source will fill: its `table`, else its format's (Zendesk gives both), else the format its header looks like. */
function sourceTables(dir: string, source: Pick<SourceConfig, 'file' | 'table' | 'format'>): ('messages' | 'cases')[] {
  if (source.table) return [source.table];
  if (source.format === 'zendesk') return ['cases', 'messages'];
  if (source.format) return [formatSpec(source.format).table];
  const header = csvHeader(path.join(dir, source.file));
  return [header ? detectFormat({ header }).table : 'messages'];
}

/** The header cells of a CSV/TSV file (first line, sniffed delimiter); null for other files or an unreadable one. */
function csvHeader(file: string): string[] | null {
  if (!/\.(csv|tsv|txt)$/i.test(file) || !existsSync(file)) return null;
  try {
    const head = readFileSync(file, 'utf8').slice(0, 64 * 1024);
    const first = head.split(/\r?\n/)[0] ?? '';
    return first.split(sniffDelimiter(head)).map((c) => c.replace(/^"|"$/g, ''));
  } catch {
    return null;
  }
}

/** The shape the sources of `config` (in crisis directory `dir`) will give; every data file when none are listed. */
export function shapeFromConfig(dir: string, config: CrisisConfig): CrisisShape | null {
  const sources = config.sources.length
    ? config.sources
    : readdirSync(dir).filter((f) => /\.(csv|tsv|json|ndjson|jsonl)$/i.test(f)).sort().map((file) => ({ file }));
  if (!sources.length) return null;
  const tables = sources.map((s) => ({ format: 'format' in s ? s.format : undefined, tables: sourceTables(dir, s) }));
  const has = (t: 'messages' | 'cases') => tables.some((s) => s.tables.includes(t));
  // Complaints exports (CFPB) carry no service-desk fields; other case sources are assumed to.
  return { messages: has('messages'), cases: has('cases'), tickets: tables.some((s) => s.tables.includes('cases') && s.format !== 'cfpb') };
}
