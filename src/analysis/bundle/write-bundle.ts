/**
 * Writes an analysed crisis as a report bundle (layout.ts): the privacy
 * filter is applied here, once, to the report, the tables, the downloads and
 * the excerpts, so everything downstream (pages, notebooks, people's own
 * tools) only ever sees what may be shared. Where the bytes go is the
 * caller's business (a directory in Node, memory in a browser).
 *
 * Files are produced in chunks (a record batch, its CSV rows) and rows are
 * read by position from the sorted messages, with filtered texts kept beside
 * them: a million-message crisis is never copied whole again. A table's CSV
 * is written from its Arrow batches (table-files.ts), so the two agree.
 */
import { arrowIpcChunks, inferColumnType, type ArrowColumn } from '../core/arrow-columns.ts';
import { sha256Hex } from '../core/sha256.ts';
import { timeOrder } from '../core/time-order.ts';
import { inProcessMapper, type TextMapper } from '../parallel/text-mapper.ts';
import type { Case, Message, MessageRows, RowList } from '../model.ts';
import { PickedRows } from '../core/indexed-rows.ts';
import { messageField, messageIds, messageTimes } from '../core/message-table.ts';
import type { AnalyzeResult } from '../pipeline.ts';
import { CASE_CSV_COLUMNS } from '../report/cases-csv.ts';
import { csvByteChunks } from '../report/csv-bytes.ts';
import { compareIdsAt, MESSAGE_CSV_COLUMNS, type CellValue } from '../report/messages-csv.ts';
import { fullListFile, fullListRow, fullListSize, type FullList } from '../runner/full-lists.ts';
import type { RowColumns } from '../runner/row-columns.ts';
import { startMaskedTexts } from '../report/masked-texts.ts';
import { createPrivacy, filterDeep, type Privacy } from '../report/privacy.ts';
import type { ReportModel } from '../report/report-model.ts';
import { buildExcerpts, type ExcerptCase, type ExcerptMessage } from './excerpts.ts';
import { BUNDLE_FILES, BUNDLE_VERSION, type BundleFileEntry, type BundleManifest } from './layout.ts';
import { tableFiles } from './table-files.ts';

/** A file's chunks, in order. */
export type FileChunks = Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>;

/**
 * Receives the bundle's files, each as chunks in order; `manifest.json` comes
 * last. A chunk is the sink's only until it asks for the next (it may then
 * move to another thread): a sink copies what it keeps.
 */
export interface BundleSink {
  /** Writes one file; returns its size and SHA-256 as the manifest lists them. Two files may be written at once (a table's Arrow file and its CSV). */
  write(name: string, chunks: FileChunks): Promise<BundleFileEntry>;
}

const utf8 = new TextEncoder();

/** A sink that keeps the files in memory (a browser's download, tests). */
export function memoryBundleSink(files = new Map<string, Uint8Array>()): BundleSink & { files: Map<string, Uint8Array> } {
  return {
    files,
    async write(name, chunks) {
      const parts: Uint8Array[] = [];
      for await (const c of chunks) parts.push(typeof c === 'string' ? utf8.encode(c) : c.slice());
      const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        bytes.set(p, at);
        at += p.length;
      }
      files.set(name, bytes);
      return { name, bytes: bytes.length, sha256: sha256Hex(bytes) };
    },
  };
}

/** How the bundle is written. */
export interface WriteBundleOptions {
  /** Runs the privacy filter over the messages' distinct texts and writes the messages' CSV from their Arrow batches (default: on this thread); a worker pool shares the work with this thread. */
  textMapper?: TextMapper;
  /** Called once the messages' table and CSV are written, the mapper's last large use: a host may stop its worker threads then. */
  afterMessages?: () => Promise<void>;
}

