/**
 * Reads one export file into canonical drafts and its ledger: decode, split
 * into records (CSV or JSON), resolve the column mapping, map each record,
 * and set aside rejects, window misses and duplicates, counting each.
 */
import type { SourceConfig } from '../config/source-config.ts';
import type { Case } from '../model.ts';
import { resolveCsvMapping, type CsvMapping } from './csv-mapping.ts';
import { readCsvBatches } from './csv-records.ts';
import { decodeSource } from './encoding.ts';
import { FIELD_TOO_LARGE, oversizedDetail, oversizedField, recordCharCap } from './field-limit.ts';
import type { InternedMap } from '../core/intern.ts';
import type { FingerprintSet } from './fingerprint.ts';
import { detectFormat, formatSpec, type FlatRecord, type FormatSpec } from './formats/index.ts';
import { guessColumns } from './formats/generic.ts';
import { ATTRIBUTES_KEY } from './formats/types.ts';
import { readJsonValues } from './json-records.ts';
import { OUTSIDE_WINDOW, countInto, reject, sourceLedger, type SourceLedger } from './ledger.ts';
import { toCase, toMessage, type MapContext, type MessageDraft } from './map-record.ts';
import { IngestError, type FileSource } from './source.ts';

export type CaseDraft = Case & { updatedAt: number | null };

/** Ids and record fingerprints seen so far across all sources, for duplicate accounting. */
export interface SeenState {
  /** Message id → its draft: the first message with that id (the reply trees look parents up here). */
  messagesById: InternedMap<MessageDraft>;
  /** Records already taken, by their 128-bit fingerprints (fingerprint.ts). */
  fingerprints: FingerprintSet;
  /** Case id → index into the case drafts, and the ledger that loaded it. */
  caseIds: Map<string, { index: number; ledger: SourceLedger }>;
}

export interface ReadContext {
  /** Index of the source in crisis.yaml, for error paths. */
  index: number;
  crisisTimezone: string;
  window?: { start?: number; end?: number };
  /** A record with a field over this many UTF-8 bytes is rejected (crisis.yaml `limits.maxFieldBytes`). */
  maxFieldBytes: number;
  /** A record (CSV record, NDJSON line) of more characters is skipped unread and rejected; recordCharCap(maxFieldBytes) when absent. */
  maxRecordChars?: number;
  seen: SeenState;
  messages: MessageDraft[];
  cases: CaseDraft[];
  onProgress?: (p: { file: string; records: number; elapsedMs: number; done: boolean }) => void;
}

const JSON_EXTENSIONS = /\.(json|ndjson|jsonl)$/i;
/** Characters of each field shown in a ledger example (the example itself is cut to 120). */
const SHOWN_FIELD = 1000;

