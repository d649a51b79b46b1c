/**
 * Reads one export file into canonical drafts and its ledger: decode, split
 * into records (CSV or JSON), resolve the column mapping, map each record,
 * and set aside rejects, window misses and duplicates, counting each.
 */
import { ConfigError, type SourceConfig } from '../config/crisis-config.ts';
import type { Case } from '../model.ts';
import { readCsvRecords } from './csv-records.ts';
import { decodeSource } from './encoding.ts';
import { detectFormat, formatSpec, type FlatRecord, type FormatSpec } from './formats/index.ts';
import { guessColumns, looksLikeCases } from './formats/generic.ts';
import { headerKey } from './formats/types.ts';
import { readJsonValues } from './json-records.ts';
import { OUTSIDE_WINDOW, countInto, reject, sourceLedger, type SourceLedger } from './ledger.ts';
import { toCase, toMessage, type MapContext, type MessageDraft } from './map-record.ts';
import type { FileSource } from './source.ts';
import { excerpt } from './values.ts';

export type CaseDraft = Case & { updatedAt: number | null };

/** Ids and record fingerprints seen so far across all sources, for duplicate accounting. */
export interface SeenState {
  messageIds: Set<string>;
  fingerprints: Set<number>;
  /** Case id → index into the case drafts, and the ledger that loaded it. */
  caseIds: Map<string, { index: number; ledger: SourceLedger }>;
}

export interface ReadContext {
  /** Index of the source in crisis.yaml, for error paths. */
  index: number;
  crisisTimezone: string;
  window?: { start?: number; end?: number };
  seen: SeenState;
  messages: MessageDraft[];
  cases: CaseDraft[];
  onProgress?: (p: { file: string; records: number; elapsedMs: number; done: boolean }) => void;
}

interface Mapping {
  spec: FormatSpec;
  table: 'messages' | 'cases';
  /** Canonical field or attribute name → column index. */
  index: Map<string, number>;
  attributes: string[];
}

const JSON_EXTENSIONS = /\.(json|ndjson|jsonl)$/i;

/** Reads one source and appends its rows to `ctx.messages` / `ctx.cases`. */
export async function readSource(source: FileSource, cfg: SourceConfig, ctx: ReadContext): Promise<SourceLedger> {
  const started = Date.now();
  const text = decodeSource(source, cfg.encoding);
  const isJson = cfg.format === 'twitter-v2' || cfg.format === 'zendesk' || JSON_EXTENSIONS.test(source.name);
  let ledger: SourceLedger | undefined;
  let mapCtx: MapContext | undefined;
  const progress = (done: boolean) => ctx.onProgress?.({ file: source.name, records: ledger?.read ?? 0, elapsedMs: Date.now() - started, done });

  const accept = (rec: FlatRecord, line: number, at: string, raw: string, table: 'messages' | 'cases') => {
    const l = ledger!;
    const m = mapCtx!;
    l.read++;
    if (l.read % 20_000 === 0) progress(false);
    m.row = line;
    const mapped = table === 'cases' ? toCase(rec, m) : toMessage(rec, m);
    if (!mapped.ok) return reject(l, mapped.reason, { at, text: raw, detail: mapped.detail });
    for (const w of mapped.warnings) countInto(l.warnings, w.field, { at, text: raw, detail: w.detail });
    const when = 'openedAt' in mapped.row ? mapped.row.openedAt : mapped.row.createdAt;
    if ((ctx.window?.start !== undefined && when < ctx.window.start) || (ctx.window?.end !== undefined && when > ctx.window.end)) {
      return reject(l, OUTSIDE_WINDOW, { at, text: raw, detail: new Date(when).toISOString() });
    }
    const fingerprint = hash(`${table}\u0002${raw}`);
    if (ctx.seen.fingerprints.has(fingerprint)) {
      l.duplicates++;
      l.exactDuplicates++;
      return;
    }
    ctx.seen.fingerprints.add(fingerprint);
    if (table === 'messages') {
      const row = mapped.row as MessageDraft;
      if (ctx.seen.messageIds.has(row.id)) {
        l.duplicates++;
        l.repeatedIds++;
        return countInto(l.warnings, 'repeated id (first kept)', { at, text: raw, detail: `id ${row.id}` });
      }
      ctx.seen.messageIds.add(row.id);
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
    for await (const item of readJsonValues(text, source.name)) {
      if (!ledger) {
        spec = cfg.format ? formatSpec(cfg.format) : detectFormat({ json: item.value ?? null });
        ledger = sourceLedger(source.name, spec.id, cfg.table ?? spec.table);
        ledger.notes.push(...spec.notes);
        mapCtx = context(source.name, spec, cfg, ctx, spec.attributes.concat(cfg.attributes ?? []), true);
      }
      if (item.error) {
        ledger.read++;
        reject(ledger, 'invalid JSON', { at: `${source.name}:${item.line}`, text: item.raw, detail: item.error });
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
        accept(flat, line, at, JSON.stringify(rec), table);
      });
    }
  } else {
    let mapping: Mapping | undefined;
    let width = 0;
    for await (const record of readCsvRecords(text, { delimiter: cfg.delimiter })) {
      if (!mapping) {
        const positional = cfg.header === false || Object.values(cfg.columns ?? {}).some((c) => typeof c === 'number');
        const header = positional ? undefined : record.fields;
        mapping = resolveCsvMapping(source.name, header, record.fields.length, cfg, ctx.index);
        ledger = sourceLedger(source.name, mapping.spec.id, mapping.table);
        ledger.notes.push(...mapping.spec.notes);
        mapCtx = context(source.name, mapping.spec, cfg, ctx, mapping.attributes, mapping.index.has('id'));
        width = record.fields.length;
        if (header) continue;
      }
      const at = `${source.name}:${record.line}`;
      const raw = record.fields.join(',');
      if (record.error) {
        ledger!.read++;
        reject(ledger!, 'unterminated quote', { at, text: raw, detail: record.error });
        continue;
      }
      if (record.fields.length !== width) {
        ledger!.read++;
        const blank = record.fields.length === 1 && record.fields[0] === '';
        reject(ledger!, 'wrong number of fields', { at, text: blank ? '(blank line)' : raw, detail: `${record.fields.length} field(s), the header has ${width}` });
        continue;
      }
      const flat: FlatRecord = {};
      for (const [name, i] of mapping.index) flat[name] = record.fields[i];
      accept(flat, record.line, at, record.fields.join('\u0001'), mapping.table);
    }
  }
  if (!ledger) {
    ledger = sourceLedger(source.name, cfg.format ?? 'generic', cfg.table ?? 'messages');
    ledger.notes.push('The file is empty: no records.');
  } else if (ledger.read === 0) ledger.notes.push('The file has a header but no records.');
  progress(true);
  return ledger;
}

