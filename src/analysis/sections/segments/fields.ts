/**
 * What a `segments:` name in crisis.yaml refers to: a canonical field of the
 * messages or cases (`channel`, `company`, `priority` …) or an attribute the
 * export kept beside them (`airline`, `State`). A name that is neither is a
 * configuration error naming the field and what the crisis has instead.
 */
import { ConfigError } from '../../config/crisis-config.ts';
import type { Engine } from '../../engine/engine.ts';
import { customerMessageSql } from '../../crisis/notions.ts';
import { num, sqlString } from '../../crisis/sql.ts';

/** Message fields a crisis can be split by (`author` is left out: authors are people, and amplifiers covers them). */
export const MESSAGE_SEGMENT_FIELDS = ['channel'] as const;

/** Case fields a crisis can be split by. */
export const CASE_SEGMENT_FIELDS = ['company', 'product', 'category', 'subcategory', 'channel', 'status', 'priority', 'team', 'agent'] as const;

/** A `segments:` name resolved against the crisis's tables. */
export interface SegmentField {
  /** As crisis.yaml writes it. */
  field: string;
  table: 'messages' | 'cases';
  source: 'field' | 'attribute';
}

/** Value of a record that has none: one segment, counted like any other. */
export const NO_VALUE = '(none)';

/** Most attribute names an error message lists. */
const LISTED = 40;

/**
 * Resolves each name: a message field or attribute when the crisis has
 * messages, else a case field or attribute. Canonical fields win over
 * attributes of the same name. Throws a {@link ConfigError} listing every
 * name that resolves to nothing.
 */
export async function resolveSegmentFields(engine: Engine, names: readonly string[], has: { messages: boolean; cases: boolean }): Promise<SegmentField[]> {
  const tables = [...(has.messages ? (['messages'] as const) : []), ...(has.cases ? (['cases'] as const) : [])];
  const found = new Map<string, { fields: string[]; attributes: string[] }>();
  for (const table of tables) found.set(table, await available(engine, table));
  const problems: string[] = [];
  const out: SegmentField[] = [];
  const resolve = (field: string): SegmentField | null => {
    for (const table of tables) {
      const a = found.get(table)!;
      if (a.fields.includes(field)) return { field, table, source: 'field' };
      if (a.attributes.includes(field)) return { field, table, source: 'attribute' };
    }
    return null;
  };
  names.forEach((field, i) => {
    const resolved = resolve(field);
    if (resolved) return void out.push(resolved);
    const canonical = [...MESSAGE_SEGMENT_FIELDS, ...CASE_SEGMENT_FIELDS] as readonly string[];
    const nouns = tables.map((t) => (t === 'messages' ? 'customer message' : 'case')).join(' or ') || 'record';
    const why = canonical.includes(field) ? `no ${nouns} has a ${field} (map it in sources[].columns)` : `not a field or kept attribute of this crisis's ${tables.join(' or ') || 'records'}`;
    problems.push(`segments[${i}]: "${field}" — ${why}. Available: ${describe(found)}`);
  });
  if (problems.length) throw new ConfigError('crisis.yaml', problems);
  return out;
}

/** The canonical fields with at least one value, and every attribute key, of a table. */
async function available(engine: Engine, table: 'messages' | 'cases'): Promise<{ fields: string[]; attributes: string[] }> {
  const candidates: readonly string[] = table === 'messages' ? MESSAGE_SEGMENT_FIELDS : CASE_SEGMENT_FIELDS;
  const scope = table === 'messages' ? `WHERE ${customerMessageSql(null)}` : '';
  const [counts] = await engine.query(`SELECT ${candidates.map((f) => `count(nullif(trim(${f}), '')) AS ${f}`).join(', ')} FROM ${table} ${scope}`);
  const keys = await engine.query(`SELECT DISTINCT key FROM ${table === 'messages' ? 'message_attributes' : 'case_attributes'} ORDER BY key`);
  return { fields: candidates.filter((f) => num(counts[f]) > 0), attributes: keys.map((k) => String(k.key)) };
}

function describe(found: Map<string, { fields: string[]; attributes: string[] }>): string {
  const parts: string[] = [];
  for (const [table, a] of found) {
    const noun = table === 'messages' ? 'message' : 'case';
    parts.push(`${noun} fields: ${a.fields.join(', ') || 'none'}`);
    const more = a.attributes.length > LISTED ? `, … (${a.attributes.length - LISTED} more)` : '';
    parts.push(`${noun} attributes: ${a.attributes.slice(0, LISTED).join(', ') || 'none'}${more}`);
  }
  return parts.length ? `${parts.join('; ')}.` : 'the crisis has no messages or cases.';
}

/**
 * SQL: one row per record of a breakdown — customer messages (the notion of
 * notions.ts) or cases — with its segment `value` (trimmed; empty or missing
 * is {@link NO_VALUE}).
 */
export function segmentValuesSql(f: SegmentField): string {
  const value = (expr: string) => `coalesce(nullif(trim(${expr}), ''), ${sqlString(NO_VALUE)})`;
  const attributes = f.table === 'messages' ? 'message_attributes' : 'case_attributes';
  const from = f.source === 'field' ? `${f.table} r` : `${f.table} r LEFT JOIN ${attributes} a ON a.id = r.id AND a.key = ${sqlString(f.field)}`;
  const expr = f.source === 'field' ? `r.${f.field}` : 'a.value';
  const scope = f.table === 'messages' ? `WHERE ${customerMessageSql('r')}` : '';
  return `SELECT r.id, ${value(expr)} AS value FROM ${from} ${scope}`;
}
