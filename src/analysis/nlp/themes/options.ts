/** Defaults for {@link ThemesOptions}. */
import type { ThemesOptions } from './types.ts';

/** Options with defaults applied. */
export type ResolvedThemesOptions = Required<Omit<ThemesOptions, 'baselineEnd' | 'onset' | 'peak'>> &
  Pick<ThemesOptions, 'baselineEnd' | 'onset' | 'peak'>;

/** Apply defaults; `messageCount` (analysed messages) scales the minimum phrase count. */
export function resolveThemesOptions(options: ThemesOptions, messageCount: number): ResolvedThemesOptions {
  return {
    brandHandles: options.brandHandles ?? [],
    bucketMs: options.bucketMs ?? 3_600_000,
    baselineEnd: options.baselineEnd,
    onset: options.onset,
    peak: options.peak,
    maxThemes: options.maxThemes ?? 12,
    phrasesPerTheme: options.phrasesPerTheme ?? 8,
    representatives: Math.min(10, Math.max(1, options.representatives ?? 4)),
    discoverySampleSize: options.discoverySampleSize ?? 4_000,
    discoveryCharBudget: options.discoveryCharBudget ?? 500_000,
    minCount: options.minCount ?? Math.max(3, Math.ceil(messageCount * 0.002)),
    maxShare: options.maxShare ?? 0.25,
    includeBrandMessages: options.includeBrandMessages ?? false,
  };
}
