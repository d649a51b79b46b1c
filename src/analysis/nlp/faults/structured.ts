/**
 * Structured faults: a record's faults read from a column of the export (an
 * NHTSA `component`, a defect code, a ticket category) instead of found in
 * its text. A cell may name several (`ENGINE,POWER TRAIN`): the record then
 * counts once for each. A value is the fault whose `codes:` list it (without
 * case), else the fault whose id is its slug, else a fault of its own: id
 * the slug of the value, label the value as first written, kind product.
 */
import { codeKey } from '../../config/fault-library.ts';
import type { FaultAssignment, FaultTaxonomy } from './types.ts';

/** One record of a source with a fault column. */
export interface CodedRecord {
  id: string;
  createdAt: number;
  /** The fault cell as exported; null when empty. */
  value: string | null;
  /** Separator of several faults in the cell ('' keeps it whole); default: the `delimiter` argument. */
  delimiter?: string;
}

/** Faults of coded records. */
export interface StructuredFaults {
  /** Faults the values named that the taxonomy does not have, in order of first appearance. */
  added: FaultTaxonomy;
  /** Record id → its faults (one per distinct fault, in cell order), each with the value as evidence; records without a value are absent. */
  assignments: Map<string, FaultAssignment[]>;
}

/** A fault id for a value: its slug (`POWER TRAIN` → `power-train`), or `code-<hash>` when nothing of it is a Latin letter or digit. */
export function faultIdOf(value: string): string {
  const slug = value
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  if (slug) return slug;
  let h = 0x811c9dc5;
  for (const ch of codeKey(value)) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return `code-${h.toString(16).padStart(8, '0')}`;
}

/** The parts of a cell with their offsets, trimmed, empty ones left out. */
function parts(cell: string, delimiter: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let at = 0;
  for (const raw of delimiter ? cell.split(delimiter) : [cell]) {
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) out.push({ text, start: at + lead });
    at += raw.length + delimiter.length;
  }
  return out;
}

/**
 * Reads the faults of coded records.
 * @param codes code key → fault id (crisis.yaml and library `codes:`)
 * @param delimiter separator of several faults in a cell for records that do not give their own; '' keeps the cell whole
 */
export function structuredFaults(records: readonly CodedRecord[], taxonomy: FaultTaxonomy, codes: Readonly<Record<string, string>>, delimiter = ','): StructuredFaults {
  const added: FaultTaxonomy = {};
  const assignments = new Map<string, FaultAssignment[]>();
  for (const r of records) {
    if (r.value === null) continue;
    const list: FaultAssignment[] = [];
    for (const part of parts(r.value, r.delimiter ?? delimiter)) {
      let id = codes[codeKey(part.text)];
      if (id === undefined) {
        id = faultIdOf(part.text);
        if (!taxonomy[id] && !added[id]) added[id] = { label: part.text, kind: 'product', codes: [part.text] };
      }
      if (list.some((a) => a.faultId === id)) continue;
      list.push({ faultId: id, evidence: { text: part.text, start: part.start, end: part.start + part.text.length, rule: part.text, source: 'code' } });
    }
    if (list.length) assignments.set(r.id, list);
  }
  return { added, assignments };
}
