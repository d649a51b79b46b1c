/** What an analysis receives, and how it adds to the report. */
import type { ResultCache } from './cache.ts';
import type { CrisisConfig } from './config/crisis-config.ts';
import type { Engine } from './engine/engine.ts';
import type { Case, Message } from './model.ts';
import type { TextMapper } from './parallel/text-mapper.ts';
import type { ExtraColumns } from './report/messages-csv.ts';
import type { ReportModel } from './report/report-model.ts';

export interface AnalysisContext {
  engine: Engine;
  config: CrisisConfig;
  messages: readonly Message[];
  cases: readonly Case[];
  report: ReportModel;
  /** Per-message columns for messages.csv, by message id. */
  columns: ExtraColumns;
  /** Column names in the order they were added. */
  columnNames: string[];
  progress(message: string): void;
  /** Where slow, pure results may be kept between runs; absent means compute everything. */
  cache?: ResultCache;
  /** Runs per-text language tasks, in-process or spread over threads. */
  textMapper: TextMapper;
}

/** One analysis: reads tables, writes a report section and message columns. */
export interface Analysis {
  name: string;
  run(ctx: AnalysisContext): Promise<void>;
}

/** Sets a per-message column value (registering the column on first use). */
export function setColumn(ctx: AnalysisContext, id: string, name: string, value: string | number | boolean | null): void {
  if (!ctx.columnNames.includes(name)) ctx.columnNames.push(name);
  let row = ctx.columns.get(id);
  if (!row) ctx.columns.set(id, (row = {}));
  row[name] = value;
}
