/**
 * A cache for the slow, pure results of language analyses, keyed by the
 * analysis version and its whole input (the texts, the taxonomy, options).
 * Rebuilding a site after editing a notebook then skips NLP entirely. Node
 * keeps it on disk (src/node/disk-cache.ts); without one, nothing is cached.
 */
export interface ResultCache {
  /** The key of exactly these parts in `namespace` (read once, in order: a million texts need not exist as one array). */
  key(namespace: string, parts: Iterable<string>): string;
  /** The value stored under `key`, if any. */
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
}

/** Returns the cached value for `parts`, or computes, stores and returns it. Without a cache, `parts` is never read. */
export async function cached<T>(cache: ResultCache | undefined, namespace: string, parts: Iterable<string>, compute: () => T | Promise<T>): Promise<T> {
  const entry = await lookUp<T>(cache, namespace, parts);
  if (entry.value !== undefined) return entry.value;
  const value = await compute();
  await entry.store(value);
  return value;
}

/** A cache entry looked up before its value is computed: the key is made once, for the read and the write. */
export interface CacheEntry<T> {
  /** The stored value, if any. */
  value: T | undefined;
  /** Stores `value` under the entry's key (nothing without a cache). */
  store(value: T): Promise<void>;
}

/** The entry of `parts` in `namespace`, for work that starts before its result is wanted ({@link cached} in two steps). */
export async function lookUp<T>(cache: ResultCache | undefined, namespace: string, parts: Iterable<string>): Promise<CacheEntry<T>> {
  if (!cache) return { value: undefined, store: async () => {} };
  const key = cache.key(namespace, parts);
  return { value: await cache.get<T>(key), store: (value) => cache.set(key, value) };
}

/** Key parts made lazily: strings and iterables of strings, read in order only when a cache asks. */
export function keyParts(...parts: (string | Iterable<string>)[]): Iterable<string> {
  return {
    *[Symbol.iterator]() {
      for (const p of parts) {
        if (typeof p === 'string') yield p;
        else yield* p;
      }
    },
  };
}
