import { describe, expect, it } from 'vitest';
import { bucketIndex, bucketRange } from '../../../../src/analysis/nlp/phrases/buckets.ts';
import { generatePosts } from '../../../../bench/generate-posts.ts';
import { dedupeExact } from '../../../../src/analysis/core/distinct-texts.ts';
import { indexDocuments } from '../../../../src/analysis/nlp/phrases/corpus.ts';
import { DISCOVERY_BATCH, discoverPhrases, mergeDiscovered } from '../../../../src/analysis/nlp/phrases/discover.ts';
import { PhraseMatcher } from '../../../../src/analysis/nlp/phrases/matcher.ts';
import { sampleFolded } from '../../../../src/analysis/nlp/phrases/sample.ts';
import { stemWord } from '../../../../src/analysis/nlp/phrases/stem.ts';
import { cleanForTagger, tokenize, tokenizeStems } from '../../../../src/analysis/nlp/phrases/tokenize.ts';

describe('stemWord', () => {
  const same = (words: string[]) => new Set(words.map(stemWord)).size;
  it('folds plurals and tenses onto one key', () => {
    expect(same(['bag', 'bags'])).toBe(1);
    expect(same(['cancel', 'cancelled', 'canceled', 'cancelling', 'cancels'])).toBe(1);
    expect(same(['charge', 'charged', 'charging', 'charges'])).toBe(1);
    expect(same(['delay', 'delayed', 'delays'])).toBe(1);
    expect(same(['lost', 'lose', 'losing'])).toBe(1);
    expect(same(['reply', 'replies', 'replied'])).toBe(1);
    expect(same(['tv', 'tvs'])).toBe(1);
  });
  it('keeps different words apart', () => {
    expect(stemWord('care')).not.toBe(stemWord('car'));
    expect(stemWord('plane')).not.toBe(stemWord('plan'));
    expect(stemWord('note')).not.toBe(stemWord('not'));
    expect(stemWord('bus')).toBe('bus');
  });
});

describe('tokenize', () => {
  it('drops URLs, mentions, entities, redactions and filler words', () => {
    expect(tokenizeStems('@united my BAGS are lost &amp; http://t.co/x XXXX XX/XX/2020')).toEqual(['bag', 'lose', '2020']);
  });
  it('keeps offsets into the original text', () => {
    const text = 'Hey @acme, my Phone won’t charge';
    const t = tokenize(text);
    const i = t.surfaces.indexOf('wont');
    expect(text.slice(t.starts[i], t.ends[i])).toBe('won’t');
    expect(t.surfaces).toEqual(['hey', 'phone', 'wont', 'charge']);
  });
  it('splits camel-case hashtags like the tagger input', () => {
    expect(tokenizeStems('#LostLuggage again')).toEqual(['lose', 'luggag', 'again']);
    expect(tokenizeStems('#unitedfail')).toEqual(['unitedfail']);
    expect(cleanForTagger('#LostLuggage @x http://a.b')).toContain('lost luggage');
  });
});

describe('PhraseMatcher', () => {
  it('reports overlapping phrases with token spans', () => {
    const m = new PhraseMatcher([['lose', 'bag'], ['bag'], ['customer', 'servic']]);
    const found: [string, number, number][] = [];
    m.scan(tokenizeStems('lost my bag, customer service rude'), (p, s, e) => found.push([m.keys[p]!, s, e]));
    expect(found).toEqual([
      ['lose bag', 0, 2],
      ['bag', 1, 2],
      ['customer servic', 2, 4],
    ]);
    expect(m.indexOf('bag')).toBe(1);
    expect(m.distinct(['bag', 'x', 'bag'])).toEqual([1]);
  });
});

describe('corpus', () => {
  it('collapses exact duplicates, then texts with the same token stream', () => {
    const texts = ['my bag is lost', 'my bag is lost', 'RT @bob: my bag is lost http://t.co/1', 'flight late'];
    const d = dedupeExact(texts, (i) => i !== 3);
    expect(d.texts).toHaveLength(2);
    expect([...d.of]).toEqual([0, 0, 1, -1]);
    const docs = indexDocuments(d.texts, new PhraseMatcher([['bag']]));
    expect(docs.count).toBe(1);
    expect([...docs.phrases]).toEqual([0]);
  });

  it('tells documents apart by their stems, not by the hash they are looked up by', () => {
    const texts = ['lost my bag again', 'RT @x: lost my bag again', 'Lost the bag again https://t.co/x', 'found my bag again', 'lost my bag', 'bag lost again my'];
    const matcher = () => new PhraseMatcher([['bag']]);
    const real = indexDocuments(texts, matcher());
    // Every text hashes alike: each must still be compared by its words.
    const colliding = indexDocuments(texts, matcher(), () => 42);
    expect([...real.docOfText]).toEqual([0, 0, 0, 1, 2, 3]);
    expect([...colliding.docOfText]).toEqual([...real.docOfText]);
    expect([...colliding.firstText]).toEqual([...real.firstText]);
  });
});

describe('sampleFolded', () => {
  it('is deterministic and independent of input order', () => {
    const texts = Array.from({ length: 100 }, (_, i) => `text number ${i}`);
    const a = sampleFolded(texts, 10, 1e9).map((i) => texts[i]);
    const reversed = [...texts].reverse();
    const b = sampleFolded(reversed, 10, 1e9).map((i) => reversed[i]);
    expect(a).toHaveLength(10);
    expect([...a].sort()).toEqual([...b].sort());
  });
  it('respects the character budget', () => {
    const texts = Array.from({ length: 50 }, (_, i) => 'x'.repeat(100) + i);
    expect(sampleFolded(texts, 50, 500).length).toBeLessThanOrEqual(6);
  });
  it('takes texts with the same words once', () => {
    const texts = ['My bag is lost', 'my BAG is lost!!', 'RT @x: my bag is lost', 'flight late'];
    expect(sampleFolded(texts, 10, 1e9)).toHaveLength(2);
  });
});

describe('buckets', () => {
  it('covers the range with epoch-aligned buckets', () => {
    const h = 3_600_000;
    const r = bucketRange([5 * h + 10, 7 * h + 1, 5 * h + 20], h);
    expect(r.starts).toEqual([5 * h, 6 * h, 7 * h]);
    expect(bucketIndex(r, 7 * h + 1)).toBe(2);
    expect(bucketIndex(r, 9 * h)).toBe(-1);
    expect(bucketRange([], h).starts).toEqual([]);
  });
});

describe('mergeDiscovered', () => {
  it('merges discovery over consecutive whole batches into exactly the one-run result', () => {
    const texts = generatePosts(1_030, 11);
    const whole = discoverPhrases(texts);
    const step = DISCOVERY_BATCH * 4;
    const parts = [];
    for (let i = 0; i < texts.length; i += step) parts.push(discoverPhrases(texts.slice(i, i + step)));
    expect(parts.length).toBe(6);
    const merged = mergeDiscovered(parts);
    expect([...merged.keys()]).toEqual([...whole.keys()]);
    expect(merged).toEqual(whole);
    // Parts are left as they were.
    expect(mergeDiscovered(parts)).toEqual(whole);
    expect(whole.size).toBeGreaterThan(50);
  });
});
