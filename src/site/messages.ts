/**
 * Messages as the site publishes them: the bundle's excerpt (the first
 * messages in time order, through the privacy filter, with the analyses'
 * columns), split into pages. Only the first pages are rendered as HTML (a
 * crisis can hold millions of messages); messages.csv always has them all.
 */
import type { ExcerptMessage } from '../analysis/bundle/excerpts.ts';
import type { CellValue } from '../analysis/report/messages-csv.ts';
import { EXCERPT_MESSAGES } from '../analysis/bundle/layout.ts';
import type { LoadedCrisis } from './crises.ts';

/** Rows per messages page. */
export const PAGE_SIZE = 100;
/** Pages rendered as HTML; the rest are in messages.csv. */
export const MAX_PAGES = EXCERPT_MESSAGES / PAGE_SIZE;

/** How many HTML pages of messages a crisis gets (at least one, possibly empty). */
export function pageCount(crisis: LoadedCrisis): number {
  return Math.max(1, Math.min(MAX_PAGES, Math.ceil(crisis.excerpts.messages.total / PAGE_SIZE)));
}

/** The messages of page `n` (1-based). */
export function messagesPage(crisis: LoadedCrisis, n: number): ExcerptMessage[] {
  return crisis.excerpts.messages.head.slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE);
}

/** Page number (1-based) a message is on, or null when it is past the rendered pages. */
export function pageOfMessage(crisis: LoadedCrisis, id: string): number | null {
  const i = headIndex(crisis).get(id);
  return i === undefined ? null : Math.floor(i / PAGE_SIZE) + 1;
}

/** Analysis column values of one message, in the column order of the crisis. */
export function columnValues(crisis: LoadedCrisis, m: ExcerptMessage): CellValue[] {
  return crisis.excerpts.messages.columnNames.map((n) => m.columns[n] ?? null);
}

/** A lookup over values of a crisis by string key, built on first use and kept per crisis. */
export function lazyIndex<V>(entries: (crisis: LoadedCrisis) => [string, V][]): (crisis: LoadedCrisis) => Map<string, V> {
  const memo = new WeakMap<LoadedCrisis, Map<string, V>>();
  return (crisis) => {
    let index = memo.get(crisis);
    if (!index) memo.set(crisis, (index = new Map(entries(crisis))));
    return index;
  };
}

const headIndex = lazyIndex((c) => c.excerpts.messages.head.map((m, i): [string, number] => [m.id, i]));
const messageIndex = lazyIndex((c) => [...c.excerpts.messages.head, ...c.excerpts.quoted.messages].map((m): [string, ExcerptMessage] => [m.id, m]));

/** A message by id, for examples quoted on other pages (every message the report quotes is in the bundle's excerpts). */
export function messageById(crisis: LoadedCrisis, id: string): ExcerptMessage | undefined {
  return messageIndex(crisis).get(id);
}