/** Writes the bundle of `result` to `sink`; returns its manifest. `inputKey` identifies what it was computed from. */
export async function writeBundle(result: AnalyzeResult, inputKey: string, sink: BundleSink, options: WriteBundleOptions = {}): Promise<BundleManifest> {
  const { report } = result;
  const privacy = crisisPrivacy(result);
  const files: BundleFileEntry[] = [];
  const put = async (name: string, chunks: FileChunks) => void files.push(await sink.write(name, chunks));
  const mapper = options.textMapper ?? inProcessMapper;
  // A table's Arrow file and CSV are written at once: the CSV's rows come from the Arrow batches as they are made.
  const putTable = async (table: PublishedTable<{ id: string }, unknown>, arrowName: string, csvName: string | null, canonicalCsv: readonly string[]) => {
    if (!csvName) return put(arrowName, arrowIpcChunks(table.arrowColumns, table.positions));
    const both = tableFiles(table.arrowColumns, table.positions, { columns: [...canonicalCsv, ...table.columnNames], mixed: table.mixedColumns }, mapper);
    await Promise.all([put(arrowName, both.arrow), put(csvName, both.csv)]);
  };

  const shared = filterDeep(report, privacy) as ReportModel;
  await put(BUNDLE_FILES.report, [`${JSON.stringify(shared, null, 2)}\n`]);

  // Each distinct string is filtered once: message texts up front (over the host's threads), read by the message's
  // position (the messages table, list cells quoting a message); then column values, which repeat (labels, fault
  // ids, matched phrases), and other list cells, as they come.
  const masked = await (result.maskedTexts ?? startMaskedTexts(result.messages, result.report.crisis, mapper)).join();
  // With privacy off the filter leaves every string as it is: nothing to look up or remember.
  const columnText = masked ? memoize(privacy.text) : (s: string) => s;
  const messages = publishedMessages(result.messages, result.columns, privacy, columnText, masked?.ofMessage);
  await putTable(messages, BUNDLE_FILES.messages, BUNDLE_FILES.messagesCsv, MESSAGE_CSV_COLUMNS);
  await options.afterMessages?.();
  const messageAttributes = attributeRows(messages.rows, privacy);
  await put(BUNDLE_FILES.messageAttributes, arrowIpcChunks(ATTRIBUTE_COLUMNS, messageAttributes));

  const cases = publishedCases(result.cases, result.caseColumns, privacy, columnText);
  await putTable(cases, BUNDLE_FILES.cases, cases.rows.length ? BUNDLE_FILES.casesCsv : null, CASE_CSV_COLUMNS);
  const caseAttributes = attributeRows(cases.rows, privacy);
  await put(BUNDLE_FILES.caseAttributes, arrowIpcChunks(ATTRIBUTE_COLUMNS, caseAttributes));

  for (const list of result.lists) await put(fullListFile(list.name), fullListCsv(list, privacy, columnText, masked?.ofMessage));

  const excerpts = buildExcerpts(shared, messages, cases);
  await put(BUNDLE_FILES.excerpts, [`${JSON.stringify(excerpts)}\n`]);

  const manifest: BundleManifest = {
    bundleVersion: BUNDLE_VERSION,
    slug: report.crisis.slug,
    inputKey,
    rows: { messages: messages.rows.length, cases: cases.rows.length, messageAttributes: messageAttributes.length, caseAttributes: caseAttributes.length },
    files: files.sort((a, b) => (a.name < b.name ? -1 : 1)),
  };
  await sink.write(BUNDLE_FILES.manifest, [`${JSON.stringify(manifest, null, 2)}\n`]);
  return manifest;
}

/**
 * A full list as CSV chunks, each cell filtered by its column's kind (authors here are the public's: brand accounts
 * are never ranked); a row's message text is taken filtered by the message's position (`ofMessage`) when it can be.
 */
function fullListCsv(list: FullList, privacy: Privacy, text: (s: string) => string, ofMessage?: (position: number) => string): Iterable<Uint8Array> {
  const messageAt = 'messageAt' in list ? list.messageAt : undefined;
  const masked = (v: CellValue) => (typeof v === 'string' ? text(v) : v);
  const filters = list.columns.map((c): ((v: CellValue, i: number) => CellValue) => {
    if (c.kind === 'message-text' && messageAt && ofMessage) return (_, i) => ofMessage(messageAt(i));
    if (c.kind === 'text' || c.kind === 'message-text') return masked;
    if (c.kind === 'author') return (v) => (typeof v === 'string' ? privacy.author(v, false) : v);
    return (v) => v;
  });
  return csvByteChunks(
    list.columns.map((c) => c.name),
    fullListSize(list),
    (i) => fullListRow(list, i).map((v, j) => filters[j]!(v, i)),
  );
}

/** The privacy filter of a crisis, as its crisis.yaml sets it (salted by the slug). */
export function crisisPrivacy(result: Pick<AnalyzeResult, 'report' | 'messages'>): Privacy {
  const { crisis } = result.report;
  const privateAuthors = new Set<string>();
  for (const m of result.messages) if (!m.isBrand && m.author) privateAuthors.add(m.author);
  return createPrivacy(crisis.privacy, crisis.brandHandles, crisis.slug, privateAuthors);
}

/**
 * A table in publication order, read by position: the sorted rows, their
 * filtered fields and analysis columns, as Arrow columns, CSV cells and
 * excerpt rows (made only for the few rows pages quote).
 */
export interface PublishedTable<Row extends { id: string }, Excerpt> {
  rows: RowList<Row>;
  /** 0 … n−1, the positions the Arrow columns read. */
  positions: readonly number[];
  columnNames: readonly string[];
  /** Analysis columns whose values mix numbers and text (an Arrow text column: see ArrowCsvOptions.mixed). */
  mixedColumns: string[];
  arrowColumns: ArrowColumn<number>[];
  excerpt(i: number): Excerpt;
}

