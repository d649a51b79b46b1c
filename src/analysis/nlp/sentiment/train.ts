/**
 * Training for the learned layer: multinomial logistic regression with L2,
 * fitted by L-BFGS (deterministic). Pure function, no I/O, so the test suite
 * can re-train inside a leave-one-airline-out loop and measure a real
 * held-out figure, and scripts/sentiment/train.ts can ship the all-data model.
 *
 * Hyper-parameters (L2 strength, class re-weighting) are chosen by an inner
 * cross-validation over the *training* samples only: one fold per `group`
 * (e.g. brand) when there are >= 2 groups, otherwise seeded k-fold. The
 * held-out data never influence the choice.
 */
import { evaluate } from './metrics.ts';
import { featurize, type FeatureVector } from './features.ts';
import { lbfgs } from './lbfgs.ts';
import { FEATURE_VERSION, LABELS, predictProba, type CompiledModel, type SentimentLabel, type SentimentModelData } from './model.ts';
import { mulberry32 } from '../../random.ts';

/** One labelled post. */
export interface TrainingSample {
  text: string;
  label: SentimentLabel;
  /** Optional grouping (brand, source) used for inner cross-validation folds. */
  group?: string;
}

/** Hyper-parameters of one fit. */
export interface Hyper {
  /** L2 penalty on the (mean, class-weighted) log-loss. */
  l2: number;
  /** Class weight = (N / (3 n_c)) ^ power; 0 = none, 1 = fully balanced. */
  classWeightPower: number;
}

/** Options; arrays mean "choose by inner cross-validation". */
export interface TrainOptions {
  l2?: number | readonly number[];
  classWeightPower?: number | readonly number[];
  /** Keep n-gram features seen in at least this many training posts. */
  minCount?: number;
  maxIterations?: number;
  /** k for inner k-fold when samples carry < 2 groups. */
  folds?: number;
  /** Seed for the k-fold assignment (only used without groups). */
  seed?: number;
  /** Drop features whose largest |weight| is below this from the shipped model. */
  pruneBelow?: number;
}

/** Result of training. */
export interface TrainResult {
  model: SentimentModelData;
  chosen: Hyper;
  /** Inner-CV score of every candidate (mean of macro-F1 and accuracy). */
  selection: Array<Hyper & { macroF1: number; accuracy: number }>;
}

/** Defaults, fixed before any held-out evaluation. */
export const DEFAULT_TRAIN_OPTIONS = {
  l2: [1e-3, 3e-3, 1e-2],
  classWeightPower: [0, 0.5, 1],
  minCount: 2,
  maxIterations: 300,
  folds: 3,
  seed: 1,
  pruneBelow: 0.05,
} as const;

const LABEL_INDEX: Record<SentimentLabel, number> = { negative: 0, neutral: 1, positive: 2 };

interface Fit {
  names: string[];
  compiled: CompiledModel;
}

/** Fit one model on the rows `rows` of pre-computed feature vectors. */
function fit(fvs: readonly FeatureVector[], y: Int8Array, rows: readonly number[], h: Hyper, minCount: number, maxIterations: number): Fit {
  // Vocabulary: engineered (#) features always, n-grams by document frequency.
  const df = new Map<string, number>();
  for (const r of rows) {
    const seen = new Set((fvs[r] as FeatureVector).names);
    for (const name of seen) df.set(name, (df.get(name) ?? 0) + 1);
  }
  const names = [...df].filter(([n, c]) => n.startsWith('#') || c >= minCount).map(([n]) => n).sort();
  const index = new Map<string, number>();
  names.forEach((n, i) => index.set(n, i));

  // CSR matrix of the training rows.
  const ptr = new Int32Array(rows.length + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  rows.forEach((r, i) => {
    const fv = fvs[r] as FeatureVector;
    for (let k = 0; k < fv.names.length; k++) {
      const f = index.get(fv.names[k] as string);
      if (f !== undefined) {
        cols.push(f);
        vals.push(fv.values[k] as number);
      }
    }
    ptr[i + 1] = cols.length;
  });
  const colArr = Int32Array.from(cols);
  const valArr = Float64Array.from(vals);

  // Class weights, normalised so the loss is a weighted mean.
  const counts = [0, 0, 0];
  for (const r of rows) counts[y[r] as number] = (counts[y[r] as number] as number) + 1;
  const cw = counts.map((c) => (c === 0 ? 0 : Math.pow(rows.length / (3 * c), h.classWeightPower)));
  let totalW = 0;
  for (const r of rows) totalW += cw[y[r] as number] as number;

  const F = names.length;
  const nParams = F * 3 + 3;
  const z = new Float64Array(3);
  const objective = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < rows.length; i++) {
      z[0] = theta[F * 3] as number;
      z[1] = theta[F * 3 + 1] as number;
      z[2] = theta[F * 3 + 2] as number;
      const a = ptr[i] as number;
      const b = ptr[i + 1] as number;
      for (let k = a; k < b; k++) {
        const o = (colArr[k] as number) * 3;
        const x = valArr[k] as number;
        z[0] += (theta[o] as number) * x;
        z[1] += (theta[o + 1] as number) * x;
        z[2] += (theta[o + 2] as number) * x;
      }
      const m = Math.max(z[0] as number, z[1] as number, z[2] as number);
      const e0 = Math.exp((z[0] as number) - m);
      const e1 = Math.exp((z[1] as number) - m);
      const e2 = Math.exp((z[2] as number) - m);
      const s = e0 + e1 + e2;
      const yi = y[rows[i] as number] as number;
      const w = (cw[yi] as number) / totalW;
      loss -= w * (Math.log([e0, e1, e2][yi] as number) - Math.log(s));
      const d0 = w * (e0 / s - (yi === 0 ? 1 : 0));
      const d1 = w * (e1 / s - (yi === 1 ? 1 : 0));
      const d2 = w * (e2 / s - (yi === 2 ? 1 : 0));
      grad[F * 3] = (grad[F * 3] as number) + d0;
      grad[F * 3 + 1] = (grad[F * 3 + 1] as number) + d1;
      grad[F * 3 + 2] = (grad[F * 3 + 2] as number) + d2;
      for (let k = a; k < b; k++) {
        const o = (colArr[k] as number) * 3;
        const x = valArr[k] as number;
        grad[o] = (grad[o] as number) + d0 * x;
        grad[o + 1] = (grad[o + 1] as number) + d1 * x;
        grad[o + 2] = (grad[o + 2] as number) + d2 * x;
      }
    }
    // L2 on weights, not on the biases.
    for (let j = 0; j < F * 3; j++) {
      const t = theta[j] as number;
      loss += 0.5 * h.l2 * t * t;
      grad[j] = (grad[j] as number) + h.l2 * t;
    }
    return loss;
  };
  const theta = lbfgs(objective, new Float64Array(nParams), { maxIterations });
  return {
    names,
    compiled: { index, weights: theta.subarray(0, F * 3), bias: theta.slice(F * 3) },
  };
}

