/**
 * A cache for the slow, pure results of language analyses, keyed by the
 * analysis version and its whole input (the texts, the taxonomy, options).
 * Rebuilding a site after editing a notebook then skips NLP entirely. Node
 * keeps it on disk (src/node/disk-cache.ts); without one, nothing is cached.
 */
export interface ResultCache {
  /** The value stored for exactly these parts, if any. */
  get<T>(namespace: string, parts: readonly string[]): Promise<T | undefined>;
  set(namespace: string, parts: readonly string[], value: unknown): Promise<void>;
}

/** Returns the cached value for `parts`, or computes, stores and returns it. */
export async function cached<T>(cache: ResultCache | undefined, namespace: string, parts: readonly string[], compute: () => T | Promise<T>): Promise<T> {
  if (!cache) return compute();
  const hit = await cache.get<T>(namespace, parts);
  if (hit !== undefined) return hit;
  const value = await compute();
  await cache.set(namespace, parts, value);
  return value;
}