function publishedMessages(all: MessageRows, columns: RowColumns, privacy: Privacy, columnText: (s: string) => string, ofMessage?: (position: number) => string): PublishedTable<Message, ExcerptMessage> {
  const order = timeOrder(Float64Array.from(messageTimes(all)), compareIdsAt(messageIds(all)));
  // Each field read by position from the messages' own columns: a million messages are not made as objects here.
  const field = <K extends keyof Message>(key: K) => {
    const read = messageField(all, key);
    return (i: number) => read(order[i]!);
  };
  const original = field('text');
  // Masking returns the very same string when there is nothing to mask: these arrays cost pointers.
  const text = ofMessage ? Array.from(order, ofMessage) : Array.from(order, (_, i) => columnText(original(i)));
  const authorOf = field('author');
  const isBrand = field('isBrand');
  const author = Array.from(order, (_, i) => privacy.author(authorOf(i), isBrand(i)));
  const rows = new PickedRows(all, Int32Array.from(order));
  const cells = analysisCells(order, columns, columnText);
  const excerpt = (i: number): ExcerptMessage => {
    const { attributes: _a, ...m } = rows.at(i)!;
    return { ...m, author: author[i]!, text: text[i]!, columns: cells.row(i) };
  };
  const base: ArrowColumn<number>[] = [
    { name: 'id', type: 'utf8', value: field('id') },
    { name: 'conversation_id', type: 'utf8', value: field('conversationId') },
    { name: 'parent_id', type: 'utf8', value: field('parentId') },
    { name: 'created_at', type: 'timestamp', value: field('createdAt') },
    { name: 'author', type: 'utf8', value: (i) => author[i]! },
    { name: 'is_brand', type: 'bool', value: isBrand },
    { name: 'inbound', type: 'bool', value: field('inbound') },
    { name: 'channel', type: 'utf8', value: field('channel') },
    { name: 'text', type: 'utf8', value: (i) => text[i]! },
    { name: 'likes', type: 'int64', value: field('likes') },
    { name: 'shares', type: 'int64', value: field('shares') },
    { name: 'replies', type: 'int64', value: field('replies') },
  ];
  return publishedTable(rows, { sourceFile: field('sourceFile'), sourceRow: field('sourceRow') }, columns.names, base, cells, excerpt);
}

function publishedCases(all: readonly Case[], columns: RowColumns, privacy: Privacy, columnText: (s: string) => string): PublishedTable<Case, ExcerptCase> {
  const { rows, order } = publicationOrder(all, (c) => c.openedAt);
  const text = (v: string | null) => (v === null ? null : privacy.text(v));
  const filtered = rows.map((c) => ({
    text: text(c.text), status: text(c.status), category: text(c.category), subcategory: text(c.subcategory), product: text(c.product), company: text(c.company),
    priority: text(c.priority), team: text(c.team), agent: text(c.agent),
  }));
  const cells = analysisCells(order, columns, columnText);
  const excerpt = (i: number): ExcerptCase => {
    const { attributes: _a, ...c } = rows[i]!;
    return { ...c, ...filtered[i]!, columns: cells.row(i) };
  };
  const base: ArrowColumn<number>[] = [
    { name: 'id', type: 'utf8', value: (i) => rows[i]!.id },
    { name: 'opened_at', type: 'timestamp', value: (i) => rows[i]!.openedAt },
    { name: 'first_response_at', type: 'timestamp', value: (i) => rows[i]!.firstResponseAt },
    { name: 'resolved_at', type: 'timestamp', value: (i) => rows[i]!.resolvedAt },
    { name: 'closed_at', type: 'timestamp', value: (i) => rows[i]!.closedAt },
    { name: 'status', type: 'utf8', value: (i) => filtered[i]!.status },
    { name: 'category', type: 'utf8', value: (i) => filtered[i]!.category },
    { name: 'subcategory', type: 'utf8', value: (i) => filtered[i]!.subcategory },
    { name: 'product', type: 'utf8', value: (i) => filtered[i]!.product },
    { name: 'company', type: 'utf8', value: (i) => filtered[i]!.company },
    { name: 'channel', type: 'utf8', value: (i) => rows[i]!.channel },
    { name: 'text', type: 'utf8', value: (i) => filtered[i]!.text },
    { name: 'priority', type: 'utf8', value: (i) => filtered[i]!.priority },
    { name: 'team', type: 'utf8', value: (i) => filtered[i]!.team },
    { name: 'agent', type: 'utf8', value: (i) => filtered[i]!.agent },
    { name: 'due_at', type: 'timestamp', value: (i) => rows[i]!.dueAt },
    { name: 'sla_met', type: 'bool', value: (i) => rows[i]!.slaMet },
    { name: 'reopen_count', type: 'int64', value: (i) => rows[i]!.reopenCount },
    { name: 'reassignment_count', type: 'int64', value: (i) => rows[i]!.reassignmentCount },
  ];
  return publishedTable(rows, { sourceFile: (i) => rows[i]!.sourceFile, sourceRow: (i) => rows[i]!.sourceRow }, columns.names, base, cells, excerpt);
}

