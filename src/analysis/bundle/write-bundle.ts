/**
 * Writes an analysed crisis as a report bundle (layout.ts): the privacy
 * filter is applied here, once, to the report, the tables, the downloads and
 * the excerpts, so everything downstream (pages, notebooks, people's own
 * tools) only ever sees what may be shared. Where the bytes go is the
 * caller's business (a directory in Node, a zip in a browser).
 */
import type { AnalyzeResult } from '../pipeline.ts';
import { sha256Hex } from '../core/sha256.ts';
import type { Case, Message } from '../model.ts';
import { casesCsv } from '../report/cases-csv.ts';
import { compareIds, messagesCsv, type ExtraColumns } from '../report/messages-csv.ts';
import { createPrivacy, filterDeep, type Privacy } from '../report/privacy.ts';
import type { ReportModel } from '../report/report-model.ts';
import { arrowIpc, inferColumnType, type ArrowColumn } from './arrow-table.ts';
import { buildExcerpts, type CellValue, type ExcerptCase, type ExcerptMessage } from './excerpts.ts';
import { BUNDLE_FILES, BUNDLE_VERSION, type BundleFileEntry, type BundleManifest } from './layout.ts';

/** Receives the bundle's files one by one; `manifest.json` comes last. */
export interface BundleSink {
  write(name: string, data: Uint8Array | string): Promise<void>;
}

const utf8 = new TextEncoder();

/** Writes the bundle of `result` to `sink`; returns its manifest. `inputKey` identifies what it was computed from. */
export async function writeBundle(result: AnalyzeResult, inputKey: string, sink: BundleSink): Promise<BundleManifest> {
  const { report } = result;
  const privacy = crisisPrivacy(result);
  const files: BundleFileEntry[] = [];
  const put = async (name: string, data: Uint8Array | string) => {
    const bytes = typeof data === 'string' ? utf8.encode(data) : data;
    files.push({ name, bytes: bytes.length, sha256: sha256Hex(bytes) });
    await sink.write(name, bytes);
  };

  const shared = filterDeep(report, privacy) as ReportModel;
  await put(BUNDLE_FILES.report, `${JSON.stringify(shared, null, 2)}\n`);

  const messages = publishedMessages(result.messages, privacy);
  const messageColumns = filterColumns(result.columns, privacy);
  const messageRows = messages.map((m) => excerptMessage(m, messageColumns.get(m.id)));
  await put(BUNDLE_FILES.messages, arrowIpc(messageTableColumns(messageRows, result.columnNames), messageRows));
  const messageAttributes = attributeRows(messages);
  await put(BUNDLE_FILES.messageAttributes, arrowIpc(ATTRIBUTE_COLUMNS, messageAttributes));
  await put(BUNDLE_FILES.messagesCsv, messagesCsv(messages, result.columnNames, messageColumns));

  const cases = publishedCases(result.cases, privacy);
  const caseColumns = filterColumns(result.caseColumns, privacy);
  const caseRows = cases.map((c) => excerptCase(c, caseColumns.get(c.id)));
  await put(BUNDLE_FILES.cases, arrowIpc(caseTableColumns(caseRows, result.caseColumnNames), caseRows));
  const caseAttributes = attributeRows(cases);
  await put(BUNDLE_FILES.caseAttributes, arrowIpc(ATTRIBUTE_COLUMNS, caseAttributes));
  if (cases.length) await put(BUNDLE_FILES.casesCsv, casesCsv(cases, result.caseColumnNames, caseColumns));

  const excerpts = buildExcerpts(shared, messageRows, result.columnNames, caseRows, result.caseColumnNames);
  await put(BUNDLE_FILES.excerpts, `${JSON.stringify(excerpts)}\n`);

  const manifest: BundleManifest = {
    bundleVersion: BUNDLE_VERSION,
    slug: report.crisis.slug,
    inputKey,
    rows: { messages: messages.length, cases: cases.length, messageAttributes: messageAttributes.length, caseAttributes: caseAttributes.length },
    files: files.sort((a, b) => (a.name < b.name ? -1 : 1)),
  };
  await sink.write(BUNDLE_FILES.manifest, utf8.encode(`${JSON.stringify(manifest, null, 2)}\n`));
  return manifest;
}

/** The privacy filter of a crisis, as its crisis.yaml sets it (salted by the slug). */
export function crisisPrivacy(result: Pick<AnalyzeResult, 'report' | 'messages'>): Privacy {
  const { crisis } = result.report;
  const privateAuthors = new Set(result.messages.filter((m) => !m.isBrand && m.author).map((m) => m.author as string));
  return createPrivacy(crisis.privacy, crisis.brandHandles, crisis.slug, privateAuthors);
}

/** Messages in publication order (time, then id), texts masked and authors pseudonymised as configured. */
function publishedMessages(messages: readonly Message[], privacy: Privacy): Message[] {
  return [...messages]
    .sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id))
    .map((m) => ({ ...m, text: privacy.text(m.text), author: privacy.author(m.author, m.isBrand), attributes: filterRecord(m.attributes, privacy) }));
}

