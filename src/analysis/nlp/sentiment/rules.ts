/**
 * Rule-based valence scoring (VADER-style) over the tokenizer's output:
 * lexicon + cue phrases, with negation scope, intensifiers, ALL CAPS,
 * exclamation marks, "but" contrast, hashtag emphasis and sarcasm.
 *
 * Used on its own (`mode: 'rules'`) and as the feature source for the
 * learned layer, which re-weights these signals together with n-grams.
 */
import { CUE_INDEX, matchCueAt, type CueKind, type CueSequence } from './cues.ts';
import { BOOSTERS, CONTRASTS, NEGATORS, VALENCE } from './lexicon.ts';
import { isClauseBreak, type TokenizedText } from './tokenize.ts';

/** What the rules found in one post. */
export interface RuleAnalysis {
  /** Sum of adjusted valences (AFINN scale, unbounded). */
  sum: number;
  /** `sum` squashed into -1..1 (VADER's x / sqrt(x^2 + 15)). */
  compound: number;
  /** Sum of positive contributions (>= 0). */
  pos: number;
  /** Sum of negative contributions, as a positive number. */
  neg: number;
  /** Cue kinds that fired; a sarcastic cue that flipped is reported as 'sarcasm'. */
  cues: CueKind[];
  /** Per token: inside the scope of a negator (until clause punctuation). */
  negated: boolean[];
  /** Whether a contrast marker ("but") split the post. */
  contrast: boolean;
}

/** VADER constants: caps increment, negation scalar, "!" step, normaliser. */
const CAPS_INCREMENT = 0.733;
const NEGATION_SCALAR = -0.74;
const EXCLAIM_STEP = 0.292;
const ALPHA = 15;
/** Negation / boosters reach at most this many tokens back. */
const WINDOW = 3;
/** Complaint strength above which sarcasm-prone praise flips. */
const SARCASM_THRESHOLD = 2;

/** Everything the rules need to know about a token, fetched with one lookup. */
interface TokenInfo {
  valence: number;
  /** Intensity multiplier, 0 when not a booster. */
  booster: number;
  negator: boolean;
  contrast: boolean;
  thankish: boolean;
  clauseBreak: boolean;
  cues: readonly CueSequence[] | undefined;
}

const THANKISH = new Set(['thank', 'thanks', 'thx', 'thnx', 'thanx', 'ty']);

function buildInfo(): Map<string, TokenInfo> {
  const keys = new Set<string>([
    ...VALENCE.keys(), ...BOOSTERS.keys(), ...NEGATORS, ...CONTRASTS, ...THANKISH, ...CUE_INDEX.keys(), '.', ',', '!', '?',
  ]);
  const m = new Map<string, TokenInfo>();
  for (const k of keys) {
    m.set(k, {
      valence: VALENCE.get(k) ?? 0,
      booster: BOOSTERS.get(k) ?? 0,
      negator: NEGATORS.has(k),
      contrast: CONTRASTS.has(k),
      thankish: THANKISH.has(k),
      clauseBreak: isClauseBreak(k),
      cues: CUE_INDEX.get(k),
    });
  }
  return m;
}

const INFO: ReadonlyMap<string, TokenInfo> = buildInfo();

interface Item {
  start: number;
  value: number;
  sarcastic: boolean;
  thankish: boolean;
  kind: CueKind | undefined;
}

/** Valence for a hashtag the lexicon does not know: "#epicfail", "#unitedfail". */
function hashtagValence(tok: string): number {
  return tok.length > 4 && tok.endsWith('fail') ? -2 : 0;
}

