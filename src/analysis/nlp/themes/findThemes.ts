/**
 * findThemes: what a crisis is about, without configuration.
 *
 * Pipeline (each step in its own module):
 *  1. collapse duplicate texts and retweets            (phrases/corpus)
 *  2. tag a deterministic sample, one text per flood,
 *     with compromise and collect candidate phrases    (phrases/sample, discover)
 *  3. count those phrases over every message with the
 *     fast token matcher, folding near-identical
 *     copies so that a flood counts once               (phrases/matcher, floods, fold)
 *  4. weight them against ordinary English or the
 *     quiet period before the spike                    (keyness)
 *  5. group them by co-occurrence                      (group)
 *  6. describe each group: label, phrases, volume,
 *     sentiment, representative messages              (describe, label, representatives)
 *  7. rank emerging themes, where the counts allow     (emerging)
 */
import type { RowList } from '../../model.ts';
import { carriedLabels, type TextLabels, type TextMessage } from '../phrases/types.ts';
import { dedupeExact, restrictDistinct, type DistinctTexts } from '../../core/distinct-texts.ts';
import { indexDocuments, type IndexedDocs } from '../phrases/corpus.ts';
import { bestSurface, discoverPhrases, type DiscoveredPhrase } from '../phrases/discover.ts';
import { PhraseMatcher } from '../phrases/matcher.ts';
import { sampleFolded } from '../phrases/sample.ts';
import { brandPhraseFilter } from './brandFilter.ts';
import { buildDocTable, phraseDocLists } from './docTable.ts';
import { describeThemes, round } from './describe.ts';
import { groupPhrases } from './group.ts';
import { splitWidespread } from './context.ts';
import { scorePhrases } from './scorePhrases.ts';
import { phraseSimilarity } from './similarity.ts';
import { resolveThemesOptions } from './options.ts';
import type { ThemesOptions, ThemesResult } from './types.ts';

/** Bump when output for the same input changes (cache key). */
export const THEMES_VERSION = 'themes-6';

/**
 * Find the themes of a set of messages.
 * @param messages the crisis messages (any order)
 * @param options see {@link ThemesOptions}
 */
export function findThemes(messages: RowList<TextMessage>, options: ThemesOptions = {}): ThemesResult {
  const prepared = prepareThemes(messages, options);
  return finishThemes(prepared, discoverPhrases(prepared.sampleTexts));
}

/** Steps 1–2 up to the tagger: the distinct texts and the sample phrase discovery runs on. */
export interface PreparedThemes {
  messages: RowList<TextMessage>;
  /** The messages' sentiment labels and retweet flags. */
  labels: TextLabels;
  opts: ReturnType<typeof resolveThemesOptions>;
  messageCount: number;
  distinct: ReturnType<typeof dedupeExact>;
  /** The discovery sample's texts, in sample order. */
  sampleTexts: string[];
}

/**
 * The part of {@link findThemes} before the tagger. Split out so a host can
 * run phrase discovery on the sample elsewhere (worker threads, in batches
 * merged with `mergeDiscovered`) and hand the phrases to {@link finishThemes}.
 * @param known the distinct texts of `messages` (every one included, {@link dedupeExact}) when the caller has them
 * @param labels the messages' labels, when they do not carry them (the crisis's own records)
 */
export function prepareThemes(messages: RowList<TextMessage>, options: ThemesOptions = {}, known?: DistinctTexts, labels: TextLabels = carriedLabels(messages)): PreparedThemes {
  const included = (i: number): boolean => options.includeBrandMessages === true || !messages.at(i)!.isBrand;
  let messageCount = 0;
  for (let i = 0; i < messages.length; i++) if (included(i)) messageCount++;
  const opts = resolveThemesOptions(options, messageCount);
  // 1–2. Distinct texts, then the sample phrase discovery runs on (a flood once).
  const distinct = known ? restrictDistinct(known, included) : dedupeExact(messages.map((m) => m.text), included);
  const sample = sampleFolded(distinct.texts, opts.discoverySampleSize, opts.discoveryCharBudget);
  return { messages, labels, opts, messageCount, distinct, sampleTexts: sample.map((i) => distinct.texts[i]!) };
}

/** The phrase index of every distinct text, as {@link finishThemes} built it (dictionary phrases by matcher index). */
export interface ThemesIndex {
  docs: IndexedDocs;
  matcher: PhraseMatcher;
}

/** The phrases the themes are counted by (step 3), and their matcher. */
export interface ThemesDictionary {
  /** Phrases found in the sample, sorted by key: a phrase's index is its matcher index. */
  dictionary: DiscoveredPhrase[];
  matcher: PhraseMatcher;
}

