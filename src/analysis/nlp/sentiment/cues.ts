/**
 * Multi-word customer-service cues that generic word lexicons miss:
 * "still waiting", "on hold for", "no one is responding", "lost my bag",
 * "thanks for nothing", "never again", "thank you so much"...
 *
 * Pattern syntax (expanded once at module load into plain token sequences):
 *   words separated by spaces; `a|b` alternatives; `a_b` a multi-word
 *   alternative; a trailing `?` makes the slot optional. Words go through the
 *   same normalisation as post text (lemmas, `<num>`), so "waiting",
 *   "waited" and "wait" all match a pattern written with any of them.
 */
import { normalizeTerm } from './normalize.ts';

/** Category of a cue; also used as a learned feature name. */
export type CueKind =
  | 'waiting' | 'hold' | 'unresponsive' | 'baggage' | 'repeat' | 'never' | 'waste' | 'missed'
  | 'duration' | 'demand' | 'sarcasm' | 'thanks' | 'praise' | 'reassure' | 'neutral';

/** One cue definition. */
export interface Cue {
  /** Pattern, see module doc. */
  readonly pattern: string;
  /** Valence on the AFINN scale, added instead of the covered words' own valences. */
  readonly valence: number;
  readonly kind: CueKind;
  /**
   * Praise that reads as sarcasm after a complaint ("thanks a lot", "great
   * job", "way to go"): flipped to negative when the rest of the post is
   * clearly negative.
   */
  readonly sarcastic?: boolean;
}

const DET = 'my|our|the|his|her|their|a|your';
const BAG = 'bag|bags|luggage|baggage|suitcase|suitcases|stroller|car_seat|belongings';
const REACH = 'respond|responding|answer|answering|reply|replying|help|helping|pick_up|call_back|get_back';

/** The cue list. Order does not matter: the longest match wins. */
export const CUES: readonly Cue[] = [
  // Waiting and holding.
  { pattern: 'still waiting|stuck|sitting|here|nothing|no|not|haven\'t|havent|hasn\'t|hasnt|don\'t|dont|can\'t|cant|unable|without', valence: -2.5, kind: 'waiting' },
  { pattern: 'been waiting|trying|sitting|stuck|holding|calling', valence: -2, kind: 'waiting' },
  { pattern: 'waiting|waited|wait for|over|almost|nearly? <num> hours|hrs|hour|hr|days|minutes|mins', valence: -2.5, kind: 'duration' },
  { pattern: 'for|over|after <num> hours|hrs|hour|days|minutes|mins', valence: -1.5, kind: 'duration' },
  { pattern: '<num> hours|hour|hrs|hr|minute|minutes|mins late|delay|delayed|wait|waiting|later', valence: -2.5, kind: 'duration' },
  { pattern: 'on|put_on|placed_on hold', valence: -2, kind: 'hold' },
  { pattern: 'hold time|times|music', valence: -1.5, kind: 'hold' },
  { pattern: 'hung|hang up|up_on', valence: -3, kind: 'hold' },
  { pattern: 'can\'t|cant|cannot|couldn\'t|couldnt|unable_to get through|a_hold|anyone|someone|a_person|a_human', valence: -2.5, kind: 'unresponsive' },
  // No one answering.
  { pattern: `no_one|nobody|noone is|has|will|to|can|seems? ${REACH}`, valence: -3, kind: 'unresponsive' },
  { pattern: 'no response|reply|answer|help|update|updates|info|information|communication|call|callback|email|one|contact|assistance|way', valence: -2, kind: 'unresponsive' },
  { pattern: 'not responding|answering|helpful|replying', valence: -2.5, kind: 'unresponsive' },
  // Baggage.
  { pattern: `lost|misplaced|damaged|broke|destroyed ${DET}? ${BAG}`, valence: -3, kind: 'baggage' },
  { pattern: `missing|delayed ${DET}? ${BAG}`, valence: -2.5, kind: 'baggage' },
  { pattern: `where is|are ${DET} ${BAG}`, valence: -2, kind: 'baggage' },
  { pattern: `still no|don't_have|dont_have|haven't_received|havent_received ${DET}? ${BAG}`, valence: -3, kind: 'baggage' },
  // Repetition / never again.
  { pattern: 'delayed|cancelled|late|stuck|broken|again yet? again', valence: -2.5, kind: 'repeat' },
  { pattern: 'yet|once|here_we_go again', valence: -2, kind: 'repeat' },
  { pattern: 'never again|ever_again', valence: -3, kind: 'never' },
  { pattern: 'never|won\'t|wont|not fly|flying|use|book|choose with|on? you|<brand>? again', valence: -3, kind: 'never' },
  { pattern: 'last time i|we fly|book|use', valence: -2.5, kind: 'never' },
  // Waste / missed.
  { pattern: 'waste|wasted|wasting of? my|our|your? time|money|day|trip|vacation|evening', valence: -3, kind: 'waste' },
  { pattern: `missed|miss|missing my|our|the connection|connecting|connections|flight|meeting|wedding|funeral`, valence: -3, kind: 'missed' },
  // Demands and exasperation.
  { pattern: 'do|get better|it_together|your_act_together', valence: -2.5, kind: 'demand' },
  { pattern: 'what|such a joke|mess|disaster|nightmare', valence: -3, kind: 'demand' },
  { pattern: 'how hard is|can it|can_it_be', valence: -2.5, kind: 'demand' },
  { pattern: 'step it? up', valence: -1.5, kind: 'demand' },
  { pattern: 'fed|screwed|messed up', valence: -3, kind: 'demand' },
  { pattern: 'so much for', valence: -2, kind: 'demand' },
  { pattern: 'thanks|thank for nothing', valence: -4, kind: 'sarcasm' },
  { pattern: 'oh wait', valence: -1.5, kind: 'sarcasm' },
  // Praise that turns sarcastic after a complaint.
  { pattern: 'thanks|thank a lot|again|for_that|a_bunch', valence: 2, kind: 'thanks', sarcastic: true },
  { pattern: 'great|good|nice|awesome|fantastic job|work|going', valence: 3, kind: 'praise', sarcastic: true },
  { pattern: 'way to go', valence: 2, kind: 'praise', sarcastic: true },
  { pattern: 'love|loving how|that|when', valence: 2, kind: 'praise', sarcastic: true },
  { pattern: 'just|oh great|perfect|wonderful|fantastic|awesome|brilliant', valence: 2, kind: 'praise', sarcastic: true },
  // Sincere thanks and praise.
  { pattern: 'thank you|u|ya|y\'all', valence: 2.5, kind: 'thanks' },
  { pattern: 'thank|thanks you|u? so|very much|much', valence: 3.5, kind: 'thanks' },
  { pattern: 'thanks a_million|a_ton|tons|so_much|again_for|for_everything', valence: 3.5, kind: 'thanks' },
  { pattern: 'thank|thanks you|u? for the|your|all|helping|taking|getting|making|quick|fast|great|help|assistance|response|update|info', valence: 3, kind: 'thanks' },
  { pattern: 'much|greatly|really appreciated|appreciate', valence: 3, kind: 'thanks' },
  { pattern: 'shout out|outs', valence: 2.5, kind: 'praise' },
  { pattern: 'made my day|trip|flight', valence: 3, kind: 'praise' },
  { pattern: 'above and beyond', valence: 4, kind: 'praise' },
  { pattern: 'well done', valence: 3, kind: 'praise' },
  { pattern: 'keep up the good|great work', valence: 3, kind: 'praise' },
  { pattern: 'happy|satisfied|loyal customer|customers|flyer|camper', valence: 3, kind: 'praise' },
  { pattern: 'on time|schedule', valence: 1.5, kind: 'praise' },
  { pattern: 'arrived|landed early', valence: 2, kind: 'praise' },
  { pattern: 'can\'t|cant|cannot wait', valence: 2, kind: 'praise' },
  { pattern: 'no|not_a problem|problems|worries|issue|issues|complaints', valence: 1.5, kind: 'reassure' },
  // Phrases whose words a lexicon would misread: neutralise them.
  { pattern: 'customer care|service', valence: 0, kind: 'neutral' },
  { pattern: 'kind|sort of', valence: 0, kind: 'neutral' },
  { pattern: 'feel free', valence: 0, kind: 'neutral' },
  { pattern: 'good morning|afternoon|evening|night|luck', valence: 0, kind: 'neutral' },
  { pattern: 'would|i\'d|id like', valence: 0, kind: 'neutral' },
  { pattern: 'no way to', valence: -1, kind: 'unresponsive' },
  { pattern: 'please help', valence: 0, kind: 'neutral' },
];

