import { describe, expect, it } from 'vitest';
import { cached, keyParts, lookUp, type ResultCache } from '../../src/analysis/cache.ts';

function memoryCache(): ResultCache & { keys: string[] } {
  const store = new Map<string, unknown>();
  const keys: string[] = [];
  return {
    keys,
    key: (namespace, parts) => {
      const key = `${namespace}|${[...parts].map((p) => `${p.length}:${p}`).join('')}`;
      keys.push(key);
      return key;
    },
    get: async <T>(key: string) => store.get(key) as T | undefined,
    set: async (key, value) => void store.set(key, value),
  };
}

describe('cached', () => {
  it('never reads the key parts without a cache', async () => {
    let read = 0;
    const parts = { *[Symbol.iterator]() { read++; yield 'x'; } };
    expect(await cached(undefined, 'n', parts, () => 42)).toBe(42);
    expect(read).toBe(0);
  });

  it('computes once per key and reads the parts once per call', async () => {
    const cache = memoryCache();
    let computed = 0;
    const run = (texts: string[]) => cached(cache, 'sentiment', keyParts('v1', texts), () => ++computed);
    expect([await run(['a', 'b']), await run(['a', 'b']), await run(['ab'])]).toEqual([1, 1, 2]);
    expect(cache.keys).toEqual(['sentiment|2:v11:a1:b', 'sentiment|2:v11:a1:b', 'sentiment|2:v12:ab']);
  });
});

describe('lookUp', () => {
  it('makes the key once, for the read and the later write, and reads nothing without a cache', async () => {
    const cache = memoryCache();
    const first = await lookUp<number>(cache, 'themes', keyParts('v1', ['late again']));
    expect(first.value).toBeUndefined();
    await first.store(7);
    expect(cache.keys).toHaveLength(1);
    expect((await lookUp<number>(cache, 'themes', keyParts('v1', ['late again']))).value).toBe(7);
    expect((await lookUp<number>(cache, 'themes', keyParts('v2', ['late again']))).value).toBeUndefined();
    let read = 0;
    const none = await lookUp<number>(undefined, 'n', { *[Symbol.iterator]() { read++; yield 'x'; } });
    await none.store(1);
    expect([none.value, read]).toEqual([undefined, 0]);
  });
});