function context(file: string, spec: FormatSpec, cfg: SourceConfig, ctx: ReadContext, attributes: string[], idMapped: boolean): MapContext {
  return {
    file,
    row: 0,
    channel: cfg.channel ?? spec.channel,
    timestamps: { format: cfg.dateFormat, zone: cfg.timezone ?? ctx.crisisTimezone },
    attributes,
    idMapped,
  };
}

/** Turns format defaults + crisis.yaml columns into column indexes, collecting every problem. */
function resolveCsvMapping(file: string, header: string[] | undefined, width: number, cfg: SourceConfig, index: number): Mapping {
  const spec = cfg.format ? formatSpec(cfg.format) : detectFormat({ header });
  const table = cfg.table ?? (spec.id === 'generic' && header && looksLikeCases(header) ? 'cases' : spec.table);
  const base = spec.id === 'generic' && header ? guessColumns(header, table) : spec.columns;
  const columns: Record<string, string | number> = { ...base, ...(cfg.columns ?? {}) };
  const problems: string[] = [];
  const path = `sources[${index}]`;
  const keyToIndex = new Map<string, number>();
  header?.forEach((h, i) => keyToIndex.has(headerKey(h)) || keyToIndex.set(headerKey(h), i));
  const out = new Map<string, number>();
  for (const [field, col] of Object.entries(columns)) {
    if (typeof col === 'number') {
      if (col > width) problems.push(`${path}.columns.${field}: position ${col} but ${file} has ${width} column(s)`);
      else out.set(field, col - 1);
    } else if (!header) problems.push(`${path}.columns.${field}: "${col}" is a column name but ${file} is read without a header; use a 1-based position`);
    else {
      const i = keyToIndex.get(headerKey(col));
      if (i === undefined) problems.push(`${path}.columns.${field}: column "${col}" not in ${file}${delimiterHint(header)}`);
      else out.set(field, i);
    }
  }
  for (const required of table === 'cases' ? ['opened_at'] : ['created_at', 'text']) {
    if (!(required in columns)) {
      const seen = header ? ` (its columns: ${header.slice(0, 12).map((h) => JSON.stringify(h)).join(', ')})` : '';
      problems.push(`${path}.columns.${required}: no column for ${required} found in ${file}${seen}; map it in crisis.yaml${header ? delimiterHint(header) : ''}`);
    }
  }
  if (problems.length) throw new ConfigError('crisis.yaml', problems);
  const attributes = [...spec.attributes, ...(cfg.attributes ?? [])];
  if (spec.id === 'generic' && header) {
    // Keep every unmapped column: nothing in the export is thrown away.
    const used = new Set(out.values());
    header.forEach((h, i) => !used.has(i) && h.trim() && attributes.push(h.replace(/^\ufeff/, '')));
  }
  for (const a of attributes) {
    const i = header ? keyToIndex.get(headerKey(a)) : undefined;
    if (i !== undefined && !out.has(a)) out.set(a, i);
  }
  return { spec, table, index: out, attributes: attributes.filter((a) => out.has(a)) };
}

function delimiterHint(header: string[]): string {
  if (header.length !== 1) return '';
  const d = [';', '\t', '|', ','].find((c) => header[0].includes(c));
  return d ? ` — the header is one single column "${excerpt(header[0], 60)}"; is the delimiter ${JSON.stringify(d)}? Set delimiter: in crisis.yaml` : '';
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
  const attributes = keys.filter((k) => !mapped.has(k) && !(k in out));
  for (const k of attributes) out[k] = flat[k];
  return { flat: out, attributes };
}

/** cyrb53: a fast 53-bit string hash; collisions at a million rows are vanishingly rare. */
function hash(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

