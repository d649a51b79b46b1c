/**
 * The learned layer: a multinomial logistic regression over
 * {@link extractFeatures}' sparse features. This file holds the serialisable
 * model format and fast inference; training lives in train.ts.
 */
import { END, START, type FeatureSink, type FeatureVector } from './features.ts';

/** Class order used everywhere in weights and probabilities. */
export const LABELS = ['negative', 'neutral', 'positive'] as const;

/** One of the three sentiment classes. */
export type SentimentLabel = (typeof LABELS)[number];

/**
 * Serialisable model, as written by scripts/sentiment/train.ts into
 * model.json (see shipped-model.ts). Weights are row-major: feature f, class c at
 * `weights[f * 3 + c]`, in {@link LABELS} order.
 */
export interface SentimentModelData {
  /** Format/feature-set version; must equal FEATURE_VERSION to be usable. */
  featureVersion: number;
  /** Feature names, newline-joined (compact and fast to parse). */
  features: string;
  /** Weights, 3 per feature, quantised: real = int * scale. */
  weights: number[];
  /** Multiplier for `weights`. */
  scale: number;
  /** Per-class bias, real-valued. */
  bias: [number, number, number];
  /** Free-form provenance: data, hyper-parameters, date-free. */
  meta: Record<string, string | number>;
}

/**
 * Bump when features.ts / rules / lexicon change in a way that makes
 * existing weights meaningless; the scorer refuses stale models.
 */
export const FEATURE_VERSION = 2;

/** Model ready for inference. */
export interface CompiledModel {
  index: Map<string, number>;
  weights: Float64Array;
  bias: Float64Array;
}

/** Parse {@link SentimentModelData} into lookup structures (once per scorer). */
export function compileModel(data: SentimentModelData): CompiledModel {
  if (data.featureVersion !== FEATURE_VERSION) {
    throw new Error(
      `sentiment model was trained for feature version ${data.featureVersion}, code is ${FEATURE_VERSION}; ` +
        're-run scripts/sentiment/train.ts',
    );
  }
  const names = data.features === '' ? [] : data.features.split('\n');
  if (names.length * 3 !== data.weights.length) throw new Error('sentiment model: weights/features size mismatch');
  const index = new Map<string, number>();
  names.forEach((n, i) => index.set(n, i));
  const weights = Float64Array.from(data.weights, (w) => w * data.scale);
  return { index, weights, bias: Float64Array.from(data.bias) };
}

/** Class probabilities (softmax), in {@link LABELS} order. */
export function predictProba(model: CompiledModel, fv: FeatureVector): [number, number, number] {
  let z0 = model.bias[0] as number;
  let z1 = model.bias[1] as number;
  let z2 = model.bias[2] as number;
  const { index, weights } = model;
  const { names, values } = fv;
  for (let i = 0; i < names.length; i++) {
    const f = index.get(names[i] as string);
    if (f === undefined) continue;
    const x = values[i] as number;
    const o = f * 3;
    z0 += (weights[o] as number) * x;
    z1 += (weights[o + 1] as number) * x;
    z2 += (weights[o + 2] as number) * x;
  }
  const m = Math.max(z0, z1, z2);
  const e0 = Math.exp(z0 - m);
  const e1 = Math.exp(z1 - m);
  const e2 = Math.exp(z2 - m);
  const s = e0 + e1 + e2;
  return [e0 / s, e1 / s, e2 / s];
}

/** Token ids are packed in pair keys as `a * PAIR_BASE + b`, kept a small integer. */
const PAIR_BASE = 32768;

/**
 * Fast inference: a {@link FeatureSink} that accumulates class scores
 * directly. Each token costs one string-keyed lookup (token -> id); its
 * unigram weights come from id-indexed arrays and its bigram from an
 * integer-keyed map, so no feature-name strings are built per post. Not
 * re-entrant: one instance per scorer, used synchronously
 * (reset -> emit -> proba).
 */
export class LinearAccumulator implements FeatureSink {
  private readonly plain = new Map<string, number>();
  private readonly tokenIds = new Map<string, number>();
  private readonly uni: number[] = [];
  private readonly neg: number[] = [];
  private readonly pairs = new Map<number, number>();
  private readonly w: Float64Array;
  private readonly b: Float64Array;
  private readonly startId: number;
  private readonly endId: number;
  private prev = -1;
  private seen = false;
  private z0 = 0;
  private z1 = 0;
  private z2 = 0;

  constructor(model: CompiledModel) {
    this.w = model.weights;
    this.b = model.bias;
    this.startId = this.idOf(START);
    this.endId = this.idOf(END);
    for (const [name, f] of model.index) {
      const sp = name.indexOf(' ');
      if (name.startsWith('#')) this.plain.set(name, f);
      else if (sp >= 0) this.pairs.set(this.idOf(name.slice(0, sp)) * PAIR_BASE + this.idOf(name.slice(sp + 1)), f);
      else if (name.startsWith('~')) this.neg[this.idOf(name.slice(1))] = f;
      else this.uni[this.idOf(name)] = f;
    }
    this.reset();
  }

  private idOf(tok: string): number {
    let id = this.tokenIds.get(tok);
    if (id === undefined) {
      id = this.tokenIds.size;
      if (id >= PAIR_BASE) throw new Error(`sentiment model: more than ${PAIR_BASE} distinct tokens`);
      this.tokenIds.set(tok, id);
      this.uni.push(-1);
      this.neg.push(-1);
    }
    return id;
  }

  /** Start a new post. */
  reset(): void {
    this.z0 = this.b[0] as number;
    this.z1 = this.b[1] as number;
    this.z2 = this.b[2] as number;
    this.prev = this.startId;
    this.seen = false;
  }

  private add(f: number, x: number): void {
    const o = f * 3;
    this.z0 += (this.w[o] as number) * x;
    this.z1 += (this.w[o + 1] as number) * x;
    this.z2 += (this.w[o + 2] as number) * x;
  }

  feature(name: string, value: number): void {
    const f = this.plain.get(name);
    if (f !== undefined) this.add(f, value);
  }

  token(token: string, negated: boolean): void {
    this.seen = true;
    const id = this.tokenIds.get(token);
    if (id === undefined) {
      this.prev = -1; // unknown token: no bigram can involve it
      return;
    }
    const f = (negated ? this.neg : this.uni)[id] as number;
    if (f >= 0) this.add(f, 1);
    if (this.prev >= 0) {
      const p = this.pairs.get(this.prev * PAIR_BASE + id);
      if (p !== undefined) this.add(p, 1);
    }
    this.prev = id;
  }

  end(): void {
    if (!this.seen || this.prev < 0) return;
    const p = this.pairs.get(this.prev * PAIR_BASE + this.endId);
    if (p !== undefined) this.add(p, 1);
  }

  /** Softmax of the accumulated scores, in {@link LABELS} order. */
  proba(): [number, number, number] {
    const m = Math.max(this.z0, this.z1, this.z2);
    const e0 = Math.exp(this.z0 - m);
    const e1 = Math.exp(this.z1 - m);
    const e2 = Math.exp(this.z2 - m);
    const s = e0 + e1 + e2;
    return [e0 / s, e1 / s, e2 / s];
  }
}
