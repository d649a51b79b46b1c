/**
 * The explorer's view state — filters, sort and page — and its URL form, so a
 * filtered view is a link that can be shared. Pure: runs in Node (tests) and
 * in the browser.
 */

import { TABLE_NAMES, type TableName } from './tables.ts';

/** Who wrote a message: the brand's accounts or its customers. */
export type Who = 'brand' | 'customer';

/** Sortable columns of the message table. */
export const SORTS = ['time', '-time', 'sentiment', '-sentiment', 'engagement'] as const;
export type Sort = (typeof SORTS)[number];

export interface ExplorerState {
  /** The table explored (tables.ts); absent: the crisis's default (its messages, else its cases). */
  table?: TableName;
  /** ISO instants (UTC): messages from `from` (inclusive) to `to` (exclusive). */
  from?: string;
  to?: string;
  channel?: string;
  /** Cases only: their status, category, product and company. */
  status?: string;
  category?: string;
  product?: string;
  company?: string;
  sentiment?: string;
  theme?: string;
  fault?: string;
  author?: string;
  /** A segment (report.json `sections.segments`): the breakdown's field, and the segment's value within it. */
  segmentField?: string;
  segment?: string;
  who?: Who;
  /** Free text: every word must occur in the message text (case-insensitive). */
  q?: string;
  sort: Sort;
  /** 1-based page of the message table. */
  page: number;
}

/** The unfiltered view: every message, oldest first. */
export const DEFAULT_STATE: ExplorerState = { sort: 'time', page: 1 };

const TEXT_KEYS = ['channel', 'status', 'category', 'product', 'company', 'sentiment', 'theme', 'fault', 'author', 'segmentField', 'segment', 'q'] as const;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?Z$/;

/** Reads a state from a URL's query (`?channel=reddit&from=…`); what is malformed is ignored, never trusted. */
export function parseState(search: string | URLSearchParams): ExplorerState {
  const p = typeof search === 'string' ? new URLSearchParams(search) : search;
  const state: ExplorerState = { ...DEFAULT_STATE };
  for (const key of TEXT_KEYS) {
    const v = p.get(key);
    if (v !== null && v.trim() !== '' && v.length <= 500) state[key] = v.trim();
  }
  for (const key of ['from', 'to'] as const) {
    const v = p.get(key);
    if (v && ISO.test(v) && !Number.isNaN(Date.parse(v))) state[key] = new Date(Date.parse(v)).toISOString();
  }
  // A segment means something only with its field.
  if (state.segment === undefined || state.segmentField === undefined) {
    delete state.segment;
    delete state.segmentField;
  }
  const table = p.get('table');
  if (table && (TABLE_NAMES as readonly string[]).includes(table)) state.table = table as TableName;
  const who = p.get('who');
  if (who === 'brand' || who === 'customer') state.who = who;
  const sort = p.get('sort');
  if (sort && (SORTS as readonly string[]).includes(sort)) state.sort = sort as Sort;
  const page = Number(p.get('page'));
  if (Number.isInteger(page) && page >= 1) state.page = page;
  return state;
}

/** The state as a URL query, keys in a fixed order and defaults left out (so one view has one link). */
export function stateQuery(state: ExplorerState): string {
  const p = new URLSearchParams();
  for (const key of ['table', 'from', 'to', 'channel', 'status', 'category', 'product', 'company', 'sentiment', 'theme', 'fault', 'segmentField', 'segment', 'author', 'who', 'q'] as const) {
    const v = state[key];
    if (v !== undefined && v !== '') p.set(key, v);
  }
  if (state.sort !== DEFAULT_STATE.sort) p.set('sort', state.sort);
  if (state.page !== 1) p.set('page', String(state.page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** A changed state: any filter change goes back to page 1. */
export function withFilter(state: ExplorerState, change: Partial<Omit<ExplorerState, 'page'>>): ExplorerState {
  const next: ExplorerState = { ...state, ...change, page: 1 };
  for (const [k, v] of Object.entries(change)) if (v === undefined || v === '') delete (next as unknown as Record<string, unknown>)[k];
  return next;
}
