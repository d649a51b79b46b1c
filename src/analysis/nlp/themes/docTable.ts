/**
 * Document ↔ message bookkeeping: which messages each distinct document
 * stands for (CSR lists), how much each document counts as evidence (a
 * flood once), and which documents hold each phrase.
 */
import type { RowList } from '../../model.ts';
import type { IndexedDocs } from '../phrases/corpus.ts';
import { isRetweetText } from '../retweets.ts';
import { carriedLabels, type TextLabels, type TextMessage } from '../phrases/types.ts';

/** Per-document message lists. */
export interface DocTable {
  /** Messages per document. */
  weight: Int32Array;
  /** CSR offsets into `members`. */
  memberStart: Int32Array;
  /** Message indices, grouped by document, ascending within each. */
  members: Int32Array;
  /**
   * Evidence weight of each document: 1 for the root of a fold cluster, 0
   * for its copies — phrase counts and scores count a flood once; a short
   * text (IndexedDocs.short) counts each of its messages but retweets.
   */
  evidence: Int32Array;
  /** Messages in each fold cluster, by its root (0 for other documents). */
  copies: Int32Array;
}

/**
 * @param distinctOf message → distinct raw text (-1 = excluded)
 * @param docs distinct raw text → document
 * @param labels the messages' labels (retweet flags), when they do not carry them
 */
export function buildDocTable(messages: RowList<TextMessage>, distinctOf: Int32Array, docs: IndexedDocs, labels: TextLabels = carriedLabels(messages)): DocTable {
  const weight = new Int32Array(docs.count);
  for (let i = 0; i < messages.length; i++) {
    const t = distinctOf[i]!;
    if (t >= 0) weight[docs.docOfText[t]!]!++;
  }
  const memberStart = new Int32Array(docs.count + 1);
  for (let d = 0; d < docs.count; d++) memberStart[d + 1] = memberStart[d]! + weight[d]!;
  const fill = memberStart.slice(0, docs.count);
  const members = new Int32Array(memberStart[docs.count]!);
  for (let i = 0; i < messages.length; i++) {
    const t = distinctOf[i]!;
    if (t >= 0) members[fill[docs.docOfText[t]!]!++] = i;
  }
  const evidence = new Int32Array(docs.count);
  const copies = new Int32Array(docs.count);
  for (let d = 0; d < docs.count; d++) {
    const root = docs.foldOf[d]!;
    copies[root]! += weight[d]!;
    if (root !== d) continue;
    if (docs.short[d] === 0) evidence[d] = 1;
    else {
      let originals = 0;
      for (let k = memberStart[d]!; k < memberStart[d + 1]!; k++) {
        const i = members[k]!;
        if (!labels.retweet(i) && !isRetweetText(messages.at(i)!.text)) originals++;
      }
      evidence[d] = Math.max(1, originals);
    }
  }
  return { weight, memberStart, members, evidence, copies };
}

/** Documents holding each of the given phrases (ascending document order). */
export function phraseDocLists(docs: IndexedDocs, phrases: ReadonlySet<number>): Map<number, Int32Array> {
  const lists = new Map<number, number[]>();
  for (const p of phrases) lists.set(p, []);
  for (let d = 0; d < docs.count; d++) {
    for (let k = docs.phraseStart[d]!; k < docs.phraseStart[d + 1]!; k++) {
      lists.get(docs.phrases[k]!)?.push(d);
    }
  }
  const out = new Map<number, Int32Array>();
  for (const [p, list] of lists) out.set(p, Int32Array.from(list));
  return out;
}
