/**
 * Turning phrase groups into reported themes: label (label.ts), top phrases,
 * volume over time, sentiment mix, representative messages, and emerging
 * ranking. Volumes count messages (every copy of a flood belongs to its
 * theme); phrase counts count distinct posts (scorePhrases).
 */
import type { RowList } from '../../model.ts';
import { bucketIndex, bucketRange } from '../phrases/buckets.ts';
import type { IndexedDocs } from '../phrases/corpus.ts';
import { bestSurface, type DiscoveredPhrase } from '../phrases/discover.ts';
import { isRetweetText } from '../retweets.ts';
import type { SentimentMix, TextLabels, TextMessage } from '../phrases/types.ts';
import type { DocTable } from './docTable.ts';
import { EMERGING_RULE, rankEmerging } from './emerging.ts';
import type { Grouping } from './group.ts';
import { labelCandidates, pickLabel } from './label.ts';
import type { ResolvedThemesOptions } from './options.ts';
import { pickRepresentatives, RepresentativeScratch, type Quote } from './representatives.ts';
import type { ScoredPhrases } from './scorePhrases.ts';
import type { EmergingTheme, EmergingTooFew, RankedTheme, Theme } from './types.ts';

/** Everything the describing step reads. */
export interface DescribeInput {
  messages: RowList<TextMessage>;
  /** The messages' sentiment labels and retweet flags. */
  labels: TextLabels;
  dictionary: readonly DiscoveredPhrase[];
  docs: IndexedDocs;
  table: DocTable;
  scored: ScoredPhrases;
  grouping: Grouping;
  docsOf: ReadonlyMap<number, Int32Array>;
  opts: ResolvedThemesOptions;
}

/** Round for stable, readable output. */
export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** URL-safe slug of a label. */
export function slug(label: string): string {
  return label.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'theme';
}

interface GroupStats {
  volume: number[];
  sentiment: SentimentMix;
  hasSentiment: boolean;
  before: number;
  during: number;
  /** Posts as evidence (docTable.ts: a flood once). */
  posts: number;
}

/** The "during" window of emerging themes: onset → end of the peak's bucket. */
function windows(opts: ResolvedThemesOptions): { onset: number; end: number } | undefined {
  const onset = opts.onset ?? opts.baselineEnd;
  if (onset === undefined) return undefined;
  const end = opts.peak !== undefined ? Math.floor(opts.peak / opts.bucketMs) * opts.bucketMs + opts.bucketMs : Infinity;
  return { onset, end };
}

/** An original message of document `doc` (not a retweet, a customer's when there is one), or null. */
function quoteOf(messages: RowList<TextMessage>, labels: TextLabels, table: DocTable, doc: number): Quote | null {
  let brand: Quote | null = null;
  for (let k = table.memberStart[doc]!; k < table.memberStart[doc + 1]!; k++) {
    const i = table.members[k]!;
    const m = messages.at(i)!;
    if (labels.retweet(i) || isRetweetText(m.text)) continue;
    if (!m.isBrand) return { message: i, customer: true };
    brand ??= { message: i, customer: false };
  }
  return brand;
}

