/**
 * Messages as the site publishes them: in time order, through the privacy
 * filter, with the analyses' per-message columns, split into pages. Only the
 * first pages are rendered as HTML (a crisis can hold millions of messages);
 * messages.csv always has them all.
 */
import type { Message } from '../analysis/model.ts';
import type { ExtraColumns } from '../analysis/report/messages-csv.ts';
import { compareIds } from '../analysis/report/messages-csv.ts';
import type { LoadedCrisis } from './crises.ts';

/** Rows per messages page. */
export const PAGE_SIZE = 100;
/** Pages rendered as HTML; the rest are in messages.csv. */
export const MAX_PAGES = 10;

const memo = new WeakMap<LoadedCrisis, Message[]>();

/** All messages, time order (ties by id), texts and authors filtered. */
export function privateMessages(crisis: LoadedCrisis): Message[] {
  let out = memo.get(crisis);
  if (!out) {
    const { privacy } = crisis;
    out = [...crisis.messages]
      .sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id))
      .map((m) => ({ ...m, text: privacy.text(m.text), author: privacy.author(m.author, m.isBrand) }));
    memo.set(crisis, out);
  }
  return out;
}

/** The analyses' per-message columns with string values filtered (a column may carry a matched phrase). */
export function privateColumns(crisis: LoadedCrisis): ExtraColumns {
  return filterColumns(crisis.result.columns, crisis);
}

// Filtered once per column map: every quote, table page and CSV of a crisis asks for the same one.
const filtered = new WeakMap<ExtraColumns, ExtraColumns>();

/** Per-row columns with every string value through the crisis's privacy filter (the crisis owns `columns`). */
export function filterColumns(columns: ExtraColumns, crisis: LoadedCrisis): ExtraColumns {
  let out = filtered.get(columns);
  if (!out) {
    out = new Map();
    for (const [id, row] of columns) {
      out.set(id, Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? crisis.privacy.text(v) : v])));
    }
    filtered.set(columns, out);
  }
  return out;
}

/** How many HTML pages of messages a crisis gets (at least one, possibly empty). */
export function pageCount(crisis: LoadedCrisis): number {
  return Math.max(1, Math.min(MAX_PAGES, Math.ceil(crisis.messages.length / PAGE_SIZE)));
}

/** The messages of page `n` (1-based). */
export function messagesPage(crisis: LoadedCrisis, n: number): Message[] {
  return privateMessages(crisis).slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE);
}

/** Page number (1-based) a message is on, or null when it is past the rendered pages. */
export function pageOfMessage(crisis: LoadedCrisis, id: string): number | null {
  let index = pageIndex.get(crisis);
  if (!index) {
    index = new Map(privateMessages(crisis).map((m, i) => [m.id, i]));
    pageIndex.set(crisis, index);
  }
  const i = index.get(id);
  if (i === undefined) return null;
  const page = Math.floor(i / PAGE_SIZE) + 1;
  return page <= MAX_PAGES ? page : null;
}
const pageIndex = new WeakMap<LoadedCrisis, Map<string, number>>();

/** Column values of one message, in the column order of the crisis. */
export function columnValues(crisis: LoadedCrisis, columns: ExtraColumns, id: string): (string | number | boolean | null)[] {
  const row = columns.get(id) ?? {};
  return crisis.result.columnNames.map((n) => row[n] ?? null);
}

/** A lookup by id over a crisis's rows, built on first use and kept per crisis. */
export function lazyIndex<T extends { id: string }>(rows: (crisis: LoadedCrisis) => T[]): (crisis: LoadedCrisis, id: string) => T | undefined {
  const memo = new WeakMap<LoadedCrisis, Map<string, T>>();
  return (crisis, id) => {
    let index = memo.get(crisis);
    if (!index) memo.set(crisis, (index = new Map(rows(crisis).map((r) => [r.id, r]))));
    return index.get(id);
  };
}

const messageIndex = lazyIndex(privateMessages);

/** A message (filtered) by id, for examples quoted on other pages. */
export function messageById(crisis: LoadedCrisis, id: string): Message | undefined {
  return messageIndex(crisis, id);
}
