/**
 * The `themes` analysis: what the crisis is about, found without
 * configuration (see nlp/themes), plus a `themes` column listing the theme ids
 * whose phrases each message contains.
 */
import { setCaseColumn, setColumn, type Analysis, type AnalysisContext } from '../runner/analysis.ts';
import { PhraseMatcher } from '../nlp/phrases/matcher.ts';
import { tokenizeStems } from '../nlp/phrases/tokenize.ts';
import { keyParts, lookUp } from '../cache.ts';
import { textLength, type Started } from '../parallel/text-mapper.ts';
import type { ChunkTaskResult } from '../parallel/text-tasks.ts';
import { startedWork } from '../runner/started-work.ts';
import { mergeDiscovered } from '../nlp/phrases/discover.ts';
import { indexDocuments, type IndexedDocs } from '../nlp/phrases/corpus.ts';
import { prepareThemes, themesDictionary, themesFromIndex, THEMES_VERSION, type PreparedThemes, type ThemesDictionary, type ThemesIndex } from '../nlp/themes/index.ts';
import type { ThemesResult } from '../nlp/themes/types.ts';
import type { TextLabels, TextMessage } from '../nlp/phrases/types.ts';
import { CASE_PREFIX, type RowList } from '../model.ts';
import { distinctMessageTexts } from '../core/distinct-texts.ts';
import { inputKey, labelledTexts, timelineFrame } from './text-messages.ts';

export const themesAnalysis: Analysis = {
  name: 'themes',
  needs: ['timeline'],
  needsColumns: ['sentiment'],
  sections: ['themes'],
  columns: ['themes'],
  lists: ['themes', 'context-terms'],
  prefetch: (ctx) => themesWork.prefetch(ctx),
  // Its phrase discovery and document index run on a worker thread meanwhile (indexEarly).
  runLate: true,
  async run(ctx) {
    const found = await foundThemes(ctx);
    if (!found) return;
    const { items, source, result, indexed } = found;
    // The rankings in full go to the bundle's lists; report.json keeps the strongest themes and the "of M".
    const { ranking, contextRanking, ...section } = result;
    ctx.report.sections.themes = { source, ...section };
    ctx.lists.add({
      name: 'themes',
      columns: [{ name: 'rank' }, { name: 'theme', kind: 'text' }, { name: 'messages' }, { name: 'share' }, { name: 'strength' }, { name: 'phrases', kind: 'text' }, { name: 'phrases_total' }],
      rows: ranking.map((t, i) => [i + 1, t.label, t.messageCount, t.share, t.strength, t.phrases.join('; '), t.phrasesTotal]),
    });
    ctx.lists.add({
      name: 'context-terms',
      columns: [{ name: 'phrase', kind: 'text' }, { name: 'messages' }, { name: 'score' }],
      rows: contextRanking.map((c) => [c.phrase, c.count, c.score]),
    });
    if (!result.themes.length) return;
    const themesOf = indexed ? fromIndex(result, indexed.index, indexed.distinct) : null;
    const tokenized = byTokenizing(result);
    // Which themes a message (or case narrative) belongs to: any of the theme's phrases in its words.
    // The index answers by position; only texts it cannot tell are tokenized, once per text (most texts are distinct:
    // a map of every text would hash a million of them for nothing).
    const byText = new Map<string, string>();
    items.forEach((m, i) => {
      if (m.isBrand) return;
      let ids = themesOf?.(i) ?? byText.get(m.text);
      if (ids === undefined) byText.set(m.text, (ids = tokenized(m.text)));
      if (!ids) return;
      if (source === 'cases') setCaseColumn(ctx, m.id.slice(CASE_PREFIX.length), 'themes', ids);
      else setColumn(ctx, m.id, 'themes', ids);
    });
  },
};

/** The themes' input, and their cached result or their phrase discovery under way. */
type ThemesWork = { items: RowList<TextMessage>; source: 'messages' | 'cases' } & (
  | { cachedResult: ThemesResult }
  | { pending: { prepared: PreparedThemes; discovery: Started<ChunkTaskResult<'phrases'>[]>; indexing: EarlyIndex; store: (result: ThemesResult) => Promise<void> } }
);