/** Score one tokenised post. */
export function analyzeRules(t: TokenizedText): RuleAnalysis {
  const { tokens, caps } = t;
  const n = tokens.length;
  const info: (TokenInfo | undefined)[] = new Array<TokenInfo | undefined>(n);
  for (let i = 0; i < n; i++) info[i] = INFO.get(tokens[i] as string);
  const items: Item[] = [];
  const consumed = new Uint8Array(n);

  // 1. Cue phrases first (longest match), then single words.
  for (let i = 0; i < n; ) {
    const m = matchCueAt(tokens, i, info[i]?.cues);
    if (m === undefined) {
      i++;
      continue;
    }
    items.push({ start: i, value: m.cue.valence, sarcastic: m.cue.sarcastic === true, thankish: false, kind: m.cue.kind });
    consumed.fill(1, i, i + m.seq.length);
    i += m.seq.length;
  }
  for (let i = 0; i < n; i++) {
    if (consumed[i] === 1) continue;
    const inf = info[i];
    let v = inf?.valence ?? 0;
    if (v === 0 && t.hashtag[i] === true) v = hashtagValence(tokens[i] as string);
    if (v === 0) continue;
    // A booster/negator directly before a valenced word modifies it rather
    // than counting on its own ("damn good", "no good").
    if (inf !== undefined && (inf.booster !== 0 || inf.negator) && (info[i + 1]?.valence ?? 0) !== 0) continue;
    items.push({ start: i, value: v, sarcastic: false, thankish: inf?.thankish === true, kind: undefined });
  }

  // 2. Negation scope per token, for the learned layer.
  const negated: boolean[] = new Array<boolean>(n);
  let inScope = false;
  for (let i = 0; i < n; i++) {
    const inf = info[i];
    if (inf?.clauseBreak === true) inScope = false;
    negated[i] = inScope && inf?.clauseBreak !== true;
    if (inf?.negator === true && consumed[i] !== 1) inScope = true;
  }

  // 3. Local modifiers: boosters and negation (within WINDOW), caps, hashtags.
  const shouting = t.wordCount > 0 && t.capsWords / t.wordCount > 0.6;
  for (const it of items) {
    let v = it.value;
    if (v === 0) continue;
    let negate = false;
    for (let k = 1; k <= WINDOW; k++) {
      const j = it.start - k;
      if (j < 0) break;
      const prev = info[j];
      if (prev === undefined || consumed[j] === 1) continue;
      if (prev.clauseBreak) break;
      if (prev.booster !== 0) {
        const decay = k === 1 ? 1 : k === 2 ? 0.95 : 0.9;
        const boost = caps[j] === true && !shouting && prev.booster > 1 ? prev.booster + 0.2 : prev.booster;
        v *= 1 + (boost - 1) * decay;
      }
      if (prev.negator) negate = true;
    }
    if (caps[it.start] === true && !shouting) v += Math.sign(v) * CAPS_INCREMENT;
    if (negate) v *= NEGATION_SCALAR;
    if (t.hashtag[it.start] === true) v *= 1.2;
    it.value = v;
  }

  // 4. Sarcasm: praise-shaped cues flip when the rest is a clear complaint;
  //    plain "thanks" in a complaint is mostly a sign-off, so it is damped.
  let complaint = 0;
  for (const it of items) if (!it.sarcastic && !it.thankish && it.value < 0) complaint -= it.value;
  const cues: CueKind[] = [];
  for (const it of items) {
    if (complaint >= SARCASM_THRESHOLD) {
      if (it.sarcastic && it.value > 0) {
        it.value = -it.value;
        it.kind = 'sarcasm';
      } else if (it.thankish && it.value > 0) {
        it.value *= 0.5;
      }
    }
    if (it.kind !== undefined) cues.push(it.kind);
  }

  // 5. Contrast: after the last "but" counts 1.5x, before it 0.5x.
  let contrastAt = -1;
  for (let i = n - 1; i >= 0; i--) {
    if (consumed[i] !== 1 && info[i]?.contrast === true) {
      contrastAt = i;
      break;
    }
  }
  let sum = 0;
  let pos = 0;
  let neg = 0;
  for (const it of items) {
    let v = it.value;
    if (contrastAt >= 0) v *= it.start < contrastAt ? 0.5 : 1.5;
    sum += v;
    if (v > 0) pos += v;
    else neg -= v;
  }

  // 6. Exclamation marks amplify whichever way the post already leans.
  if (sum !== 0) sum += Math.sign(sum) * Math.min(t.exclaims, 4) * EXCLAIM_STEP;
  const compound = sum / Math.sqrt(sum * sum + ALPHA);
  return { sum, compound, pos, neg, cues, negated, contrast: contrastAt >= 0 };
}