/** Reads one source and appends its rows to `ctx.messages` / `ctx.cases`. */
export async function readSource(source: FileSource, cfg: SourceConfig, ctx: ReadContext): Promise<SourceLedger> {
  const started = Date.now();
  const text = decodeSource(source, cfg.encoding);
  const maxRecordChars = ctx.maxRecordChars ?? recordCharCap(ctx.maxFieldBytes);
  const isJson = cfg.format === 'twitter-v2' || cfg.format === 'zendesk' || JSON_EXTENSIONS.test(source.name);
  let ledger: SourceLedger | undefined;
  let mapCtx: MapContext | undefined;
  const progress = (done: boolean) => ctx.onProgress?.({ file: source.name, records: ledger?.read ?? 0, elapsedMs: Date.now() - started, done });

  /** Maps one record and books it; `raw` is its CSV fields or its JSON text, shown in examples and hashed for duplicates. */
  const accept = (rec: FlatRecord, line: number, at: string, raw: string[] | string, table: 'messages' | 'cases') => {
    const l = ledger!;
    const m = mapCtx!;
    l.read++;
    if (l.read % 20_000 === 0) progress(false);
    m.row = line;
    const mapped = table === 'cases' ? toCase(rec, m) : toMessage(rec, m);
    if (!mapped.ok) return reject(l, mapped.reason, { at, text: shown(raw), detail: mapped.detail });
    for (const w of mapped.warnings) countInto(l.warnings, w.field, { at, text: shown(raw), detail: w.detail });
    const when = 'openedAt' in mapped.row ? mapped.row.openedAt : mapped.row.createdAt;
    if ((ctx.window?.start !== undefined && when < ctx.window.start) || (ctx.window?.end !== undefined && when > ctx.window.end)) {
      return reject(l, OUTSIDE_WINDOW, { at, text: shown(raw), detail: new Date(when).toISOString() });
    }
    const isNew = typeof raw === 'string' ? ctx.seen.fingerprints.add(`${table}:json`, [raw]) : ctx.seen.fingerprints.add(`${table}:csv`, raw);
    if (!isNew) {
      l.duplicates++;
      l.exactDuplicates++;
      return;
    }
    if (table === 'messages') {
      const row = mapped.row as MessageDraft;
      if (!ctx.seen.messagesById.add(row.id, row)) {
        l.duplicates++;
        l.repeatedIds++;
        return countInto(l.warnings, 'repeated id (first kept)', { at, text: shown(raw), detail: `id ${row.id}` });
      }
      ctx.messages.push(row);
      l.loaded++;
    } else {
      const row = mapped.row as CaseDraft;
      const earlier = ctx.seen.caseIds.get(row.id);
      if (!earlier) {
        ctx.seen.caseIds.set(row.id, { index: ctx.cases.length, ledger: l });
        ctx.cases.push(row);
        l.loaded++;
        return;
      }
      // An export of updates: the latest version of a case wins (by updated_at when mapped, else file order).
      const old = ctx.cases[earlier.index];
      const newer = row.updatedAt === null || old.updatedAt === null || row.updatedAt >= old.updatedAt;
      if (newer) {
        ctx.cases[earlier.index] = row;
        earlier.ledger.loaded--;
        earlier.ledger.superseded++;
        earlier.ledger = l;
        l.loaded++;
      } else l.superseded++;
    }
  };

  if (isJson) {
    let spec: FormatSpec | undefined;
    for await (const item of readJsonValues(text, source.name, { maxRecordChars })) {
      if (!ledger) {
        spec = cfg.format ? formatSpec(cfg.format) : detectFormat({ json: item.value ?? null });
        ledger = sourceLedger(source.name, spec.id, cfg.table ?? spec.table);
        ledger.notes.push(...spec.notes);
        mapCtx = context(source.name, spec, cfg, ctx, spec.attributes.concat(cfg.attributes ?? []), true);
      }
      if (item.error) {
        ledger.read++;
        reject(ledger, item.reason ?? 'invalid JSON', { at: `${source.name}:${item.line}`, text: item.raw, detail: item.error });
        continue;
      }
      const records = spec!.expand ? spec!.expand(item.value) : [];
      records.forEach((rec, k) => {
        let flat = rec;
        if (spec!.id === 'generic') {
          const generic = flattenGeneric(rec, cfg, ledger!);
          flat = generic.flat;
          // Keys differ per record in JSON: keep this record's unmapped keys; without an id field its position is its identity.
          mapCtx!.attributes = generic.attributes;
          mapCtx!.idMapped = flat.id !== undefined;
        }
        const table = (rec.__table as 'messages' | 'cases' | undefined) ?? ledger!.table;
        // A file of one kind routed elsewhere (Zendesk comments → messages) is booked under that table.
        if (ledger!.read === 0 && !cfg.table) ledger!.table = table;
        const line = item.line + (item.multi ? k : 0);
        const at = item.multi ? `${source.name}#${k + 1}` : `${source.name}:${item.line}`;
        const raw = JSON.stringify(rec);
        const own = (flat[ATTRIBUTES_KEY] ?? {}) as Record<string, unknown>;
        const names = [...Object.keys(flat), ...Object.keys(own)];
        const big = oversizedField([...Object.values(flat), ...Object.values(own)], names.map((n) => `field "${n}"`), ctx.maxFieldBytes);
        if (big) {
          ledger!.read++;
          reject(ledger!, FIELD_TOO_LARGE, { at, text: shown(raw), detail: oversizedDetail(big, ctx.maxFieldBytes) });
          return;
        }
        accept(flat, line, at, raw, table);
      });
    }
  } else {
    let mapping: CsvMapping | undefined;
    let width = 0;
    for await (const batch of readCsvBatches(text, { delimiter: cfg.delimiter, maxRecordChars })) for (const record of batch) {
      if (!mapping) {
        // A first record over the size cap was never kept, so there are no columns to read.
        if (record.problem?.head !== undefined) throw new IngestError(source.name, record.line, `the first record cannot be read, so neither can the file's columns: ${record.problem.detail.split(';')[0]}`);
        const positional = cfg.header === false || Object.values(cfg.columns ?? {}).some((c) => typeof c === 'number');
        const header = positional ? undefined : record.fields;
        mapping = resolveCsvMapping(source.name, header, record.fields.length, cfg, ctx.index);
        ledger = sourceLedger(source.name, mapping.spec.id, mapping.table);
        ledger.notes.push(...mapping.spec.notes, ...mapping.notes);
        mapCtx = context(source.name, mapping.spec, cfg, ctx, mapping.attributes, mapping.index.has('id'));
        width = record.fields.length;
        if (header) continue;
      }
      const at = `${source.name}:${record.line}`;
      const fields = record.fields;
      if (record.problem) {
        ledger!.read++;
        // A record over the size cap keeps only its first characters, never its text.
        reject(ledger!, record.problem.reason, { at, text: record.problem.head ?? shown(fields), detail: record.problem.detail });
        continue;
      }
      if (fields.length !== width) {
        ledger!.read++;
        const blank = fields.length === 1 && fields[0] === '';
        reject(ledger!, 'wrong number of fields', { at, text: blank ? '(blank line)' : shown(fields), detail: `${fields.length} field(s), the header has ${width}` });
        continue;
      }
      const big = oversizedField(fields, mapping.columnNames, ctx.maxFieldBytes);
      if (big) {
        ledger!.read++;
        reject(ledger!, FIELD_TOO_LARGE, { at, text: shown(fields), detail: oversizedDetail(big, ctx.maxFieldBytes) });
        continue;
      }
      const own: Record<string, string> = {};
      for (const [name, i] of mapping.attributeIndex) own[name] = fields[i];
      const flat: FlatRecord = { [ATTRIBUTES_KEY]: own };
      for (const [name, i] of mapping.index) flat[name] = fields[i];
      accept(flat, record.line, at, fields, mapping.table);
    }
  }
  if (!ledger) {
    ledger = sourceLedger(source.name, cfg.format ?? 'generic', cfg.table ?? 'messages');
    ledger.notes.push('The file is empty: no records.');
  } else if (ledger.read === 0) ledger.notes.push('The file has a header but no records.');
  progress(true);
  return ledger;
}

