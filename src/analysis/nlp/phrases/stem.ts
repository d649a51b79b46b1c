/**
 * Light, rule-based word normalisation ("stemming lite").
 *
 * Why not compromise's lemmatiser: it needs the full tagger (~2k posts/s),
 * and the fast matcher runs over every message. These rules only need to be
 * *consistent* — "bag"/"bags", "cancel"/"cancelled"/"canceled"/"cancelling",
 * "charge"/"charged"/"charging" must land on the same key — because keys are
 * internal; readable labels come from the most common surface form.
 * The suffix rules follow Porter's steps 1a, 1b and 5 (so "care" and "car",
 * "plane" and "plan" stay apart), plus a table of irregular forms.
 */

/** Irregular forms mapped to a base word before the suffix rules run. */
const IRREGULAR: Readonly<Record<string, string>> = {
  lost: 'lose', broke: 'break', broken: 'break', paid: 'pay', took: 'take', taken: 'take',
  went: 'go', gone: 'go', sent: 'send', said: 'say', told: 'tell', made: 'make', got: 'get',
  gotten: 'get', bought: 'buy', thought: 'think', kept: 'keep', flew: 'fly', flown: 'fly',
  flies: 'fly', flying: 'fly', left: 'leave', stuck: 'stick', gave: 'give', given: 'give',
  came: 'come', found: 'find', felt: 'feel', held: 'hold', ran: 'run', sat: 'sit', saw: 'see',
  seen: 'see', spent: 'spend', stole: 'steal', stolen: 'steal', wrote: 'write', written: 'write',
  knew: 'know', known: 'know', hung: 'hang', dying: 'die', died: 'die', lying: 'lie',
  children: 'child', men: 'man', women: 'woman', feet: 'foot', teeth: 'tooth',
  canceled: 'cancel', canceling: 'cancel', traveled: 'travel', traveling: 'travel',
  // -ing / -s words that are not inflections of a shorter word.
  during: 'during', morning: 'morning', evening: 'evening', nothing: 'nothing',
  something: 'something', anything: 'anything', everything: 'everything', ceiling: 'ceiling',
  string: 'string', spring: 'spring', news: 'news', series: 'series', always: 'always',
  perhaps: 'perhaps', whereas: 'whereas', chaos: 'chaos', yes: 'yes', its: 'its', this: 'this',
  thanks: 'thanks', sometimes: 'sometimes', lens: 'lens', gas: 'gas', bus: 'bus', plus: 'plus',
  wifi: 'wifi', iphone: 'iphone', ios: 'ios', united: 'united',
};

// Porter-style helpers: consonant/vowel pattern of a word.
function isConsonant(w: string, i: number): boolean {
  const c = w[i]!;
  if ('aeiou'.includes(c)) return false;
  if (c === 'y') return i === 0 || !isConsonant(w, i - 1);
  return true;
}

/** Porter's measure m: the number of vowel→consonant transitions. */
function measure(w: string): number {
  let m = 0;
  let prevVowel = false;
  for (let i = 0; i < w.length; i++) {
    const consonant = isConsonant(w, i);
    if (consonant && prevVowel) m++;
    prevVowel = !consonant;
  }
  return m;
}

function hasVowel(w: string): boolean {
  for (let i = 0; i < w.length; i++) if (!isConsonant(w, i)) return true;
  return false;
}

/** consonant-vowel-consonant ending, last not w/x/y ("hop", "plan", "car"). */
function endsCvc(w: string): boolean {
  const n = w.length;
  if (n < 3) return false;
  return isConsonant(w, n - 3) && !isConsonant(w, n - 2) && isConsonant(w, n - 1) && !'wxy'.includes(w[n - 1]!);
}

function endsDoubleConsonant(w: string): boolean {
  const n = w.length;
  return n >= 2 && w[n - 1] === w[n - 2] && isConsonant(w, n - 1);
}

/** Plurals / third person (Porter 1a, with "-ies" → "-y"). */
function stripPlural(w: string): string {
  const n = w.length;
  if (w.endsWith('ies') && n > 4) return w.slice(0, -3) + 'y';
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (/(?:x|ch|sh|zz)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && n > 3 && !/(?:ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

/** "-ed" / "-ing" (Porter 1b): "charged"→"charg", "hoping"→"hope", "stopped"→"stop". */
function stripVerbSuffix(w: string): string {
  let stem: string | null = null;
  if (w.endsWith('ied') && w.length > 4) return w.slice(0, -3) + 'y';
  if (w.endsWith('eed')) return measure(w.slice(0, -3)) > 0 ? w.slice(0, -1) : w;
  if (w.endsWith('ed') && w.length >= 5 && hasVowel(w.slice(0, -2))) stem = w.slice(0, -2);
  else if (w.endsWith('ing') && w.length >= 6 && hasVowel(w.slice(0, -3))) stem = w.slice(0, -3);
  if (stem === null) return w;
  if (/(?:at|bl|iz)$/.test(stem)) return stem + 'e';
  if (endsDoubleConsonant(stem) && !/[lsz]$/.test(stem)) return stem.slice(0, -1);
  if (measure(stem) === 1 && endsCvc(stem)) return stem + 'e';
  return stem;
}

/** Final "-e" and "-ll" (Porter 5): "charge"→"charg", "cancell"→"cancel"; "care", "plane", "call" stay. */
function finish(w: string): string {
  let out = w;
  if (out.endsWith('e') && out.length > 3) {
    const stem = out.slice(0, -1);
    const m = measure(stem);
    if (m > 1 || (m === 1 && !endsCvc(stem))) out = stem;
  }
  if (out.endsWith('ll') && measure(out) > 1) out = out.slice(0, -1);
  return out;
}

/** Three-letter words ending in "s" that are not plurals. */
const NOT_PLURAL_3 = new Set(['bus', 'gas', 'yes', 'his', 'its', 'was', 'has', 'ios', 'mrs', 'sis', 'cos', 'dis', 'les', 'des', 'ups', 'ms']);

const cache = new Map<string, string>();
// Bounded so a million noisy posts (typos, hashtags) cannot grow it without limit.
const CACHE_LIMIT = 300_000;

/**
 * Normalise one lower-case word (apostrophes removed) to its matching key.
 * Deterministic; words with digits and words under three letters pass through.
 */
export function stemWord(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  let out: string;
  if (/\d/.test(word) || word.length < 3) out = word;
  // Three letters: only plurals of two-letter words ("tvs", "fas", "hrs").
  else if (word.length === 3) out = word.endsWith('s') && !NOT_PLURAL_3.has(word) ? word.slice(0, 2) : word;
  else {
    const irregular = IRREGULAR[word];
    out = finish(irregular !== undefined ? irregular : stripVerbSuffix(stripPlural(word)));
  }
  if (cache.size < CACHE_LIMIT) cache.set(word, out);
  return out;
}
