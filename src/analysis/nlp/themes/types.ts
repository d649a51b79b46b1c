/** Public option and result types of the themes analysis. */
import type { SentimentMix } from '../phrases/types.ts';

/** Options for {@link findThemes}. Every field is optional. */
export interface ThemesOptions {
  /** Brand account handles (with or without "@"); their names never become themes. */
  brandHandles?: readonly string[];
  /** Timeline bucket width in ms (default 1 hour). */
  bucketMs?: number;
  /**
   * End of the quiet period before the spike (epoch ms). When set (and the
   * quiet period has messages), phrases are weighted by how much more common
   * they became after it, instead of against ordinary English.
   */
  baselineEnd?: number;
  /**
   * Crisis onset (epoch ms): emerging themes compare the share of messages
   * before it with the share after it. Defaults to `baselineEnd`; without
   * either, `emerging` is empty.
   */
  onset?: number;
  /** Peak time (epoch ms): the "after" window ends with the peak's bucket (default: no end). */
  peak?: number;
  /** Most themes returned (default 12). */
  maxThemes?: number;
  /** Top phrases listed per theme (default 8). */
  phrasesPerTheme?: number;
  /** Representative messages per theme, 1–10 (default 4). */
  representatives?: number;
  /** Most distinct texts the tagger reads for phrase discovery (default 4,000). */
  discoverySampleSize?: number;
  /** Character budget of that sample (default 500,000: long complaints cost more). */
  discoveryCharBudget?: number;
  /**
   * Fewest messages a theme needs (default max(3, 0.2% of messages)). A
   * phrase needs the same share of posts (a flood of copies counting
   * once), at least 3.
   */
  minCount?: number;
  /**
   * Phrases in more than this share of messages usually describe the setting
   * ("flight" in airline complaints), not a theme (default 0.25). They stay
   * theme candidates only if they mark out a topic (another phrase lives
   * mostly inside them, as "charger" inside "battery"); the rest are
   * reported as `contextTerms`.
   */
  maxShare?: number;
  /** Include the brand's own messages (default false: themes are what customers raise). */
  includeBrandMessages?: boolean;
}

/** One phrase of a theme. */
export interface ThemePhrase {
  /** Readable form, the most common way it was written ("lost bags"). */
  phrase: string;
  /** Normalised matching key ("lose bag"). */
  key: string;
  /** Posts containing it, a copy-paste flood (retweets; identical or near-identical texts of six words or more) counted once. */
  count: number;
  /** Keyness score (count × log2 of over-representation). */
  score: number;
}

/** A message chosen to illustrate a theme. */
export interface RepresentativeMessage {
  /** An original message (never a retweet) with this text. */
  id: string;
  text: string;
  /** Messages carrying this text or a near-identical copy of it (retweets and copy-paste variants included). */
  copies: number;
}

/** A group of co-occurring phrases: one thing the crisis is about. */
export interface Theme {
  /** Stable slug of the label. */
  id: string;
  /** Readable label: a noun phrase of the theme's strongest phrases, as people wrote it ("firmware update"). */
  label: string;
  /** At most `phrasesPerTheme` (default 8): the strongest phrases, strongest first. */
  phrases: ThemePhrase[];
  /** Phrases the theme groups in all (see `ListTotal` in crisis/types.ts). */
  phrasesTotal: number;
  /** Messages mentioning any phrase of the theme. */
  messageCount: number;
  /** messageCount / analysed messages. */
  share: number;
  /** Messages per bucket, aligned with {@link ThemesResult.bucketStarts}. */
  volume: number[];
  /** Sentiment labels of the theme's messages (absent when no message had one). */
  sentiment?: SentimentMix;
  /** Typical messages: closest to the theme's phrase centroid; one per flood, never a retweet, customers first. */
  representatives: RepresentativeMessage[];
}

/** A theme whose share grew from before the onset to the peak. */
export interface EmergingTheme {
  themeId: string;
  label: string;
  /** Share of messages before the onset. */
  shareBefore: number;
  /** Share of messages from the onset to the end of the peak bucket (or the end of the data). */
  shareDuring: number;
  /** shareDuring − shareBefore (share points, 0–1). */
  growth: number;
  /** Messages in the theme in each window. */
  countBefore: number;
  countDuring: number;
}

/** A theme whose share grew with too few messages to tell whether it is emerging (no growth figure). */
export interface EmergingTooFew {
  themeId: string;
  label: string;
  /** Messages in the theme before the onset and from the onset to the peak. */
  countBefore: number;
  countDuring: number;
  /** Why there is no growth figure (“12 messages from the onset to the peak (at least 20 needed)”; the list it is in says “too few to tell”). */
  reason: string;
}

/** One theme of the full ranking: every phrase group that qualified, in the order `themes` takes the first of. */
export interface RankedTheme {
  /** Readable label, as a `Theme` would carry it. */
  label: string;
  /** Messages mentioning any phrase of the group. */
  messageCount: number;
  /** messageCount / analysed messages. */
  share: number;
  /** Ranking strength: messages × average over-representation of the group's phrases. */
  strength: number;
  /** The group's strongest phrases (at most `phrasesPerTheme`), strongest first. */
  phrases: string[];
  /** Phrases in the group. */
  phrasesTotal: number;
  /** Stemmed keys of every phrase in the group: what assigns a message to the theme (`phrases` is only the strongest few). */
  keys: string[];
}

/** Output of {@link findThemes}. */
export interface ThemesResult {
  version: string;
  /** Messages analysed (brand messages excluded unless asked). */
  messageCount: number;
  /** Distinct texts after folding duplicates, retweets and near-identical copies (each flood once). */
  distinctTexts: number;
  /** Distinct texts the tagger read to discover phrases. */
  discoverySample: number;
  /** How phrases were weighted. */
  weighting: 'background' | 'baseline';
  bucketMs: number;
  /** Start of every timeline bucket (epoch ms, UTC-aligned). */
  bucketStarts: number[];
  /** At most `maxThemes` (default 12): the strongest themes, message count × average over-representation of their phrases. */
  themes: Theme[];
  /** Themes found in all (phrase groups in enough messages), before the cut to `maxThemes`. */
  themesTotal: number;
  /** All `themesTotal` themes, strongest first: the bundle's full list (`list-themes.csv`), not report.json. */
  ranking: RankedTheme[];
  /** Themes that grew most from before `onset` to `peak`, each with enough messages to tell (empty without onset; see `emergingRule`). */
  emerging: EmergingTheme[];
  /** Themes that grew but with too few messages to tell: no growth figure (findThemes always sets it). */
  emergingTooFew?: EmergingTooFew[];
  /** When a theme counts as emerging (findThemes always sets it). */
  emergingRule?: string;
  /** At most 10: phrases too widespread to be a theme (above `maxShare`). */
  contextTerms: ThemePhrase[];
  /** Such phrases in all. */
  contextTermsTotal: number;
  /** All `contextTermsTotal` of them, most common first: the bundle's `list-context-terms.csv`, not report.json. */
  contextRanking: ThemePhrase[];
}
