/**
 * Example messages for each fault: the earliest ones, messages and cases in
 * one time line, one per distinct text (a retweet, the same words addressed to
 * another handle or a complaint filed twice is one example, not two). Chosen
 * here, once, so every page and the bundle quote the same examples.
 */
import { CASE_PREFIX, type Case, type Message } from '../model.ts';
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

/**
 * Fault id → up to {@link MAX_FAULT_EXAMPLES} example ids (cases as `case:<id>`),
 * earliest first. `faultsOf` gives the faults of a message or prefixed case id
 * (several when a fault column names several): a record may be an example of each.
 */
export function faultExamples(messages: readonly Message[], cases: readonly Case[], faultsOf: (id: string) => readonly string[] | undefined): Map<string, string[]> {
  // Only records with a fault take part (a stable sort keeps the order of the rest as it was: messages before cases at one time).
  const items: { id: string; at: number; text: string | null; faults: readonly string[] }[] = [];
  for (const m of messages) {
    const faults = faultsOf(m.id);
    if (faults?.length) items.push({ id: m.id, at: m.createdAt, text: m.text, faults });
  }
  for (const c of cases) {
    const faults = faultsOf(CASE_PREFIX + c.id);
    if (faults?.length) items.push({ id: CASE_PREFIX + c.id, at: c.openedAt, text: c.text, faults });
  }
  items.sort((a, b) => a.at - b.at);
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
      }
    }
  }
  return examples;
}
