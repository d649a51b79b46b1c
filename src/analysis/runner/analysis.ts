/** What an analysis receives, and how it adds to the report. */
import type { ResultCache } from '../cache.ts';
import type { CrisisConfig } from '../config/crisis-config.ts';
import type { Engine } from '../engine/engine.ts';
import type { Case, MessageRows } from '../model.ts';
import type { TextMapper } from '../parallel/text-mapper.ts';
import type { FullLists } from './full-lists.ts';
import type { CellValue, RowColumns } from './row-columns.ts';
import type { ReportModel, ReportSections } from '../report/report-model.ts';

/**
 * The part of an {@link AnalysisContext} there is once the files are read,
 * before the engine holds the rows: what {@link Analysis.prefetchRows} gets.
 */
export type RowsContext = Pick<AnalysisContext, 'config' | 'messages' | 'cases' | 'cache' | 'textMapper'>;

export interface AnalysisContext {
  engine: Engine;
  config: CrisisConfig;
  messages: MessageRows;
  cases: readonly Case[];
  report: ReportModel;
  /** Per-message analysis columns (the bundle's messages table, messages.csv), set by message id. */
  columns: RowColumns;
  /** Their names in the order they were added (`columns.names`). */
  columnNames: readonly string[];
  /** Per-case columns for cases.csv, by case id (e.g. the fault a complaint narrative shows). */
  caseColumns: RowColumns;
  caseColumnNames: readonly string[];
  /** Rankings in full, for the bundle's `list-<name>.csv` (a section keeps the top N; see full-lists.ts). */
  lists: FullLists;
  progress(message: string): void;
  /** Where slow, pure results may be kept between runs; absent means compute everything. */
  cache?: ResultCache;
  /** Runs per-text language tasks, in-process or spread over threads. */
  textMapper: TextMapper;
}

/** The name of a report section. */
export type SectionName = keyof ReportSections;

/**
 * One analysis: reads the tables (and earlier analyses' sections and
 * columns, as it declares), writes its own sections and columns. The runner
 * (order.ts) orders analyses by these declarations and refuses one that
 * writes what it did not declare or touches another's section.
 */
export interface Analysis {
  name: string;
  /** Sections of other analyses it reads (when they ran). */
  needs?: readonly SectionName[];
  /** Per-message or per-case columns of other analyses it reads (when they ran). */
  needsColumns?: readonly string[];
  /** The sections it writes; no other analysis writes them. */
  sections: readonly SectionName[];
  /** The per-message / per-case columns it adds. */
  columns?: readonly string[];
  /** The full lists it adds (`ctx.lists`). */
  lists?: readonly string[];
  run(ctx: AnalysisContext): Promise<void>;
  /**
   * Optional: start, on the host's worker threads, language work `run` will
   * want, as soon as what it needs is there — the runner calls this after
   * the analyses it depends on, while others run on this thread. It writes
   * nothing; `run` finds what it started and gives the same results as
   * without it (runner/started-work.ts).
   */
  prefetch?(ctx: AnalysisContext): void;
  /**
   * Optional: start language work that needs only the rows read, as soon as
   * the files are read — the pipeline calls this before the tables load into
   * the engine, so the host's worker threads work beside the load. It writes
   * nothing; `run` takes what it started (runner/started-work.ts
   * `startedRowsWork`) and gives the same results as without it.
   */
  prefetchRows?(rows: RowsContext): void;
  /**
   * Optional: run after every analysis that does not need it, so that the
   * work its prefetch started on the worker threads has their time to
   * finish. What it writes keeps its place in the bundle all the same (the
   * runner puts sections and columns in the order analyses are given).
   */
  runLate?: boolean;
}

/** Sets a per-message column value (registering the column on first use). */
export function setColumn(ctx: AnalysisContext, id: string, name: string, value: CellValue): void {
  ctx.columns.set(id, name, value);
}

/** Sets a per-case column value (registering the column on first use). */
export function setCaseColumn(ctx: AnalysisContext, id: string, name: string, value: CellValue): void {
  ctx.caseColumns.set(id, name, value);
}
