/**
 * The `context:` fixes of `faults.suggested.yaml` (ambiguous keywords,
 * ambiguous.ts): read from the suggestions file, and the in-place edits of
 * crisis.yaml that move each keyword from its fault's `keywords:` to a new
 * `context:` entry (mergeSuggestedFaults in suggest-yaml.ts).
 */
import { isMap, isScalar, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { tokenizeStems } from '../phrases/tokenize.ts';
import { flowList, indentAt, lineEnd, type Edit } from './yaml-text.ts';

/** A `context:` entry of a suggestions file. */
export interface SuggestedContext {
  keywords: string[];
  near: string[];
  within?: number;
}

const strings = (x: unknown) => Array.isArray(x) && x.every((k) => typeof k === 'string');

/** The `context:` of a suggested fault, checked. */
export function readContext(value: unknown, where: string): SuggestedContext[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((entry: unknown, i) => {
    const at = Array.isArray(value) ? `${where}[${i}]` : where;
    const c = (entry ?? {}) as Record<string, unknown>;
    if (typeof entry !== 'object' || entry === null || !strings(c['keywords']) || !strings(c['near'])) throw new Error(`${at} must be { keywords: [...], near: [...] }`);
    const within = c['within'];
    if (within !== undefined && !(Number.isInteger(within) && (within as number) > 0)) throw new Error(`${at}.within must be a whole number ≥ 1`);
    return { keywords: c['keywords'] as string[], near: c['near'] as string[], ...(within !== undefined ? { within: within as number } : {}) };
  });
}


const stemKey = (k: unknown) => tokenizeStems(String(isScalar(k) ? k.value : k)).join(' ');
const contextText = (c: SuggestedContext) => `{ keywords: ${flowList(c.keywords)}, near: ${flowList(c.near)}${c.within !== undefined ? `, within: ${c.within}` : ''} }`;

/**
 * The edits that move ambiguous keywords of a fault from `keywords:` to new
 * `context:` entries. An entry whose keywords the fault already has under
 * `context:` and not in `keywords:` was accepted before and is skipped.
 * @throws Error when a keyword is in neither (it may come from the fault library)
 */
export function contextEdits(text: string, node: YAMLMap, wanted: readonly SuggestedContext[], id: string): { edits: Edit[]; entries: SuggestedContext[] } {
  const list = node.get('keywords', true);
  const items = isSeq(list) ? list.items : [];
  const existing = node.get('context', true);
  const written = (isMap(existing) || isSeq(existing) ? [existing.toJSON() as unknown].flat() : []) as { keywords?: unknown }[];
  const inContext = new Set(written.flatMap((c) => (Array.isArray(c?.keywords) ? c.keywords.map(stemKey) : [])));
  const remove = new Set<number>();
  const entries: SuggestedContext[] = [];
  for (const c of wanted) {
    // Every spelling that matches the same ("error", "errors"): one left plain would still count without context.
    const at = c.keywords.map((k) => items.flatMap((item, i) => (stemKey(item) === stemKey(k) ? [i] : [])));
    if (at.every((i) => i.length === 0) && c.keywords.every((k) => inContext.has(stemKey(k)))) continue;
    const missing = c.keywords.filter((_, i) => at[i]!.length === 0);
    if (missing.length) throw new Error(`crisis.yaml: faults.${id}.keywords has no "${missing.join('", "')}" to move under context: (a keyword of the fault library is moved in data/faults.yaml); edit by hand`);
    for (const i of at.flat()) remove.add(i);
    entries.push(c);
  }
  if (!entries.length) return { edits: [], entries };
  if (remove.size === items.length) throw new Error(`crisis.yaml: moving every keyword of faults.${id} under context: would leave it none; edit by hand`);
  const seq = list as unknown as YAMLSeq;
  const edits: Edit[] = [];
  for (const i of remove) {
    const item = items[i] as Node;
    if (!seq.flow) {
      // The item's whole line.
      const start = text.lastIndexOf('\n', item.range![0]) + 1;
      edits.push({ start, end: Math.min(text.length, lineEnd(text, item.range![0]) + 1), text: '' });
    } else if (i < items.length - 1) {
      // The item and the comma after it, up to the next item or comment (comments in the list stay); at a line's end, the space before it too.
      const comma = text.indexOf(',', item.range![1]);
      let end = comma + 1;
      while (text[end] === ' ') end++;
      let start = item.range![0];
      if (text[end] === '\n' || text[end] === '\r') while (text[start - 1] === ' ') start--;
      edits.push({ start, end, text: '' });
    } else {
      // The last item and the comma before it (only the comma, when a comment stands between them).
      const before = text.lastIndexOf(',', item.range![0]);
      const between = text.slice(before + 1, item.range![0]);
      if (between.includes('#')) edits.push({ start: before, end: before + 1, text: '' }, { start: item.range![0], end: item.range![1], text: '' });
      else edits.push({ start: before, end: item.range![1], text: '' });
    }
  }
  if (isSeq(existing) && existing.items.length) {
    edits.push(
      existing.flow
        ? { start: text.lastIndexOf(']', existing.range![1]), end: text.lastIndexOf(']', existing.range![1]), text: entries.map((c) => `, ${contextText(c)}`).join('') }
        : (() => {
            const last = existing.items.at(-1) as Node;
            const at = lineEnd(text, last.range![1] - 1);
            return { start: at, end: at, text: entries.map((c) => `\n${indentAt(text, last.range![0])}- ${contextText(c)}`).join('') };
          })(),
    );
  } else if (isMap(existing) && existing.flow) {
    edits.push({ start: existing.range![0], end: existing.range![1], text: `[${text.slice(existing.range![0], existing.range![1])}, ${entries.map(contextText).join(', ')}]` });
  } else if (existing !== undefined && existing !== null) {
    throw new Error(`crisis.yaml: faults.${id}.context is written in a form this cannot extend; add ${entries.map(contextText).join(', ')} by hand`);
  } else if (node.flow) {
    const last = node.items.at(-1)!;
    const at = ((last.value ?? last.key) as Node).range![1];
    edits.push({ start: at, end: at, text: `, context: [${entries.map(contextText).join(', ')}]` });
  } else {
    const last = node.items.at(-1)!;
    const at = lineEnd(text, ((last.value ?? last.key) as Node).range![2] - 1);
    const indent = indentAt(text, (last.key as Node).range![0]);
    edits.push({ start: at, end: at, text: `\n${indent}context:${entries.map((c) => `\n${indent}  - ${contextText(c)}`).join('')}` });
  }
  return { edits, entries };
}