/** The dictionary of phrases discovered in the sample (`discovered`: {@link discoverPhrases} of it). */
export function themesDictionary(prepared: PreparedThemes, discovered: ReadonlyMap<string, DiscoveredPhrase>): ThemesDictionary {
  const dictionary = buildDictionary(discovered, prepared.sampleTexts.length, brandPhraseFilter(prepared.opts.brandHandles));
  return { dictionary, matcher: new PhraseMatcher(dictionary.map((p) => p.stems)) };
}

/**
 * The part of {@link findThemes} after the tagger: `discovered` is
 * {@link discoverPhrases} of the sample. `onIndexed` receives the phrase
 * index of the distinct texts, so a caller can assign themes without
 * tokenizing every text again.
 */
export function finishThemes(prepared: PreparedThemes, discovered: ReadonlyMap<string, DiscoveredPhrase>, onIndexed?: (index: ThemesIndex) => void): ThemesResult {
  const found = themesDictionary(prepared, discovered);
  return themesFromIndex(prepared, found, indexDocuments(prepared.distinct.texts, found.matcher), onIndexed);
}

/**
 * {@link finishThemes} from the phrase index of the distinct texts: {@link indexDocuments} of them with the
 * dictionary's matcher, here or on a worker thread (the `doc-index` chunk task, parallel/text-tasks.ts).
 */
export function themesFromIndex(prepared: PreparedThemes, { dictionary, matcher }: ThemesDictionary, docs: IndexedDocs, onIndexed?: (index: ThemesIndex) => void): ThemesResult {
  const { messages, labels, messageCount, distinct, opts } = prepared;
  // 3. Count over everything.
  onIndexed?.({ docs, matcher });
  const table = buildDocTable(messages, distinct.of, docs, labels);

  // 4. Weight, counting each fold cluster (a flood of copies) once.
  // The same share of the evidence (posts, a flood once) as minCount is of messages.
  let evidence = 0;
  for (const e of table.evidence) evidence += e;
  const minPhraseCount = Math.max(3, Math.ceil((opts.minCount * evidence) / Math.max(1, messageCount)));
  const scored = scorePhrases(dictionary, docs, table, messages, opts, minPhraseCount);

  // 5. Group the strongest phrases (widespread ones only if they mark out a topic).
  const top = scored.eligible.slice(0, Math.max(60, opts.maxThemes * 8));
  const docsOf = phraseDocLists(docs, new Set([...top, ...scored.context]));
  const widespread = splitWidespread({ wide: scored.context, candidates: top, dictionary, docsOf, documents: docs.count });
  const selected = [...top, ...widespread.themes].sort((a, b) => scored.score[b]! - scored.score[a]! || a - b);
  const contextFloor = Math.max(3, minPhraseCount / 2);
  const similarity = phraseSimilarity({
    phrases: selected,
    docs,
    weight: table.evidence,
    dictionarySize: dictionary.length,
    isContext: (p) => scored.count[p]! >= contextFloor,
  });
  const grouping = groupPhrases({ phrases: selected, similarity, docsOf, weight: table.weight });

  // 6–7. Describe.
  const described = describeThemes({ messages, labels, dictionary, docs, table, scored, grouping, docsOf, opts });
  return {
    version: THEMES_VERSION,
    messageCount,
    distinctTexts: docs.folds,
    discoverySample: prepared.sampleTexts.length,
    weighting: scored.weighting,
    bucketMs: opts.bucketMs,
    bucketStarts: described.bucketStarts,
    themes: described.themes,
    themesTotal: described.themesTotal,
    ranking: described.ranking,
    emerging: described.emerging,
    emergingTooFew: described.emergingTooFew,
    emergingRule: described.emergingRule,
    contextTerms: widespread.context.slice(0, 10).map((p) => ({
      phrase: bestSurface(dictionary[p]!),
      key: dictionary[p]!.key,
      count: scored.count[p]!,
      score: round(scored.score[p]!),
    })),
    contextTermsTotal: widespread.context.length,
    contextRanking: widespread.context.map((p) => ({
      phrase: bestSurface(dictionary[p]!),
      key: dictionary[p]!.key,
      count: scored.count[p]!,
      score: round(scored.score[p]!),
    })),
  };
}

/**
 * Keep phrases seen at least twice in a large sample (once in a small one)
 * that do not name the brand; sorted by key so indices are deterministic.
 */
function buildDictionary(
  discovered: ReadonlyMap<string, DiscoveredPhrase>,
  sampleSize: number,
  isBrand: (words: readonly string[]) => boolean,
): DiscoveredPhrase[] {
  const minSample = sampleSize >= 1000 ? 2 : 1;
  return [...discovered.values()]
    .filter((p) => p.sampleCount >= minSample && ![...p.surfaces.keys()].some((s) => isBrand(s.split(' '))))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