/** Build themes (strongest first, at most maxThemes; `themesTotal` counts every group that qualified) and the emerging ranking. */
export function describeThemes(input: DescribeInput): {
  bucketStarts: number[];
  themes: Theme[];
  themesTotal: number;
  ranking: RankedTheme[];
  emerging: EmergingTheme[];
  emergingTooFew: EmergingTooFew[];
  emergingRule: string;
} {
  const { messages, labels, table, grouping, opts } = input;
  const analysed: number[] = [];
  for (let d = 0; d < input.docs.count; d++) {
    for (let k = table.memberStart[d]!; k < table.memberStart[d + 1]!; k++) analysed.push(messages.at(table.members[k]!)!.createdAt);
  }
  const range = bucketRange(analysed, opts.bucketMs);
  const win = windows(opts);
  let totalBefore = 0;
  let totalDuring = 0;
  if (win !== undefined) {
    for (const t of analysed) {
      if (t < win.onset) totalBefore++;
      else if (t < win.end) totalDuring++;
    }
  }

  const stats: GroupStats[] = grouping.groups.map(() => ({
    volume: new Array<number>(range.starts.length).fill(0),
    sentiment: { negative: 0, neutral: 0, positive: 0 },
    hasSentiment: false,
    before: 0,
    during: 0,
    posts: 0,
  }));
  for (let d = 0; d < input.docs.count; d++) {
    const groups = grouping.docGroups[d];
    if (groups === undefined) continue;
    for (const g of groups) stats[g]!.posts += table.evidence[d]!;
    for (let k = table.memberStart[d]!; k < table.memberStart[d + 1]!; k++) {
      const i = table.members[k]!;
      const m = messages.at(i)!;
      const sentiment = labels.sentiment(i);
      const b = bucketIndex(range, m.createdAt);
      for (const g of groups) {
        const s = stats[g]!;
        if (b >= 0) s.volume[b]!++;
        if (sentiment !== undefined) {
          s.sentiment[sentiment]++;
          s.hasSentiment = true;
        }
        if (win !== undefined) {
          if (m.createdAt < win.onset) s.before++;
          else if (m.createdAt < win.end) s.during++;
        }
      }
    }
  }

  const total = Math.max(1, analysed.length);
  // Strength = volume × the theme's average log2 over-representation: big
  // themes lead, but a big theme of near-ordinary words ("date", "asked")
  // ranks below a smaller, distinctive one ("dispute").
  const strength = grouping.groups.map((group, g) => {
    let score = 0;
    let count = 0;
    for (const p of group) {
      score += input.scored.score[p]!;
      count += input.scored.count[p]!;
    }
    return count > 0 ? (grouping.volume[g]! * score) / count : 0;
  });
  const qualified = grouping.groups
    .map((_, g) => g)
    .filter((g) => grouping.volume[g]! >= opts.minCount)
    .sort((a, b) => strength[b]! - strength[a]! || grouping.volume[b]! - grouping.volume[a]! || a - b);
  const order = qualified.slice(0, opts.maxThemes);
  const usedIds = new Set<string>();
  const usedLabels = new Set<string>();
  const sortedPhrases = (g: number): number[] => [...grouping.groups[g]!].sort((a, b) => input.scored.score[b]! - input.scored.score[a]! || a - b);
  // A stronger theme keeps its label; a weaker one with the same best label takes its next.
  const labelOf = (g: number, phrases: readonly number[]): string => {
    const label = pickLabel(labelCandidates(phrases, input.dictionary, input.scored.score, input.scored.count, stats[g]!.posts), usedLabels);
    usedLabels.add(label);
    return label;
  };
  // One set of per-document arrays for every theme's representatives (their pick clears what it set).
  const scratch = order.length ? new RepresentativeScratch(table.weight.length) : null;
  const themes: Theme[] = order.map((g) => {
    const phrases = sortedPhrases(g);
    const label = labelOf(g, phrases);
    let id = slug(label);
    for (let n = 2; usedIds.has(id); n++) id = `${slug(label)}-${n}`;
    usedIds.add(id);
    const reps = pickRepresentatives({
      phrases: grouping.groups[g]!,
      docsOf: input.docsOf,
      weight: table.weight,
      copies: table.copies,
      foldOf: input.docs.foldOf,
      tokenCount: input.docs.tokenCount,
      quote: (doc) => quoteOf(messages, labels, table, doc),
      count: opts.representatives,
    }, scratch!);
    const s = stats[g]!;
    const theme: Theme = {
      id,
      label,
      phrases: phrases.slice(0, opts.phrasesPerTheme).map((p) => ({
        phrase: bestSurface(input.dictionary[p]!),
        key: input.dictionary[p]!.key,
        count: input.scored.count[p]!,
        score: round(input.scored.score[p]!),
      })),
      phrasesTotal: phrases.length,
      messageCount: grouping.volume[g]!,
      share: round(grouping.volume[g]! / total, 4),
      volume: s.volume,
      representatives: reps.map((r) => ({
        id: messages.at(r.quote.message)!.id,
        text: messages.at(r.quote.message)!.text,
        copies: table.copies[input.docs.foldOf[r.doc]!]!,
      })),
    };
    if (s.hasSentiment) theme.sentiment = s.sentiment;
    return theme;
  });

  const { emerging, tooFew } =
    win === undefined
      ? { emerging: [], tooFew: [] }
      : rankEmerging(
          order.map((g, i) => ({ themeId: themes[i]!.id, label: themes[i]!.label, before: stats[g]!.before, during: stats[g]!.during })),
          totalBefore,
          totalDuring,
        );
  // Every qualified group, labelled as a theme would be: "the 12 strongest of 64" with all 64 in the bundle.
  const ranking: RankedTheme[] = qualified.map((g, i) => {
    const phrases = sortedPhrases(g);
    return {
      label: i < themes.length ? themes[i]!.label : labelOf(g, phrases),
      messageCount: grouping.volume[g]!,
      share: round(grouping.volume[g]! / total, 4),
      strength: round(strength[g]!),
      phrases: phrases.slice(0, opts.phrasesPerTheme).map((p) => bestSurface(input.dictionary[p]!)),
      phrasesTotal: phrases.length,
      keys: phrases.map((p) => input.dictionary[p]!.key),
    };
  });
  return { bucketStarts: range.starts, themes, themesTotal: qualified.length, ranking, emerging, emergingTooFew: tooFew, emergingRule: EMERGING_RULE };
}