/** Cases by opening time (then id), every free-text field filtered. */
function publishedCases(cases: readonly Case[], privacy: Privacy): Case[] {
  const text = (v: string | null) => (v === null ? null : privacy.text(v));
  return [...cases]
    .sort((a, b) => a.openedAt - b.openedAt || compareIds(a.id, b.id))
    .map((c) => ({ ...c, text: text(c.text), status: text(c.status), category: text(c.category), subcategory: text(c.subcategory), product: text(c.product), company: text(c.company), attributes: filterRecord(c.attributes, privacy) }));
}

function filterRecord(record: Record<string, string>, privacy: Privacy): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, privacy.cell(v) as string]));
}

/** Per-row analysis columns with every string through the filter (a column may carry a matched phrase). */
function filterColumns(columns: ExtraColumns, privacy: Privacy): ExtraColumns {
  const out: ExtraColumns = new Map();
  for (const [id, row] of columns) out.set(id, Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? privacy.text(v) : v])));
  return out;
}

function excerptMessage(m: Message, columns: Record<string, CellValue> = {}): ExcerptMessage {
  const { attributes: _a, ...rest } = m;
  return { ...rest, columns };
}

function excerptCase(c: Case, columns: Record<string, CellValue> = {}): ExcerptCase {
  const { attributes: _a, ...rest } = c;
  return { ...rest, columns };
}

/** Analysis columns after the canonical ones, typed by their values; a name clash would hide data, so it fails. */
function analysisColumns<R extends { columns: Record<string, CellValue> }>(rows: readonly R[], names: readonly string[], taken: readonly string[]): ArrowColumn<R>[] {
  return names.map((name) => {
    if (taken.includes(name)) throw new Error(`analysis column "${name}" clashes with a canonical column of the same name`);
    return { name, type: inferColumnType(rows.map((r) => r.columns[name])), value: (r: R) => r.columns[name] ?? null };
  });
}

const MESSAGE_BASE: ArrowColumn<ExcerptMessage>[] = [
  { name: 'id', type: 'utf8', value: (m) => m.id },
  { name: 'conversation_id', type: 'utf8', value: (m) => m.conversationId },
  { name: 'parent_id', type: 'utf8', value: (m) => m.parentId },
  { name: 'created_at', type: 'timestamp', value: (m) => m.createdAt },
  { name: 'author', type: 'utf8', value: (m) => m.author },
  { name: 'is_brand', type: 'bool', value: (m) => m.isBrand },
  { name: 'inbound', type: 'bool', value: (m) => m.inbound },
  { name: 'channel', type: 'utf8', value: (m) => m.channel },
  { name: 'text', type: 'utf8', value: (m) => m.text },
  { name: 'likes', type: 'int64', value: (m) => m.likes },
  { name: 'shares', type: 'int64', value: (m) => m.shares },
  { name: 'replies', type: 'int64', value: (m) => m.replies },
  { name: 'source_file', type: 'utf8', value: (m) => m.sourceFile },
  { name: 'source_row', type: 'int64', value: (m) => m.sourceRow },
];

const CASE_BASE: ArrowColumn<ExcerptCase>[] = [
  { name: 'id', type: 'utf8', value: (c) => c.id },
  { name: 'opened_at', type: 'timestamp', value: (c) => c.openedAt },
  { name: 'first_response_at', type: 'timestamp', value: (c) => c.firstResponseAt },
  { name: 'resolved_at', type: 'timestamp', value: (c) => c.resolvedAt },
  { name: 'closed_at', type: 'timestamp', value: (c) => c.closedAt },
  { name: 'status', type: 'utf8', value: (c) => c.status },
  { name: 'category', type: 'utf8', value: (c) => c.category },
  { name: 'subcategory', type: 'utf8', value: (c) => c.subcategory },
  { name: 'product', type: 'utf8', value: (c) => c.product },
  { name: 'company', type: 'utf8', value: (c) => c.company },
  { name: 'channel', type: 'utf8', value: (c) => c.channel },
  { name: 'text', type: 'utf8', value: (c) => c.text },
  { name: 'source_file', type: 'utf8', value: (c) => c.sourceFile },
  { name: 'source_row', type: 'int64', value: (c) => c.sourceRow },
];

function messageTableColumns(rows: readonly ExcerptMessage[], names: readonly string[]): ArrowColumn<ExcerptMessage>[] {
  return [...MESSAGE_BASE, ...analysisColumns(rows, names, MESSAGE_BASE.map((c) => c.name))];
}

function caseTableColumns(rows: readonly ExcerptCase[], names: readonly string[]): ArrowColumn<ExcerptCase>[] {
  return [...CASE_BASE, ...analysisColumns(rows, names, CASE_BASE.map((c) => c.name))];
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

/** `id, key, value` rows in publication order, keys sorted within a row. */
function attributeRows(rows: readonly { id: string; attributes: Record<string, string> }[]): AttributeRow[] {
  const out: AttributeRow[] = [];
  for (const r of rows) for (const key of Object.keys(r.attributes).sort()) out.push({ id: r.id, key, value: r.attributes[key]! });
  return out;
}