/** A record as ledger examples show it: CSV fields joined by commas (each cut to its head), or the JSON text. */
function shown(raw: string[] | string): string {
  if (typeof raw === 'string') return raw.length > SHOWN_FIELD ? raw.slice(0, SHOWN_FIELD) : raw;
  return raw.map((f) => (f.length > SHOWN_FIELD ? f.slice(0, SHOWN_FIELD) : f)).join(',');
}

function context(file: string, spec: FormatSpec, cfg: SourceConfig, ctx: ReadContext, attributes: string[], idMapped: boolean): MapContext {
  return {
    file,
    row: 0,
    channel: cfg.channel ?? spec.channel,
    timestamps: { format: cfg.dateFormat, zone: cfg.timezone ?? ctx.crisisTimezone },
    attributes,
    idMapped,
    htmlEscapedText: spec.htmlEscapedText,
  };
}

/** Generic JSON: nested objects become dotted keys, then header synonyms map them. */
function flattenGeneric(rec: FlatRecord, cfg: SourceConfig, ledger: SourceLedger): { flat: FlatRecord; attributes: string[] } {
  const flat: Record<string, unknown> = {};
  const walk = (obj: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(obj)) {
      if (v && typeof v === 'object' && !Array.isArray(v) && prefix.split('.').length < 3) walk(v as Record<string, unknown>, `${prefix}${k}.`);
      else flat[`${prefix}${k}`] = Array.isArray(v) ? v.join(',') : v;
    }
  };
  walk(rec, '');
  const keys = Object.keys(flat);
  const columns = { ...guessColumns(keys, ledger.table), ...(cfg.columns ?? {}) };
  const out: FlatRecord = {};
  const mapped = new Set<string>();
  for (const [field, col] of Object.entries(columns)) {
    out[field] = flat[String(col)];
    mapped.add(String(col));
  }
  // Unmapped keys keep their own names, even one that is also a canonical field's (`text` while `body` is the text).
  const attributes = keys.filter((k) => !mapped.has(k));
  out[ATTRIBUTES_KEY] = Object.fromEntries(attributes.map((k) => [k, flat[k]]));
  return { flat: out, attributes };
}
