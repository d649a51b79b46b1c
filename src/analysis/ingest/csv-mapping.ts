/**
 * A CSV header (or its absence) + the format + crisis.yaml columns → which
 * column feeds which canonical field and which attributes, with every
 * problem reported at once. Repeated header names are made unique first, so
 * no column is shadowed by an earlier one of the same name.
 */
import { ConfigError } from '../config/crisis-config.ts';
import type { SourceConfig } from '../config/source-config.ts';
import { detectFormat, formatSpec, type FormatSpec } from './formats/index.ts';
import { guessColumns, looksLikeCases } from './formats/generic.ts';
import { headerKey } from './formats/types.ts';
import { excerpt } from './values.ts';

/** How one CSV source's columns feed a record: its format, table, field and attribute columns. */
export interface CsvMapping {
  spec: FormatSpec;
  table: 'messages' | 'cases';
  /** Canonical field → column index. */
  index: Map<string, number>;
  /** Attribute name → column index (its own namespace: an attribute may share a canonical field's name). */
  attributeIndex: Map<string, number>;
  attributes: string[];
  /** A name for each column, for ledger details: `column "text"`, or `column 4` without a header. */
  columnNames: string[];
  /** What was decided about the header, for the ledger (renamed and unnamed columns). */
  notes: string[];
}

/** Header names with repeats (compared as {@link headerKey} compares them) renamed `text_2`, `text_3`, …; empty names stay empty. */
export function uniqueHeader(header: readonly string[]): { names: string[]; renamed: { column: number; first: number; from: string; to: string }[] } {
  const taken = new Set(header.map(headerKey));
  const firstByKey = new Map<string, number>();
  const renamed: { column: number; first: number; from: string; to: string }[] = [];
  const names = header.map((raw, i) => {
    const name = raw.replace(/^\ufeff/, '');
    const key = headerKey(name);
    const first = firstByKey.get(key);
    if (first === undefined || key === '') {
      if (first === undefined) firstByKey.set(key, i);
      return raw;
    }
    let n = 2;
    while (taken.has(headerKey(`${name}_${n}`))) n++;
    const to = `${name}_${n}`;
    taken.add(headerKey(to));
    renamed.push({ column: i + 1, first: first + 1, from: name, to });
    return to;
  });
  return { names, renamed };
}

/** Turns format defaults + crisis.yaml columns into column indexes, collecting every problem. */
export function resolveCsvMapping(file: string, rawHeader: string[] | undefined, width: number, cfg: SourceConfig, index: number): CsvMapping {
  const unique = rawHeader && uniqueHeader(rawHeader);
  const header = unique?.names;
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
  const notes = (unique?.renamed ?? []).map((r) => `Column ${r.column} repeats the name "${r.from}" of column ${r.first}: its values are kept as "${r.to}".`);
  if (spec.id === 'generic' && header) {
    // Keep every unmapped column: nothing in the export is thrown away.
    const used = new Set(out.values());
    header.forEach((h, i) => {
      if (used.has(i)) return;
      if (h.trim()) attributes.push(h.replace(/^\ufeff/, ''));
      else notes.push(`Column ${i + 1} has no name in the header: its values are not kept.`);
    });
  }
  const attributeIndex = new Map<string, number>();
  for (const a of attributes) {
    const i = header ? keyToIndex.get(headerKey(a)) : undefined;
    if (i !== undefined) attributeIndex.set(a, i);
  }
  const columnNames = Array.from({ length: width }, (_, i) => (header?.[i]?.trim() ? `column "${header[i].replace(/^\ufeff/, '')}"` : `column ${i + 1}`));
  return { spec, table, index: out, attributeIndex, attributes: [...attributeIndex.keys()], columnNames, notes };
}

function delimiterHint(header: string[]): string {
  if (header.length !== 1) return '';
  const d = [';', '\t', '|', ','].find((c) => header[0].includes(c));
  return d ? ` — the header is one single column "${excerpt(header[0], 60)}"; is the delimiter ${JSON.stringify(d)}? Set delimiter: in crisis.yaml` : '';
}
