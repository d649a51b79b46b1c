/**
 * Example messages for each fault: the earliest ones, messages and cases in
 * one time line, one per distinct text (a retweet, the same words addressed to
 * another handle or a complaint filed twice is one example, not two). Chosen
 * here, once, so every page and the bundle quote the same examples.
 */
import { CASE_PREFIX, type Case, type Message } from '../model.ts';
import { lazyOrder } from '../core/lazy-order.ts';
import { retweetBody } from '../nlp/retweets.ts';

/** What makes two examples the same: the words, without "RT @user:", @mentions, links, case or spacing. */
function exampleKey(text: string): string {
  return retweetBody(text)
    .replace(/(^|\s)[@＠]\w+:?/g, ' ')
    .replace(/^\s*rt\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Examples kept per fault. */
export const MAX_FAULT_EXAMPLES = 5;

/** A record with a fault: a message, or a case as `case:<id>`. */
export interface FaultRecord {
  id: string;
  /** Its time (a message's `createdAt`, a case's `openedAt`). */
  at: number;
  /** Its text as exported (a case's narrative unredacted), null when it has none. */
  text: string | null;
  /** Its faults (several when a fault column names several): it may be an example of each. */
  faults: readonly string[];
  /** Its place in the tables: messages by position, then cases (messages' count + position). Breaks ties of time. */
  order: number;
}

/**
 * Fault id → up to {@link MAX_FAULT_EXAMPLES} example ids (cases as `case:<id>`),
 * earliest first. `faultsOf` gives the faults of a message or prefixed case id
 * (several when a fault column names several): a record may be an example of each.
 */
export function faultExamples(messages: readonly Message[], cases: readonly Case[], faultsOf: (id: string) => readonly string[] | undefined): Map<string, string[]> {
  const records: FaultRecord[] = [];
  messages.forEach((m, order) => {
    const faults = faultsOf(m.id);
    if (faults?.length) records.push({ id: m.id, at: m.createdAt, text: m.text, faults, order });
  });
  cases.forEach((c, i) => {
    const faults = faultsOf(CASE_PREFIX + c.id);
    if (faults?.length) records.push({ id: CASE_PREFIX + c.id, at: c.openedAt, text: c.text, faults, order: messages.length + i });
  });
  return examplesOfRecords(records);
}

/**
 * {@link faultExamples} of the records with a fault, in any order (sorted
 * here, in place): the analysis knows them without asking every message.
 */
export function examplesOfRecords(items: FaultRecord[]): Map<string, string[]> {
  // Only records with a fault take part; at one time, the tables' order (messages before cases).
  items.sort((a, b) => a.at - b.at || a.order - b.order);
  return pickExamples(items);
}

/** Records with a fault read by index: their times and places up front, each record made only when read. */
export interface FaultRecordColumns {
  /** Time of each record (as FaultRecord `at`). */
  at: Float64Array;
  /** Place of each record in the tables (as FaultRecord `order`): unique. */
  order: Float64Array;
  /** Record `i`. */
  record(i: number): FaultRecord;
}

/**
 * {@link examplesOfRecords} of records read by index: taken in order as read
 * (core/lazy-order.ts) until every fault of `faultIds` has its examples, so
 * the millions of records a large crisis classifies are never made at once.
 */
export function examplesOfRecordColumns({ at, order, record }: FaultRecordColumns, faultIds: readonly string[]): Map<string, string[]> {
  const indices = new Int32Array(at.length);
  for (let i = 0; i < indices.length; i++) indices[i] = i;
  const sorted = lazyOrder(indices, (a, b) => at[a]! - at[b]! || order[a]! - order[b]!);
  const wanted = new Set(faultIds);
  function* records(): Generator<FaultRecord> {
    for (const i of sorted) {
      yield record(i);
      if (!wanted.size) return;
    }
  }
  return pickExamples(records(), (fault) => wanted.delete(fault));
}

/** The examples of records read in time order; `full` is told of each fault whose examples are complete. */
function pickExamples(items: Iterable<FaultRecord>, full?: (fault: string) => void): Map<string, string[]> {
  const examples = new Map<string, string[]>();
  const seen = new Map<string, Set<string>>();
  for (const item of items) {
    for (const fault of item.faults) {
      let list = examples.get(fault);
      if (list === undefined) examples.set(fault, (list = []));
      // A full list takes nothing more: the text's key is not worth working out.
      if (list.length >= MAX_FAULT_EXAMPLES) continue;
      let texts = seen.get(fault);
      if (texts === undefined) seen.set(fault, (texts = new Set<string>()));
      // A record without text (faults from a fault column) is its own example.
      const key = item.text?.trim() ? exampleKey(item.text) : `\u0000${item.id}`;
      if (!texts.has(key)) {
        list.push(item.id);
        texts.add(key);
        if (list.length === MAX_FAULT_EXAMPLES) full?.(fault);
      }
    }
  }
  return examples;
}
