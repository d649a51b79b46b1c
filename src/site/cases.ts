/**
 * Cases (tickets, complaints) as the site publishes them: the bundle's
 * excerpt (filtered, with the analyses' per-case columns), quoted around the
 * words that made a fault match — a complaint narrative can run to pages.
 */
import type { ExcerptCase } from '../analysis/bundle/excerpts.ts';
import { CASE_PREFIX } from '../analysis/model.ts';
import type { LoadedCrisis } from './crises.ts';
import { lazyIndex } from './messages.ts';

/** The first cases by opening time (ties by id), as the bundle's excerpt has them (filtered, with their columns). */
export function firstCases(crisis: LoadedCrisis): ExcerptCase[] {
  return crisis.excerpts.cases.head;
}

const caseIndex = lazyIndex((c) => [...c.excerpts.cases.head, ...c.excerpts.quoted.cases].map((k): [string, ExcerptCase] => [k.id, k]));

/** A case by its id, with or without the `case:` prefix (every case the report quotes is in the excerpts). */
export function caseById(crisis: LoadedCrisis, id: string): ExcerptCase | undefined {
  return caseIndex(crisis).get(id.startsWith(CASE_PREFIX) ? id.slice(CASE_PREFIX.length) : id);
}

/** A passage of a long text: `before`, the `mark`ed words, `after` (escaped by whoever renders it). */
export interface Passage {
  before: string;
  mark: string;
  after: string;
}

/**
 * The part of `text` around `evidence` (first occurrence, any case), about
 * `width` characters either side, cut at spaces; the opening when the
 * evidence is absent or empty.
 */
export function passage(text: string, evidence: string | null, width = 160): Passage {
  const at = evidence ? text.toLowerCase().indexOf(evidence.toLowerCase()) : -1;
  if (at < 0) {
    if (text.length <= 2 * width) return { before: text, mark: '', after: '' };
    const space = text.lastIndexOf(' ', 2 * width);
    return { before: `${text.slice(0, space > 0 ? space : 2 * width)} …`, mark: '', after: '' };
  }
  const end = at + evidence!.length;
  let from = Math.max(0, at - width);
  let to = Math.min(text.length, end + width);
  // Cut at word boundaries, never into the evidence.
  const first = text.indexOf(' ', from);
  if (from > 0 && first >= 0 && first < at) from = first + 1;
  const last = text.lastIndexOf(' ', to);
  if (to < text.length && last > end) to = last;
  return {
    before: `${from > 0 ? '… ' : ''}${text.slice(from, at)}`,
    mark: text.slice(at, end),
    after: `${text.slice(end, to)}${to < text.length ? ' …' : ''}`,
  };
}
