/**
 * Counting and weighting every dictionary phrase; splits them into theme
 * candidates (strongest first) and context terms (too widespread).
 */
import type { RowList } from '../../model.ts';
import type { IndexedDocs } from '../phrases/corpus.ts';
import type { DiscoveredPhrase } from '../phrases/discover.ts';
import type { TextMessage } from '../phrases/types.ts';
import type { DocTable } from './docTable.ts';
import { backgroundRate } from '../phrases/background.ts';
import { baselineShare, keyness, LengthProfile } from './keyness.ts';
import type { ResolvedThemesOptions } from './options.ts';

/** Counts and scores, indexed like the dictionary. */
export interface ScoredPhrases {
  weighting: 'background' | 'baseline';
  /** Posts containing each phrase as evidence: a fold cluster (a flood of copies, retweets) counts once, a short text each time it was written. */
  count: Float64Array;
  score: Float64Array;
  /** Theme candidates: count ≥ the phrase floor, share ≤ maxShare, score > 0; best first. */
  eligible: number[];
  /** Over-represented but above maxShare (context-term candidates); most frequent first. */
  context: number[];
}

/**
 * Count and score the dictionary over all documents by their evidence
 * weight (docTable.ts: each fold cluster once, by its root's phrases);
 * against a baseline, a cluster counts before it by the share of its
 * messages that were.
 * @param minCount fewest posts a theme candidate needs
 */
export function scorePhrases(
  dictionary: readonly DiscoveredPhrase[],
  docs: IndexedDocs,
  table: DocTable,
  messages: RowList<TextMessage>,
  opts: ResolvedThemesOptions,
  minCount: number,
): ScoredPhrases {
  const n = dictionary.length;
  const count = new Float64Array(n);
  const before = new Float64Array(n);
  const baselineEnd = opts.baselineEnd;
  // Messages before the baseline's end, per fold cluster (by root) and in all.
  const clusterBefore = new Float64Array(baselineEnd === undefined ? 0 : docs.count);
  let messagesBefore = 0;
  if (baselineEnd !== undefined) {
    for (let d = 0; d < docs.count; d++) {
      let early = 0;
      for (let k = table.memberStart[d]!; k < table.memberStart[d + 1]!; k++) {
        if (messages.at(table.members[k]!)!.createdAt < baselineEnd) early++;
      }
      clusterBefore[docs.foldOf[d]!]! += early;
      messagesBefore += early;
    }
  }
  let total = 0;
  let totalBefore = 0;
  for (let d = 0; d < docs.count; d++) {
    const e = table.evidence[d]!;
    if (e === 0) continue;
    const eBefore = baselineEnd === undefined || table.copies[d] === 0 ? 0 : (e * clusterBefore[d]!) / table.copies[d]!;
    total += e;
    totalBefore += eBefore;
    for (let k = docs.phraseStart[d]!; k < docs.phraseStart[d + 1]!; k++) {
      const p = docs.phrases[k]!;
      count[p]! += e;
      before[p]! += eBefore;
    }
  }
  // A baseline needs enough quiet-period messages to say what "normal" is.
  const weighting = messagesBefore >= 50 && total - totalBefore > 0 ? 'baseline' : 'background';
  const profile = new LengthProfile(docs.tokenCount, table.evidence);
  const score = new Float64Array(n);
  const ratio = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const prior = profile.share(backgroundRate(dictionary[p]!.stems));
    const k =
      weighting === 'baseline'
        ? keyness(count[p]! - before[p]!, total - totalBefore, baselineShare(before[p]!, totalBefore, prior))
        : keyness(count[p]!, total, prior);
    score[p] = k.score;
    ratio[p] = k.ratio;
  }
  // Against ordinary English a theme must be clearly distinctive (4×);
  // against the quiet period, doubling is already news.
  const minRatio = weighting === 'baseline' ? 2 : 4;
  const eligible: number[] = [];
  const context: number[] = [];
  for (let p = 0; p < n; p++) {
    if (ratio[p]! < minRatio || count[p]! < minCount) continue;
    (count[p]! / Math.max(1, total) > opts.maxShare ? context : eligible).push(p);
  }
  const byKey = (a: number, b: number): number => (dictionary[a]!.key < dictionary[b]!.key ? -1 : 1);
  eligible.sort((a, b) => score[b]! - score[a]! || byKey(a, b));
  context.sort((a, b) => count[b]! - count[a]! || byKey(a, b));
  return { weighting, count, score, eligible, context };
}
