/**
 * Themes: what a crisis is about, found without configuration.
 *
 * ```ts
 * const result = findThemes(messages, { brandHandles: ['@united'], bucketMs: 3_600_000 });
 * result.themes[0].label; // "cancelled flight"
 * ```
 */
export { findThemes, finishThemes, prepareThemes, themesDictionary, themesFromIndex, THEMES_VERSION, type PreparedThemes, type ThemesDictionary, type ThemesIndex } from './findThemes.ts';
export type {
  EmergingTheme,
  EmergingTooFew,
  RepresentativeMessage,
  Theme,
  ThemePhrase,
  ThemesOptions,
  ThemesResult,
} from './types.ts';
export type { SentimentLabel, SentimentMix, TextLabels, TextMessage } from '../phrases/types.ts';
