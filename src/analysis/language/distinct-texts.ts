/**
 * Analyse each distinct text once: retweets and copy-paste storms repeat the
 * same words thousands of times, and NLP is the slow part of the pipeline.
 */

/** Optional cache across runs, keyed by a version and the text (Node keeps it on disk). */
export interface TextCache<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
}

/** Maps `fn` over the distinct texts of `items`, returning results by text and how many were distinct. */
export function mapDistinct<T>(texts: Iterable<string>, fn: (text: string) => T, cache?: { version: string; store: TextCache<T> }): { byText: Map<string, T>; distinct: number } {
  const byText = new Map<string, T>();
  for (const text of texts) {
    if (byText.has(text)) continue;
    const key = cache ? `${cache.version}\u0000${text}` : '';
    let value = cache?.store.get(key);
    if (value === undefined) {
      value = fn(text);
      cache?.store.set(key, value);
    }
    byText.set(text, value);
  }
  return { byText, distinct: byText.size };
}