/** A published table from its canonical columns (the source location is added last), analysis cells and excerpts. */
function publishedTable<Row extends { id: string }, Excerpt>(
  rows: RowList<Row>,
  source: { sourceFile: (i: number) => string; sourceRow: (i: number) => number },
  names: readonly string[],
  base: ArrowColumn<number>[],
  cells: ReturnType<typeof analysisCells>,
  excerpt: (i: number) => Excerpt,
): PublishedTable<Row, Excerpt> {
  const canonical: ArrowColumn<number>[] = [
    ...base,
    { name: 'source_file', type: 'utf8', value: source.sourceFile },
    { name: 'source_row', type: 'int64', value: source.sourceRow },
  ];
  return {
    rows,
    positions: Array.from({ length: rows.length }, (_, i) => i),
    columnNames: names,
    mixedColumns: cells.mixed(),
    arrowColumns: [...canonical, ...cells.arrowColumns(canonical.map((c) => c.name))],
    excerpt,
  };
}

/** Rows by time, then id (core/time-order.ts: only rows of one time compare their ids). */
function publicationOrder<R extends { id: string }>(all: readonly R[], time: (row: R) => number): { rows: R[]; order: Uint32Array } {
  // Loops, not `Float64Array.from(all, time)`: that took 0.15 s of a million rows.
  const n = all.length;
  const times = new Float64Array(n);
  const ids = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    times[i] = time(all[i]!);
    ids[i] = all[i]!.id;
  }
  const order = timeOrder(times, compareIdsAt(ids));
  return { rows: Array.from(order, (i) => all[i]!), order };
}

/**
 * The analysis columns in publication order (`order[i]` is the analysis
 * position of published row i), strings through the privacy filter. Read
 * where they are, not copied: a million-message crisis has a dozen of them,
 * and the Arrow table, the CSV and the excerpts each read a cell once.
 */
function analysisCells(order: Uint32Array, columns: RowColumns, text: (s: string) => string) {
  const names = columns.names;
  const sources = names.map((name) => columns.column(name));
  // Typed by their values (the filter maps text to text, so the unfiltered values tell), once for the table and its CSV.
  const types = sources.map((column) => inferColumnType(column.values()));
  const cell = (i: number, k: number): CellValue | undefined => {
    const v = sources[k]!.at(order[i]!);
    return typeof v === 'string' ? text(v) : v;
  };
  const value = (i: number, k: number): CellValue => cell(i, k) ?? null;
  return {
    /** Columns typed as text that hold numbers too (their text is numbers' and strings' alike). */
    mixed: (): string[] => names.filter((_, k) => types[k] === 'utf8' && holdsNumber(sources[k]!.values())),
    row: (i: number) => Object.fromEntries(names.flatMap((n, k) => (sources[k]!.at(order[i]!) === undefined ? [] : [[n, value(i, k)]]))) as Record<string, CellValue>,
    /** Typed by `types`; a name clash with a canonical column would hide data, so it fails. */
    arrowColumns: (taken: readonly string[]): ArrowColumn<number>[] =>
      names.map((name, k) => {
        if (taken.includes(name)) throw new Error(`analysis column "${name}" clashes with a canonical column of the same name`);
        return { name, type: types[k]!, value: (i: number) => value(i, k) };
      }),
  };
}

function holdsNumber(values: Iterable<CellValue>): boolean {
  for (const v of values) if (typeof v === 'number') return true;
  return false;
}

function memoize(f: (s: string) => string): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    let out = seen.get(s);
    if (out === undefined) seen.set(s, (out = f(s)));
    return out;
  };
}

interface AttributeRow {
  id: string;
  key: string;
  value: string;
}

const ATTRIBUTE_COLUMNS: ArrowColumn<AttributeRow>[] = [
  { name: 'id', type: 'utf8', value: (a) => a.id },
  { name: 'key', type: 'utf8', value: (a) => a.key },
  { name: 'value', type: 'utf8', value: (a) => a.value },
];

/** `id, key, value` rows in publication order, keys sorted within a row, values filtered. */
function attributeRows(rows: Iterable<{ id: string; attributes: Record<string, string> }>, privacy: Privacy): AttributeRow[] {
  const out: AttributeRow[] = [];
  for (const r of rows) for (const key of Object.keys(r.attributes).sort()) out.push({ id: r.id, key, value: privacy.cell(r.attributes[key]!) as string });
  return out;
}
