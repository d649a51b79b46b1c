import type { FormatId } from '../../config/source-config.ts';

/**
 * One record with canonical field names (`created_at`, `text`, …) plus
 * attribute columns by their own names, either beside them or, where a name
 * could clash with a canonical field (a CSV column called `text` while `body`
 * is mapped to text), under {@link ATTRIBUTES_KEY}.
 */
export type FlatRecord = Record<string, unknown>;

/** Key of a flat record's own attribute values (name → value), read before its top-level keys. */
export const ATTRIBUTES_KEY = '__attributes';

/** What Debrief knows about one export format. */
export interface FormatSpec {
  id: FormatId;
  table: 'messages' | 'cases';
  kind: 'csv' | 'json';
  /** Canonical field → column name in the export (matched case-insensitively). */
  columns: Record<string, string>;
  /** Export columns kept as message/case attributes. */
  attributes: string[];
  /** Channel when a record does not say. */
  channel: string;
  /** True when a CSV header (or a JSON value) looks like this format. */
  detect(sample: { header?: string[]; json?: unknown }): boolean;
  /** JSON formats: one parsed top-level value (a page, a record) → flat records. */
  expand?(value: unknown): FlatRecord[];
  /** Said in the ledger about every source read with this format. */
  notes: string[];
  /**
   * Texts arrive HTML-escaped the way X/Twitter's API sends them (`&amp;`,
   * `&lt;`, `&gt;`), and are decoded once on ingest: on every record
   * (`'all'`), or only on records whose channel is `twitter` or `x`
   * (`'twitter-channel'`, for mixed exports). Absent: texts are kept exactly
   * as written, entities included.
   */
  htmlEscapedText?: 'all' | 'twitter-channel';
}

/** Header cells compared loosely: case, spaces, punctuation and a BOM do not matter. */
export function headerKey(name: string): string {
  return name.replace(/^\ufeff/, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** True when every name is in the header. */
export function hasColumns(header: string[] | undefined, names: string[]): boolean {
  if (!header) return false;
  const keys = new Set(header.map(headerKey));
  return names.every((n) => keys.has(headerKey(n)));
}
