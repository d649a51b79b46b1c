/**
 * Throughput of findThemes on the given texts (one core, in-process).
 * Wired into `npm run bench` by bench/run.ts.
 */
import { findThemes, type TextMessage } from '../src/analysis/nlp/themes/index.ts';

/** Options for {@link benchThemes}. */
export interface ThemesBenchOptions {
  brandHandles?: string[];
  /** Spread the messages over this many hours (default 48). */
  hours?: number;
}

/** Run findThemes once over `texts` and report posts per second. */
export async function benchThemes(
  texts: string[],
  options: ThemesBenchOptions = {},
): Promise<{ postsPerSecond: number; seconds: number; themes: number }> {
  const spanMs = (options.hours ?? 48) * 3_600_000;
  const messages: TextMessage[] = texts.map((text, i) => ({
    id: String(i),
    text,
    createdAt: Math.floor((i / Math.max(1, texts.length)) * spanMs),
    isBrand: false,
  }));
  const start = performance.now();
  const result = findThemes(messages, { brandHandles: options.brandHandles ?? [], bucketMs: 3_600_000 });
  const seconds = (performance.now() - start) / 1000;
  return { postsPerSecond: texts.length / seconds, seconds, themes: result.themes.length };
}

export default benchThemes;
