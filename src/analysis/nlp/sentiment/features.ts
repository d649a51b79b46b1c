/**
 * Feature extraction for the learned layer: the rule scorer's outputs
 * (compound score, positive/negative mass, cue kinds) plus token unigrams
 * (negation-marked) and bigrams, plus post shape (questions, "!", caps, URL,
 * length).
 *
 * Features are emitted into a {@link FeatureSink}, so inference can look
 * bigrams up in a nested map without building "a b" strings (string
 * concatenation + hashing was the single largest cost per post), while
 * training collects plain names via {@link extractFeatures}.
 *
 * Name scheme (see {@link unigramName}, {@link bigramName}): unigrams are
 * the bare token, or `~token` inside a negation scope; bigrams `a b` (tokens
 * never contain spaces); engineered features start with `#` (the tokenizer
 * strips `#` from hashtags, so no token does).
 */
import type { CueKind } from './cues.ts';
import { analyzeRules, type RuleAnalysis } from './rules.ts';
import { tokenize, type TokenizedText } from './tokenize.ts';

/**
 * Receiver of features, implemented by training (names) and inference
 * (weights). Tokens arrive in order; the sink derives the unigram and the
 * bigram with the previous token (`<s>` before the first, `</s>` at end()).
 */
export interface FeatureSink {
  /** Engineered feature (name starts with `#`). */
  feature(name: string, value: number): void;
  /** Next token; `negated` when inside a negation scope. */
  token(token: string, negated: boolean): void;
  /** No more tokens (emits the `</s>` bigram if any token was seen). */
  end(): void;
}

/** Sparse feature vector: parallel names / values. */
export interface FeatureVector {
  names: string[];
  values: number[];
}

/** Name of a unigram feature. */
export const unigramName = (token: string, negated: boolean): string => (negated ? `~${token}` : token);
/** Name of a bigram feature. */
export const bigramName = (a: string, b: string): string => `${a} ${b}`;
/** Sentence boundary pseudo-tokens used in bigrams. */
export const START = '<s>';
export const END = '</s>';

/** Words that typically open an information request rather than a complaint. */
const QUESTION_OPENERS = new Set([
  'what', 'when', 'where', 'which', 'who', 'how', 'is', 'are', 'can', 'could', 'will', 'would', 'do', 'does',
  'did', 'any', 'should', 'may', 'if',
]);

const COMPOUND_BINS = 8;
/** Pre-built names, so the hot path does not concatenate. */
const BIN_NAMES = Array.from({ length: COMPOUND_BINS }, (_, i) => `#cb${i}`);
const CUE_NAMES = new Map<CueKind, string>();
const cueName = (c: CueKind): string => {
  let n = CUE_NAMES.get(c);
  if (n === undefined) CUE_NAMES.set(c, (n = `#c:${c}`));
  return n;
};

function lengthBucket(words: number): string {
  return words <= 4 ? '#len0' : words <= 9 ? '#len1' : words <= 15 ? '#len2' : words <= 21 ? '#len3' : '#len4';
}

/** Emit the features of one post into `sink`. */
export function emitFeatures(t: TokenizedText, r: RuleAnalysis, sink: FeatureSink): void {
  // Rule outputs: both linear and binned, so the model can bend the curve.
  sink.feature('#compound', r.compound);
  sink.feature('#pos', Math.min(r.pos, 8) / 4);
  sink.feature('#neg', Math.min(r.neg, 8) / 4);
  sink.feature(BIN_NAMES[Math.min(COMPOUND_BINS - 1, Math.floor(((r.compound + 1) / 2) * COMPOUND_BINS))] as string, 1);
  if (r.pos === 0 && r.neg === 0) sink.feature('#novalence', 1);
  if (r.contrast) sink.feature('#contrast', 1);
  for (const c of r.cues) sink.feature(cueName(c), 1);

  // Shape.
  if (t.questions > 0) sink.feature('#q', 1);
  if (t.exclaims > 0) sink.feature(t.exclaims > 1 ? '#x2' : '#x1', 1);
  if (t.capsWords > 0) sink.feature(t.capsWords > 1 ? '#caps2' : '#caps1', 1);
  if (t.hasUrl) sink.feature('#url', 1);
  sink.feature(lengthBucket(t.wordCount), 1);

  // N-grams, skipping "," and "." which carry little and would otherwise
  // split many bigrams.
  const { tokens } = t;
  const { negated } = r;
  let first = true;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] as string;
    if (tok === ',' || tok === '.') continue;
    if (first) {
      if (QUESTION_OPENERS.has(tok)) sink.feature('#qopen', 1);
      first = false;
    }
    sink.token(tok, negated[i] === true);
  }
  sink.end();
}

/** Features of one post as a name/value list (training, debugging). */
export function extractFeatures(t: TokenizedText, r: RuleAnalysis): FeatureVector {
  const names: string[] = [];
  const values: number[] = [];
  let prev = START;
  emitFeatures(t, r, {
    feature: (name, value) => {
      names.push(name);
      values.push(value);
    },
    token: (tok, neg) => {
      names.push(unigramName(tok, neg), bigramName(prev, tok));
      values.push(1, 1);
      prev = tok;
    },
    end: () => {
      if (prev === START) return;
      names.push(bigramName(prev, END));
      values.push(1);
    },
  });
  return { names, values };
}

/** Tokenise, run the rules and extract features in one go. */
export function featurize(text: string): { tokens: TokenizedText; rules: RuleAnalysis; features: FeatureVector } {
  const tokens = tokenize(text);
  const rules = analyzeRules(tokens);
  return { tokens, rules, features: extractFeatures(tokens, rules) };
}
