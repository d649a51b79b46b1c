/**
 * One example of a fault as pages quote it, with the evidence marked: the
 * passage of a message or case narrative around the words that matched, or,
 * for a record whose faults come from a fault column, its codes with the one
 * that is this fault marked (`STRUCTURE · [POWER TRAIN]`).
 */
import { CASE_PREFIX } from '../analysis/model.ts';
import { caseById, passage, type Passage } from './cases.ts';
import type { LoadedCrisis } from './crises.ts';
import { messageById } from './messages.ts';

/** An example ready to render (texts are data: escape them, never `set:html`). */
export interface FaultExample {
  /** `text`: a passage of the record's text; `codes`: the values of its fault column. */
  form: 'text' | 'codes';
  passage: Passage;
  /** With `codes`: every code of the record, `marked` the one of this fault. */
  codes: { text: string; marked: boolean }[];
  /** `case 123` or the author. */
  who: string;
  at: number;
  category: string | null;
}

/** The example `id` (cases as `case:<id>`) of fault `faultId` in `crisis`; null when the excerpts do not hold it. */
export function faultExample(crisis: LoadedCrisis, id: string, faultId: string): FaultExample | null {
  const row = id.startsWith(CASE_PREFIX) ? caseById(crisis, id) : messageById(crisis, id);
  if (!row) return null;
  const faults = typeof row.columns['fault'] === 'string' ? (row.columns['fault'] as string).split(';') : [];
  const evidence = typeof row.columns['fault_evidence'] === 'string' ? (row.columns['fault_evidence'] as string) : null;
  // A text-classified record has one fault and its evidence is the matched words; a coded one lists a code per fault.
  const pieces = faults.length > 1 && evidence ? evidence.split('; ') : evidence === null ? [] : [evidence];
  const mine = pieces.length === faults.length ? (pieces[faults.indexOf(faultId)] ?? null) : evidence;
  const who = 'author' in row ? (row.author ?? 'unknown') : `case ${row.id}`;
  const at = 'openedAt' in row ? row.openedAt : row.createdAt;
  const category = 'category' in row ? row.category : null;
  if (row.text) return { form: 'text', passage: passage(row.text, mine), codes: [], who, at, category };
  return { form: 'codes', passage: { before: '', mark: '', after: '' }, codes: pieces.map((p, i) => ({ text: p, marked: faults[i] === faultId })), who, at, category };
}
