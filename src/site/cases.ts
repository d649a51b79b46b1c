/**
 * Cases (tickets, complaints) as the site publishes them: through the
 * privacy filter, with the analyses' per-case columns, and quoted around the
 * words that made a fault match — a complaint narrative can run to pages.
 */
import type { Case } from '../analysis/model.ts';
import { compareIds, type ExtraColumns } from '../analysis/report/messages-csv.ts';
import type { LoadedCrisis } from './crises.ts';
import { filterColumns, lazyIndex } from './messages.ts';

/** How the faults analysis names cases among its message ids (see language/text-messages.ts). */
export const CASE_ID_PREFIX = 'case:';

const memo = new WeakMap<LoadedCrisis, Case[]>();

/** All cases, by opening time (ties by id), every text field filtered. */
export function privateCases(crisis: LoadedCrisis): Case[] {
  let out = memo.get(crisis);
  if (!out) {
    out = [...crisis.cases]
      .sort((a, b) => a.openedAt - b.openedAt || compareIds(a.id, b.id))
      .map((c) => {
        const filter = (v: string | null) => (v === null ? null : crisis.privacy.text(v));
        return { ...c, text: filter(c.text), status: filter(c.status), category: filter(c.category), subcategory: filter(c.subcategory), product: filter(c.product), company: filter(c.company) };
      });
    memo.set(crisis, out);
  }
  return out;
}

/** The analyses' per-case columns with string values filtered. */
export function privateCaseColumns(crisis: LoadedCrisis): ExtraColumns {
  return filterColumns(crisis.result.caseColumns, crisis);
}

const caseIndex = lazyIndex(privateCases);

/** A case (filtered) by its id, with or without the `case:` prefix. */
export function caseById(crisis: LoadedCrisis, id: string): Case | undefined {
  return caseIndex(crisis, id.startsWith(CASE_ID_PREFIX) ? id.slice(CASE_ID_PREFIX.length) : id);
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