function predictLabel(model: CompiledModel, fv: FeatureVector): SentimentLabel {
  const p = predictProba(model, fv);
  const best = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
  return LABELS[best] as SentimentLabel;
}


function innerFolds(samples: readonly TrainingSample[], k: number, seed: number): number[][] {
  const groups = [...new Set(samples.map((s) => s.group).filter((g): g is string => g !== undefined))];
  if (groups.length >= 2 && samples.every((s) => s.group !== undefined)) {
    return groups.map((g) => samples.flatMap((s, i) => (s.group === g ? [i] : [])));
  }
  const rnd = mulberry32(seed);
  const order = samples.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return Array.from({ length: k }, (_, f) => order.filter((_, i) => i % k === f));
}

const asList = (v: number | readonly number[]): readonly number[] => (typeof v === 'number' ? [v] : v);

/** Quantise weights to int16 range for a compact generated module. */
function serialise(f: Fit, chosen: Hyper, n: number, pruneBelow: number): SentimentModelData {
  const { names, compiled } = f;
  const keep: number[] = [];
  names.forEach((_, i) => {
    const o = i * 3;
    const m = Math.max(Math.abs(compiled.weights[o] as number), Math.abs(compiled.weights[o + 1] as number), Math.abs(compiled.weights[o + 2] as number));
    if (m >= pruneBelow || (names[i] as string).startsWith('#')) keep.push(i);
  });
  let maxW = 0;
  for (const i of keep) for (let c = 0; c < 3; c++) maxW = Math.max(maxW, Math.abs(compiled.weights[i * 3 + c] as number));
  const scale = maxW === 0 ? 1 : maxW / 32767;
  const weights: number[] = [];
  for (const i of keep) for (let c = 0; c < 3; c++) weights.push(Math.round((compiled.weights[i * 3 + c] as number) / scale));
  return {
    featureVersion: FEATURE_VERSION,
    features: keep.map((i) => names[i]).join('\n'),
    weights,
    scale,
    bias: [compiled.bias[0] as number, compiled.bias[1] as number, compiled.bias[2] as number],
    meta: { samples: n, l2: chosen.l2, classWeightPower: chosen.classWeightPower, features: keep.length },
  };
}

/** Train the learned layer on labelled posts. Deterministic for given inputs. */
export function trainSentimentModel(samples: readonly TrainingSample[], options: TrainOptions = {}): TrainResult {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const fvs = samples.map((s) => featurize(s.text).features);
  const y = Int8Array.from(samples, (s) => LABEL_INDEX[s.label]);
  const candidates: Hyper[] = asList(o.l2).flatMap((l2) => asList(o.classWeightPower).map((classWeightPower) => ({ l2, classWeightPower })));
  const selection: TrainResult['selection'] = [];
  let chosen = candidates[0] as Hyper;
  if (candidates.length > 1) {
    const folds = innerFolds(samples, o.folds, o.seed);
    let best = -Infinity;
    for (const h of candidates) {
      const gold: SentimentLabel[] = [];
      const pred: SentimentLabel[] = [];
      for (const fold of folds) {
        const inFold = new Set(fold);
        const trainRows = samples.map((_, i) => i).filter((i) => !inFold.has(i));
        const m = fit(fvs, y, trainRows, h, o.minCount, o.maxIterations);
        for (const i of fold) {
          gold.push((samples[i] as TrainingSample).label);
          pred.push(predictLabel(m.compiled, fvs[i] as FeatureVector));
        }
      }
      const ev = evaluate(gold, pred);
      selection.push({ ...h, macroF1: ev.macroF1, accuracy: ev.accuracy });
      const score = (ev.macroF1 + ev.accuracy) / 2;
      if (score > best) {
        best = score;
        chosen = h;
      }
    }
  }
  const all = samples.map((_, i) => i);
  const final = fit(fvs, y, all, chosen, o.minCount, o.maxIterations);
  return { model: serialise(final, chosen, samples.length, o.pruneBelow), chosen, selection };
}
