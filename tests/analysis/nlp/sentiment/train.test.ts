import { describe, expect, it } from 'vitest';
import {
  createSentimentScorer,
  evaluate,
  trainSentimentModel,
  type TrainingSample,
} from '../../../../src/analysis/nlp/sentiment/index.ts';
import { lbfgs } from '../../../../src/analysis/nlp/sentiment/lbfgs.ts';

/** A tiny synthetic corpus whose labels hinge on words the lexicon does not know. */
function toyCorpus(): TrainingSample[] {
  const out: TrainingSample[] = [];
  const groups = ['a', 'b', 'c'];
  for (let i = 0; i < 60; i++) {
    const g = groups[i % 3] as string;
    out.push({ text: `the zorp thing number ${i} was blorf`, label: 'negative', group: g });
    out.push({ text: `the zorp thing number ${i} was glimmy`, label: 'positive', group: g });
    out.push({ text: `when does the zorp number ${i} arrive`, label: 'neutral', group: g });
  }
  return out;
}

describe('metrics', () => {
  it('computes accuracy, macro-F1 and the confusion matrix', () => {
    const m = evaluate(['negative', 'negative', 'neutral', 'positive'], ['negative', 'neutral', 'neutral', 'positive']);
    expect(m.accuracy).toBe(0.75);
    expect(m.confusion).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    // negative: P=1 R=.5 F1=2/3; neutral: P=.5 R=1 F1=2/3; positive: 1.
    expect(m.macroF1).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3, 10);
  });

  it('scores the always-negative baseline low on macro-F1', () => {
    const gold = ['negative', 'negative', 'negative', 'neutral', 'positive'] as const;
    const m = evaluate([...gold], gold.map(() => 'negative' as const));
    expect(m.accuracy).toBe(0.6);
    expect(m.macroF1).toBeCloseTo(0.25, 10);
  });
});

describe('lbfgs', () => {
  it('minimises a convex quadratic', () => {
    const x = lbfgs((v, g) => {
      g[0] = 2 * ((v[0] as number) - 3);
      g[1] = 4 * ((v[1] as number) + 1);
      return ((v[0] as number) - 3) ** 2 + 2 * ((v[1] as number) + 1) ** 2;
    }, new Float64Array(2));
    expect(x[0]).toBeCloseTo(3, 5);
    expect(x[1]).toBeCloseTo(-1, 5);
  });
});

describe('trainSentimentModel', () => {
  it('learns unseen vocabulary and generalises to a held-out group', () => {
    const data = toyCorpus();
    const train = data.filter((s) => s.group !== 'c');
    const test = data.filter((s) => s.group === 'c');
    const { model, chosen, selection } = trainSentimentModel(train);
    expect(selection.length).toBe(9); // 3 l2 x 3 class-weight candidates
    expect(chosen.l2).toBeGreaterThan(0);
    const score = createSentimentScorer({ model });
    const m = evaluate(test.map((s) => s.label), test.map((s) => score(s.text).label));
    expect(m.accuracy).toBe(1);
  });

  it('is deterministic (same data -> identical weights)', () => {
    const data = toyCorpus();
    const a = trainSentimentModel(data, { l2: 1e-3, classWeightPower: 0.5 });
    const b = trainSentimentModel(data, { l2: 1e-3, classWeightPower: 0.5 });
    expect(b.model).toEqual(a.model);
  });

  it('falls back to seeded k-fold when samples have no groups', () => {
    const data = toyCorpus().map(({ text, label }) => ({ text, label }));
    const a = trainSentimentModel(data, { l2: [1e-3, 1e-2], classWeightPower: 0, seed: 7 });
    const b = trainSentimentModel(data, { l2: [1e-3, 1e-2], classWeightPower: 0, seed: 7 });
    expect(a.selection).toEqual(b.selection);
    expect(a.selection).toHaveLength(2);
  });
});
