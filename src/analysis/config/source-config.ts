/**
 * One entry of crisis.yaml's `sources:`: which export file, in which format,
 * and how its columns map onto Debrief's fields. Validated by hand, like the
 * rest of crisis.yaml, so every problem comes back at once with its path.
 */
import { isValidZone } from '../core/time-zones.ts';
import { isObject, stringList } from './config-values.ts';

export const FORMATS = ['twcs', 'airline', 'cfpb', 'twitter-v2', 'zendesk', 'generic'] as const;
export type FormatId = (typeof FORMATS)[number];

export const MESSAGE_FIELDS = ['id', 'conversation_id', 'parent_id', 'channel', 'author', 'is_brand', 'inbound', 'created_at', 'text', 'likes', 'shares', 'replies'] as const;
export const CASE_FIELDS = [
  'id', 'opened_at', 'first_response_at', 'resolved_at', 'closed_at', 'updated_at', 'status', 'category', 'subcategory', 'product', 'company', 'channel', 'text',
  'priority', 'team', 'agent', 'due_at', 'sla_met', 'reopen_count', 'reassignment_count',
] as const;

export interface SourceConfig {
  file: string;
  format?: FormatId;
  table?: 'messages' | 'cases';
  /** Canonical field → source column name, or 1-based position for header-less files. */
  columns?: Record<string, string | number>;
  /** Source columns kept as attributes (e.g. human labels); formats add their own. */
  attributes?: string[];
  dateFormat?: string;
  /** Zone of timestamps that carry no offset. */
  timezone?: string;
  delimiter?: string;
  /** False for header-less files; implied by positional `columns`. */
  header?: boolean;
  encoding?: 'utf-8' | 'latin1';
  /** Channel for every row when the export does not say. */
  channel?: string;
  /**
   * `columns: { fault: component }`: the column that names each record's
   * faults (a defect code, component or ticket category), kept as an attribute
   * of that name; its records take their faults from it instead of from text.
   */
  faultColumn?: string;
  /** Separator of several faults in one fault cell (`ENGINE,POWER TRAIN`): default `,`; `''` keeps the cell whole. */
  faultDelimiter?: string;
}

/** Reads one `sources:` entry (a file name, or a mapping with `file:`); problems are pushed with `path`. */
export function validateSource(raw: unknown, path: string, problems: string[]): SourceConfig {
  if (typeof raw === 'string') return { file: raw };
  if (!isObject(raw)) {
    problems.push(`${path}: must be a file name or a mapping with file:`);
    return { file: '' };
  }
  const known = ['file', 'format', 'table', 'columns', 'attributes', 'dateFormat', 'timezone', 'delimiter', 'header', 'encoding', 'channel', 'faultDelimiter'];
  for (const key of Object.keys(raw)) if (!known.includes(key)) problems.push(`${path}.${key}: unknown field (known: ${known.join(', ')})`);
  const out: SourceConfig = { file: typeof raw.file === 'string' ? raw.file : '' };
  if (!out.file) problems.push(`${path}.file: required (the export's file name, relative to the crisis directory)`);
  // Only a `..` path segment leaves the directory; `my..export.csv` is an ordinary name.
  else if (out.file.split(/[\\/]/).includes('..') || out.file.startsWith('/')) problems.push(`${path}.file: must stay inside the crisis directory`);
  if (raw.format !== undefined) {
    if (!FORMATS.includes(raw.format as FormatId)) problems.push(`${path}.format: "${String(raw.format)}" is not one of ${FORMATS.join(', ')}`);
    else out.format = raw.format as FormatId;
  }
  if (raw.table !== undefined) {
    if (raw.table !== 'messages' && raw.table !== 'cases') problems.push(`${path}.table: must be messages or cases`);
    else out.table = raw.table;
  }
  if (raw.columns !== undefined) {
    if (!isObject(raw.columns)) problems.push(`${path}.columns: must be a mapping of field → column`);
    else {
      const fields: readonly string[] = out.table === 'cases' ? CASE_FIELDS : MESSAGE_FIELDS;
      out.columns = {};
      for (const [field, col] of Object.entries(raw.columns)) {
        // The fault column is read as an attribute of its own name (analysis/language/structured-faults.ts): not a canonical field.
        if (field === 'fault') {
          if (typeof col !== 'string' || !col.trim()) problems.push(`${path}.columns.fault: must be a column name (the column of defect codes, components or categories)`);
          else out.faultColumn = col;
          continue;
        }
        if (!fields.includes(field)) problems.push(`${path}.columns.${field}: unknown field for ${out.table ?? 'messages'} (known: ${fields.join(', ')})`);
        else if (typeof col === 'string' || (typeof col === 'number' && Number.isInteger(col) && col >= 1)) out.columns[field] = col;
        else problems.push(`${path}.columns.${field}: must be a column name or a 1-based position`);
      }
    }
  }
  if (raw.attributes !== undefined) out.attributes = stringList(raw.attributes, `${path}.attributes`, problems);
  if (out.faultColumn !== undefined && !(out.attributes ?? []).includes(out.faultColumn)) out.attributes = [...(out.attributes ?? []), out.faultColumn];
  if (raw.faultDelimiter !== undefined) {
    if (out.faultColumn === undefined) problems.push(`${path}.faultDelimiter: only with a fault column (columns: { fault: … })`);
    if (typeof raw.faultDelimiter !== 'string' || raw.faultDelimiter.length > 1) problems.push(`${path}.faultDelimiter: must be one character, or "" to keep each cell whole`);
    else out.faultDelimiter = raw.faultDelimiter;
  }
  for (const k of ['dateFormat', 'channel'] as const) {
    if (raw[k] === undefined) continue;
    if (typeof raw[k] !== 'string') problems.push(`${path}.${k}: must be text`);
    else out[k] = raw[k] as string;
  }
  if (raw.timezone !== undefined) {
    if (typeof raw.timezone !== 'string' || !isValidZone(raw.timezone)) problems.push(`${path}.timezone: "${String(raw.timezone)}" is not an IANA time zone`);
    else out.timezone = raw.timezone;
  }
  if (raw.delimiter !== undefined) {
    const d = raw.delimiter === '\\t' || raw.delimiter === 'tab' ? '\t' : raw.delimiter;
    if (typeof d !== 'string' || d.length !== 1) problems.push(`${path}.delimiter: must be one character (use "\\t" or tab for tabs)`);
    else out.delimiter = d;
  }
  if (raw.header !== undefined) {
    if (typeof raw.header !== 'boolean') problems.push(`${path}.header: must be true or false`);
    else out.header = raw.header;
  }
  if (raw.encoding !== undefined) {
    const e = String(raw.encoding).toLowerCase().replace(/[_ ]/g, '-');
    if (['latin1', 'latin-1', 'iso-8859-1', 'windows-1252', 'cp1252'].includes(e)) out.encoding = 'latin1';
    else if (['utf-8', 'utf8'].includes(e)) out.encoding = 'utf-8';
    else problems.push(`${path}.encoding: "${String(raw.encoding)}" — use utf-8 or latin1`);
  }
  return out;
}
