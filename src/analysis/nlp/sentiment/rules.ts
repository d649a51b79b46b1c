/**
 * Rule-based valence scoring (VADER-style) over the tokenizer's output:
 * lexicon + cue phrases, with negation scope, intensifiers, ALL CAPS,
 * exclamation marks, "but" contrast, hashtag emphasis and sarcasm.
 *
 * Used on its own (`mode: 'rules'`) and as the feature source for the
 * learned layer, which re-weights these signals together with n-grams.
 */
import { matchCueAt, type CueKind } from './cues.ts';
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
  /** Whether any contrast marker ("but") split the post. */
  contrast: boolean;
}

/** VADER constants: booster step, caps increment, negation scalar, normaliser. */
const CAPS_INCREMENT = 0.733;
const NEGATION_SCALAR = -0.74;
const EXCLAIM_STEP = 0.292;
const ALPHA = 15;
/** Negation / boosters reach at most this many tokens back. */
const WINDOW = 3;
/** Complaint strength above which sarcasm-prone praise flips. */
const SARCASM_THRESHOLD = 2;

interface Item {
  start: number;
  value: number;
  sarcastic: boolean;
  thankish: boolean;
  kind: CueKind | undefined;
}

const THANKISH = new Set(['thank', 'thanks', 'thx', 'thnx', 'thanx', 'ty']);

/** Valence for a hashtag the lexicon does not know: "#epicfail", "#unitedfail". */
function hashtagValence(tok: string): number {
  return tok.length > 4 && tok.endsWith('fail') ? -2 : 0;
}

/** Score one tokenised post. */
export function analyzeRules(t: TokenizedText): RuleAnalysis {
  const { tokens, caps } = t;
  const n = tokens.length;
  const items: Item[] = [];
  const consumed = new Uint8Array(n);

  // 1. Cue phrases first (longest match), then single words.
  for (let i = 0; i < n; ) {
    const m = matchCueAt(tokens, i);
    if (m !== undefined) {
      items.push({ start: i, value: m.cue.valence, sarcastic: m.cue.sarcastic === true, thankish: false, kind: m.cue.kind });
      consumed.fill(1, i, i + m.seq.length);
      i += m.seq.length;
    } else {
      i++;
    }
  }
  for (let i = 0; i < n; i++) {
    if (consumed[i] === 1) continue;
    const tok = tokens[i] as string;
    let v = VALENCE.get(tok) ?? 0;
    if (v === 0 && t.hashtag[i] === true) v = hashtagValence(tok);
    if (v === 0) continue;
    // A booster/negator directly before a valenced word modifies it rather
    // than counting on its own ("damn good", "no good").
    const next = tokens[i + 1];
    if ((BOOSTERS.has(tok) || NEGATORS.has(tok)) && next !== undefined && (VALENCE.get(next) ?? 0) !== 0) continue;
    items.push({ start: i, value: v, sarcastic: false, thankish: THANKISH.has(tok), kind: undefined });
  }

  // 2. Negation scope per token, for the learned layer and for step 3.
  const negated: boolean[] = new Array<boolean>(n).fill(false);
  let inScope = false;
  for (let i = 0; i < n; i++) {
    const tok = tokens[i] as string;
    if (isClauseBreak(tok)) inScope = false;
    else if (inScope) negated[i] = true;
    if (consumed[i] !== 1 && NEGATORS.has(tok)) inScope = true;
  }

  // 3. Local modifiers: boosters, caps, negation (within WINDOW), hashtags.
  const shouting = t.wordCount > 0 && t.capsWords / t.wordCount > 0.6;
  for (const it of items) {
    let v = it.value;
    if (v === 0) continue;
    let negate = false;
    for (let k = 1; k <= WINDOW; k++) {
      const j = it.start - k;
      if (j < 0) break;
      const prev = tokens[j] as string;
      if (isClauseBreak(prev)) break;
      if (consumed[j] === 1) continue;
      const b = BOOSTERS.get(prev);
      if (b !== undefined) {
        const decay = k === 1 ? 1 : k === 2 ? 0.95 : 0.9;
        const boost = caps[j] === true && !shouting && b > 1 ? b + 0.2 : b;
        v *= 1 + (boost - 1) * decay;
      }
      if (NEGATORS.has(prev)) negate = true;
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
        it.value = -Math.abs(it.value);
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
    if (consumed[i] !== 1 && CONTRASTS.has(tokens[i] as string)) {
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