/** A compiled cue sequence. */
export interface CueSequence {
  readonly seq: readonly string[];
  readonly cue: Cue;
}

/** Expand one pattern into all token sequences it matches. */
export function expandPattern(pattern: string): string[][] {
  let out: string[][] = [[]];
  for (const slot of pattern.split(' ')) {
    const optional = slot.endsWith('?') && slot.length > 1;
    const alts = (optional ? slot.slice(0, -1) : slot).split('|').map((a) => a.split('_'));
    const next: string[][] = [];
    for (const prefix of out) {
      if (optional) next.push(prefix);
      for (const alt of alts) next.push([...prefix, ...alt]);
    }
    out = next;
  }
  return out.map((seq) => seq.map(normTok)).filter((seq) => seq.length > 0 && !seq.includes(''));
}

function normTok(w: string): string {
  if (w.startsWith('<')) return w;
  return normalizeTerm(w);
}

function compile(cues: readonly Cue[]): Map<string, CueSequence[]> {
  const byFirst = new Map<string, CueSequence[]>();
  for (const cue of cues) {
    for (const seq of expandPattern(cue.pattern)) {
      const first = seq[0] as string;
      const list = byFirst.get(first) ?? [];
      list.push({ seq, cue });
      byFirst.set(first, list);
    }
  }
  // Longest first, so "thank you so much" beats "thank you".
  for (const list of byFirst.values()) list.sort((a, b) => b.seq.length - a.seq.length);
  return byFirst;
}

/** First token -> candidate sequences, longest first. */
export const CUE_INDEX: ReadonlyMap<string, readonly CueSequence[]> = compile(CUES);

/**
 * Longest cue starting at `tokens[i]`, or undefined. `cands` defaults to
 * the index entry for `tokens[i]` (callers that already looked it up pass it).
 */
export function matchCueAt(
  tokens: readonly string[],
  i: number,
  cands: readonly CueSequence[] | undefined = CUE_INDEX.get(tokens[i] as string),
): CueSequence | undefined {
  if (cands === undefined) return undefined;
  outer: for (const c of cands) {
    const n = c.seq.length;
    if (i + n > tokens.length) continue;
    for (let k = 1; k < n; k++) if (tokens[i + k] !== c.seq[k]) continue outer;
    return c;
  }
  return undefined;
}
