/**
 * The whole pipeline for one crisis: ingest → DuckDB → analyses → report model.
 * Runs in Node and in the browser: files and the engine are passed in.
 */
import type { Analysis, AnalysisContext } from './runner/analysis.ts';
import type { ResultCache } from './cache.ts';
import type { Engine } from './engine/engine.ts';
import { ingestCrisis, type CrisisFiles, type IngestOptions } from './ingest/ingest-crisis.ts';
import type { Ledger } from './ingest/ledger.ts';
import type { Case, MessageRows } from './model.ts';
import { messageIds, messageTimes } from './core/message-table.ts';
import { casesCsv } from './report/cases-csv.ts';
import { messagesCsv } from './report/messages-csv.ts';
import { SCHEMA_VERSION, type Counts, type ReportModel } from './report/report-model.ts';
import { defaultAnalyses } from './runner/default-analyses.ts';
import { runAnalyses } from './runner/order.ts';
import { customerMessageSql } from './crisis/notions.ts';
import { num } from './crisis/sql.ts';
import { inProcessMapper, type Started, type TextMapper } from './parallel/text-mapper.ts';
import { startMaskedTexts, type MaskedTexts } from './report/masked-texts.ts';
import { RowColumns } from './runner/row-columns.ts';
import { FullLists, type FullList } from './runner/full-lists.ts';

export const DEBRIEF_VERSION = '0.1.0';

export interface AnalyzeOptions extends IngestOptions {
  slug: string;
  /** Which analyses to run; all by default. */
  analyses?: Analysis[];
  onStep?: (message: string) => void;
  /** Keeps language results between runs (see cache.ts). */
  cache?: ResultCache;
  /** Called with the ledger once every file is read, before the engine loads them and before any analysis: it may throw to stop (a source that gave nothing). */
  onIngested?: (ledger: Ledger) => void;
  /** Where per-text language work runs; in-process by default (Node can pass a worker pool). */
  textMapper?: TextMapper;
  /** Called before each analysis: a host that can collect garbage there (Node under `--expose-gc`) keeps one analysis's garbage from adding to the next one's peak. */
  betweenAnalyses?: () => void;
}

export interface AnalyzeResult {
  report: ReportModel;
  messages: MessageRows;
  cases: Case[];
  /** Per-message analysis columns, aligned with `messages`. */
  columns: RowColumns;
  columnNames: readonly string[];
  /** Per-case columns (cases.csv), aligned with `cases`. */
  caseColumns: RowColumns;
  caseColumnNames: readonly string[];
  /** Rankings in full, sorted by name: the bundle's `list-<name>.csv` files. */
  lists: readonly FullList[];
  /** messages.csv text. */
  csv(): string;
  /** cases.csv text (header only when the crisis has no cases). */
  casesCsv(): string;
  /** The messages' texts as the bundle shares them, started during the analyses (report/masked-texts.ts). */
  maskedTexts?: Started<MaskedTexts | null>;
}