/** The document index started on a worker thread as soon as the workers have found the phrases (see {@link indexEarly}). */
interface EarlyIndex {
  started?: { found: ThemesDictionary; docs: Started<IndexedDocs[]> };
  /** Set when the themes no longer wait for it: an index started after that would be built twice. */
  taken?: boolean;
}

/**
 * Distinct texts, in characters, up to which the document index is started early on a worker thread: the worker
 * holds a copy of them while it works. Past it (a few million posts) the index is built on this thread, as the
 * memory of a larger crisis matters more than its few seconds.
 */
const EARLY_INDEX_CHARS = 250_000_000;

/**
 * Once the workers have found the sample's phrases, starts the document index of every distinct text on a worker
 * thread (tokenizing and matching them is most of the themes stage: 6 of a million posts' 9 s there, on the one
 * thread that runs every analysis, while the worker sat idle). The analyses that run before the themes (faults
 * among them) go on here meanwhile. A mapper without threads never settles its discovery ahead, so nothing starts.
 */
function indexEarly(ctx: AnalysisContext, prepared: PreparedThemes, discovery: Started<ChunkTaskResult<'phrases'>[]>): EarlyIndex {
  const early: EarlyIndex = {};
  const texts = prepared.distinct.texts;
  if (!discovery.settled || textLength(texts) > EARLY_INDEX_CHARS) return early;
  discovery.settled
    .then(async () => {
      const found = themesDictionary(prepared, mergeDiscovered(await discovery.join()));
      if (early.taken) return;
      early.started = { found, docs: ctx.textMapper.startChunks('doc-index', { phrases: found.dictionary.map((p) => p.stems) }, texts) };
    })
    // A failed discovery fails again where the themes join it.
    .catch(() => {});
  return early;
}

// Phrase discovery (the tagger, on a sample) is the slow step: started once the timeline is there, it runs on the
// host's worker threads while the crisis analyses run here.
const themesWork = startedWork(async (ctx): Promise<ThemesWork | null> => {
  // Retweets the export flags are never quoted as examples (labels.retweet).
  const { items, labels, source } = labelledTexts(ctx);
  if (!items.some((m) => !m.isBrand)) return null;
  const frame = timelineFrame(ctx);
  const options = { brandHandles: ctx.config.brand.handles, bucketMs: frame.bucketMs, onset: frame.onset, peak: frame.peak };
  const entry = await lookUp<ThemesResult>(ctx.cache, 'themes', keyParts(THEMES_VERSION, JSON.stringify(options), inputKey(items, labels), 'retweets', retweetIds(items, labels)));
  if (entry.value !== undefined) return { items, source, cachedResult: entry.value };
  // Items are the messages in order, so the texts the sentiment analysis collapsed serve here too.
  const prepared = prepareThemes(items, options, source === 'messages' ? distinctMessageTexts(ctx.messages) : undefined, labels);
  const discovery = ctx.textMapper.startChunks('phrases', {}, prepared.sampleTexts);
  return { items, source, pending: { prepared, discovery, indexing: indexEarly(ctx, prepared, discovery), store: (r) => entry.store(r) } };
});

/**
 * The themes, from the cache or finished from the discovery {@link themesWork}
 * started, with the phrase index they were found with when they were found
 * now. Its own function, so that the discovery's partial results and the
 * sample are garbage once the themes are made.
 */
async function foundThemes(ctx: AnalysisContext): Promise<{ items: RowList<TextMessage>; source: 'messages' | 'cases'; result: ThemesResult; indexed?: { index: ThemesIndex; distinct: PreparedThemes['distinct'] } } | null> {
  const work = await themesWork.take(ctx);
  if (!work) return null;
  const { items, source } = work;
  ctx.progress(`themes: ${items.length.toLocaleString('en-US')} texts`);
  if ('cachedResult' in work) return { items, source, result: work.cachedResult };
  const { prepared, discovery, indexing, store } = work.pending;
  let indexed: { index: ThemesIndex; distinct: PreparedThemes['distinct'] } | undefined;
  // The index started early on a worker (taken here if no worker has begun it), else built here now: the same index.
  indexing.taken = true;
  const early = indexing.started;
  const found = early?.found ?? themesDictionary(prepared, mergeDiscovered(await discovery.join()));
  const docs = early ? (await early.docs.join())[0]! : indexDocuments(prepared.distinct.texts, found.matcher);
  const result = themesFromIndex(prepared, found, docs, (index) => (indexed = { index, distinct: prepared.distinct }));
  await store(result);
  return { items, source, result, indexed };
}

