/**
 * Turning phrase groups into reported themes: label, top phrases, volume
 * over time, sentiment mix, representative messages, and emerging ranking.
 */
import { bucketIndex, bucketRange } from '../phrases/buckets.ts';
import type { IndexedDocs } from '../phrases/corpus.ts';
import { bestSurface, type DiscoveredPhrase } from '../phrases/discover.ts';
import type { SentimentMix, TextMessage } from '../phrases/types.ts';
import type { DocTable } from './docTable.ts';
import { intersectionSize } from './context.ts';
import { rankEmerging } from './emerging.ts';
import type { Grouping } from './group.ts';
import type { ResolvedThemesOptions } from './options.ts';
import { pickRepresentatives } from './representatives.ts';
import type { ScoredPhrases } from './scorePhrases.ts';
import type { EmergingTheme, RankedTheme, Theme } from './types.ts';

/** Everything the describing step reads. */
export interface DescribeInput {
  messages: readonly TextMessage[];
  dictionary: readonly DiscoveredPhrase[];
  docs: IndexedDocs;
  table: DocTable;
  scored: ScoredPhrases;
  grouping: Grouping;
  docsOf: ReadonlyMap<number, Int32Array>;
  opts: ResolvedThemesOptions;
  distinctTexts: readonly string[];
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
}

/** The "during" window of emerging themes: onset → end of the peak's bucket. */
function windows(opts: ResolvedThemesOptions): { onset: number; end: number } | undefined {
  const onset = opts.onset ?? opts.baselineEnd;
  if (onset === undefined) return undefined;
  const end = opts.peak !== undefined ? Math.floor(opts.peak / opts.bucketMs) * opts.bucketMs + opts.bucketMs : Infinity;
  return { onset, end };
}

/**
 * Label: the strongest phrase, plus the next strong phrase (≥ 40% of its
 * score) that shares no word with it and mostly appears without it —
 * "called / hold", "gate / agent" — which names the theme better than
 * either alone. A phrase that nearly always rides along with the first
 * ("flightled" with "cancelled") adds nothing and is skipped.
 */
function themeLabel(
  phrases: readonly number[],
  dictionary: readonly DiscoveredPhrase[],
  score: Float64Array,
  docsOf: ReadonlyMap<number, Int32Array>,
): string {
  const first = dictionary[phrases[0]!]!;
  // A three-word phrase is already specific enough.
  if (first.stems.length >= 3) return bestSurface(first);
  const firstDocs = docsOf.get(phrases[0]!) ?? new Int32Array(0);
  for (const p of phrases.slice(1)) {
    if (score[p]! < 0.4 * score[phrases[0]!]!) break;
    const entry = dictionary[p]!;
    if (entry.stems.some((s) => first.stems.includes(s))) continue;
    const docs = docsOf.get(p) ?? new Int32Array(0);
    if (docs.length === 0 || intersectionSize(docs, firstDocs) / docs.length >= 0.6) continue;
    return `${bestSurface(first)} / ${bestSurface(entry)}`;
  }
  return bestSurface(first);
}

/** Build themes (strongest first, at most maxThemes; `themesTotal` counts every group that qualified) and the emerging ranking. */
export function describeThemes(input: DescribeInput): { bucketStarts: number[]; themes: Theme[]; themesTotal: number; ranking: RankedTheme[]; emerging: EmergingTheme[] } {
  const { messages, table, grouping, opts } = input;
  const analysed: number[] = [];
  for (let d = 0; d < input.docs.count; d++) {
    for (let k = table.memberStart[d]!; k < table.memberStart[d + 1]!; k++) analysed.push(messages[table.members[k]!]!.createdAt);
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
  }));
  for (let d = 0; d < input.docs.count; d++) {
    const groups = grouping.docGroups[d];
    if (groups === undefined) continue;
    for (let k = table.memberStart[d]!; k < table.memberStart[d + 1]!; k++) {
      const m = messages[table.members[k]!]!;
      const b = bucketIndex(range, m.createdAt);
      for (const g of groups) {
        const s = stats[g]!;
        if (b >= 0) s.volume[b]!++;
        if (m.sentiment !== undefined) {
          s.sentiment[m.sentiment]++;
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
  const themes: Theme[] = order.map((g) => {
    const phrases = [...grouping.groups[g]!].sort((a, b) => input.scored.score[b]! - input.scored.score[a]! || a - b);
    const label = themeLabel(phrases, input.dictionary, input.scored.score, input.docsOf);
    let id = slug(label);
    for (let n = 2; usedIds.has(id); n++) id = `${slug(label)}-${n}`;
    usedIds.add(id);
    const reps = pickRepresentatives({
      phrases: grouping.groups[g]!,
      docsOf: input.docsOf,
      weight: table.weight,
      tokenCount: input.docs.tokenCount,
      count: opts.representatives,
    });
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
      representatives: reps.map((d) => ({
        id: messages[table.members[table.memberStart[d]!]!]!.id,
        text: input.distinctTexts[input.docs.firstText[d]!]!,
        copies: table.weight[d]!,
      })),
    };
    if (s.hasSentiment) theme.sentiment = s.sentiment;
    return theme;
  });

  const emerging =
    win === undefined
      ? []
      : rankEmerging(
          order.map((g, i) => ({ themeId: themes[i]!.id, label: themes[i]!.label, before: stats[g]!.before, during: stats[g]!.during })),
          totalBefore,
          totalDuring,
          opts.minCount,
        );
  // Every qualified group, labelled as a theme would be: "the 12 strongest of 64" with all 64 in the bundle.
  const ranking: RankedTheme[] = qualified.map((g, i) => {
    const phrases = [...grouping.groups[g]!].sort((a, b) => input.scored.score[b]! - input.scored.score[a]! || a - b);
    return {
      label: i < themes.length ? themes[i]!.label : themeLabel(phrases, input.dictionary, input.scored.score, input.docsOf),
      messageCount: grouping.volume[g]!,
      share: round(grouping.volume[g]! / total, 4),
      strength: round(strength[g]!),
      phrases: phrases.slice(0, opts.phrasesPerTheme).map((p) => bestSurface(input.dictionary[p]!)),
      phrasesTotal: phrases.length,
    };
  });
  return { bucketStarts: range.starts, themes, themesTotal: qualified.length, ranking, emerging };
}