/** Ingests and analyses one crisis. The engine is left open with its tables, for notebooks' SQL cells. */
export async function analyzeCrisis(files: CrisisFiles, engine: Engine, options: AnalyzeOptions): Promise<AnalyzeResult> {
  const step = options.onStep ?? (() => {});
  const analyses = options.analyses ?? defaultAnalyses();
  const textMapper = options.textMapper ?? inProcessMapper;
  const ingest = await ingestCrisis(files, engine, {
    ...options,
    beforeLoad: (read) => {
      options.beforeLoad?.(read);
      options.onIngested?.(read.ledger);
      // Language work that needs only the rows starts now, on the host's threads, while this one loads the engine.
      const rows = { config: read.config, messages: read.messages, cases: read.cases, cache: options.cache, textMapper };
      for (const a of analyses) a.prefetchRows?.(rows);
    },
  });
  const { config, messages, cases } = ingest;
  const times = [messageTimes(messages), cases.map((c) => c.openedAt)];
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  const report: ReportModel = {
    schemaVersion: SCHEMA_VERSION,
    generator: { name: 'debrief', version: DEBRIEF_VERSION },
    crisis: {
      slug: options.slug,
      title: config.title || options.slug,
      ...(config.shortTitle ? { shortTitle: config.shortTitle } : {}),
      timezone: config.timezone,
      brandHandles: config.brand.handles,
      window: { start: iso(min(...times)), end: iso(max(...times)) },
      configuredWindow: config.window ? { start: config.window.start ?? null, end: config.window.end ?? null } : null,
      sla: config.sla,
      businessHours: config.businessHours,
      privacy: config.privacy,
      assumptions: config.assumptions,
      events: config.events,
    },
    counts: await countMessages(engine, messages, cases.length),
    ledger: ingest.ledger,
    sections: {},
  };
  if (!config.title) config.assumptions.push(`No title in crisis.yaml: the directory name "${options.slug}" is used.`);
  const columns = new RowColumns(messageIds(messages));
  const caseColumns = new RowColumns(cases.map((c) => c.id));
  const ctx: AnalysisContext = { engine, config, messages, cases, report, columns, columnNames: columns.names, caseColumns, caseColumnNames: caseColumns.names, lists: new FullLists(), progress: step, cache: options.cache, textMapper };
  // The bundle's privacy filter, as work for idle worker threads: they have idle stretches once the first analysis
  // (sentiment, which wants every thread at once) is done. Started before it, a worker would be given a share of it
  // (TEXT_AHEAD) before sentiment's first chunk.
  let maskedTexts: Started<MaskedTexts | null> | undefined;
  let first = true;
  await runAnalyses(analyses, ctx, () => {
    options.betweenAnalyses?.();
    if (!first) maskedTexts ??= startMaskedTexts(messages, report.crisis, textMapper, { whenIdle: true });
    first = false;
  });
  return {
    report,
    messages,
    cases,
    columns: ctx.columns,
    columnNames: ctx.columnNames,
    caseColumns: ctx.caseColumns,
    caseColumnNames: ctx.caseColumnNames,
    lists: ctx.lists.all(),
    csv: () => messagesCsv(messages, ctx.columnNames, ctx.columns),
    casesCsv: () => casesCsv(cases, ctx.caseColumnNames, ctx.caseColumns),
    maskedTexts,
  };
}

/** The crisis's counts: the figures by the engine's `messages` table (as loaded from `messages`), channels here. */
async function countMessages(engine: Engine, messages: MessageRows, cases: number): Promise<Counts> {
  const channels = new Map<string, number>();
  for (const m of messages) channels.set(m.channel, (channels.get(m.channel) ?? 0) + 1);
  // Customer message, author and conversation as crisis/notions.ts defines them, as response, playbook and amplifiers count them.
  // A conversation is a reply tree with a customer message: counted by its id, without building the trees. In SQL, not
  // over the million messages here: a second of this thread's time before any language work can start.
  const customer = customerMessageSql(null);
  const [r] = await engine.query(`SELECT count(*) FILTER (WHERE ${customer}) AS inbound, count(*) FILTER (WHERE is_brand) AS brand,
    count(DISTINCT author) FILTER (WHERE ${customer}) AS authors, count(DISTINCT conversation_id) FILTER (WHERE ${customer}) AS conversations
    FROM messages`);
  return {
    messages: messages.length,
    cases,
    inboundMessages: num(r!.inbound),
    brandMessages: num(r!.brand),
    authors: num(r!.authors),
    conversations: num(r!.conversations),
    channels: [...channels].map(([channel, n]) => ({ channel, messages: n })).sort((a, b) => b.messages - a.messages || a.channel.localeCompare(b.channel)),
  };
}

function min(...lists: ArrayLike<number>[]): number | undefined {
  let m: number | undefined;
  for (const values of lists) for (let i = 0; i < values.length; i++) if (m === undefined || values[i]! < m) m = values[i]!;
  return m;
}

function max(...lists: ArrayLike<number>[]): number | undefined {
  let m: number | undefined;
  for (const values of lists) for (let i = 0; i < values.length; i++) if (m === undefined || values[i]! > m) m = values[i]!;
  return m;
}