/** Ids of the messages flagged as retweets, made one at a time as a cache reads them. */
function retweetIds(items: RowList<TextMessage>, labels: TextLabels): Iterable<string> {
  return {
    *[Symbol.iterator]() {
      for (let i = 0; i < items.length; i++) if (labels.retweet(i)) yield items.at(i)!.id;
    },
  };
}

/**
 * Keys of every phrase of theme `i`, the phrases its message count counts: a
 * theme shows its strongest few (`phrases`), and assigning by those alone gave
 * the explorer and segments fewer messages than the themes page (2,334 vs
 * 2,489 for the smart-lock crisis's "auto update", 8 of its 13 phrases).
 */
function keysOf(result: ThemesResult, i: number): readonly string[] {
  return result.ranking[i]!.keys;
}

/** Theme ids of a text (`;`-joined, strongest theme first) by tokenizing it: the way when the themes came from the cache. */
function byTokenizing(result: ThemesResult): (text: string) => string {
  const phrases = result.themes.flatMap((t, i) => keysOf(result, i).map((key) => ({ theme: t.id, stems: key.split(' ') })));
  const matcher = new PhraseMatcher(phrases.map((p) => p.stems));
  const order = new Map(result.themes.map((t, i) => [t.id, i]));
  return (text) => {
    const found = new Set(matcher.distinct(tokenizeStems(text)).map((i) => phrases[i]!.theme));
    return [...found].sort((a, b) => order.get(a)! - order.get(b)!).join(';');
  };
}

/**
 * Theme ids of message `i` from the phrase index the themes were found with,
 * or null where that index cannot tell exactly: a text folded into another
 * document (a retweet, "RT …") carries that document's phrases, so it is
 * tokenized on its own.
 */
function fromIndex(result: ThemesResult, { docs, matcher }: ThemesIndex, distinct: PreparedThemes['distinct']): (i: number) => string | null {
  const themesOfPhrase = new Map<number, number[]>();
  result.themes.forEach((_, order) => {
    for (const key of keysOf(result, order)) {
      const k = matcher.indexOf(key);
      if (k >= 0) themesOfPhrase.set(k, [...(themesOfPhrase.get(k) ?? []), order]);
    }
  });
  const idsOf = (orders: Iterable<number>) => [...orders].sort((a, b) => a - b).map((t) => result.themes[t]!.id).join(';');
  // Up to 30 themes (12 by default), a message's set of themes is a bit mask, and its ids string is made once per
  // set, not once per message: a million messages made a million sets, arrays and strings here.
  // By the phrase's index in the matcher (beyond the largest of the themes' phrases: none).
  const masks = result.themes.length <= 30 ? new Int32Array(Math.max(0, ...themesOfPhrase.keys()) + 1) : null;
  if (masks) for (const [k, orders] of themesOfPhrase) masks[k] = orders.reduce((mask, t) => mask | (1 << t), 0);
  const idsOfMask = new Map<number, string>([[0, '']]);
  return (i) => {
    const text = distinct.of[i]!;
    if (text < 0) return null;
    const doc = docs.docOfText[text]!;
    if (docs.firstText[doc] !== text) return null;
    if (masks) {
      let mask = 0;
      for (let k = docs.phraseStart[doc]!; k < docs.phraseStart[doc + 1]!; k++) mask |= masks[docs.phrases[k]!] ?? 0;
      let ids = idsOfMask.get(mask);
      if (ids === undefined) idsOfMask.set(mask, (ids = idsOf(result.themes.flatMap((_, t) => (mask & (1 << t) ? [t] : [])))));
      return ids;
    }
    const found = new Set<number>();
    for (let k = docs.phraseStart[doc]!; k < docs.phraseStart[doc + 1]!; k++) for (const t of themesOfPhrase.get(docs.phrases[k]!) ?? []) found.add(t);
    return idsOf(found);
  };
}
