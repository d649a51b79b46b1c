/**
 * Per-word normalisation used by the tokenizer: lower-casing, apostrophes,
 * elongations, numbers, brand/airport masking and lemmatisation.
 *
 * Brand masking matters for honesty, not only hygiene: a learned model that
 * sees "united" or "usairways" learns each brand's base rate of complaints,
 * which does not transfer to another brand or another crisis. Every known
 * brand name becomes the single token `<brand>`, airport / flight codes
 * `<code>` and place names `<place>` (a hub city stands for the airline based
 * there), so the learned weights describe language, not companies.
 */
import { LEMMA_TABLE, PLACE_TERMS } from './lemmas.ts';

/**
 * Brand words masked to `<brand>`. Airlines (the training data are airline
 * tweets) plus their loyalty programmes and concatenated hashtag forms.
 * Callers can add their own via {@link addBrandTerms}.
 */
const BRAND_TERMS = new Set<string>(
  (
    'united unitedairlines unitedair flyunited ual ua usairways usair airways americanair americanairlines ' +
    'american aa delta deltaairlines southwest southwestair jetblue virgin virginamerica alaska alaskaair ' +
    'spirit frontier hawaiian allegiant continental lufthansa emirates ryanair easyjet westjet aircanada ' +
    'aadvantage mileageplus skymiles dividend admirals polaris'
  ).split(' '),
);

/*
 * Common airport codes, masked only when written in upper case (so "MIA"
 * becomes <code> but the word "sea" stays). Codes that double as frequent
 * English words in caps ("MAD", "DEN", "SAN", "OAK", "IND", "DEL") are left out.
 */
const AIRPORT_CODES = new Set<string>(
  (
    'atl lax ord dfw jfk sfo las sea clt ewr mco phx mia iah bos msp fll dtw phl lga bwi slc dca iad mdw tpa ' +
    'pdx hnl aus bna rdu stl msy mci cle cmh pit cvg buf rsw sjc smf sna bur ont abq elp tus okc tul oma dsm ' +
    'mke ric orf chs sav jax pbi sju ogg anc hou dal sat ilm gso cae gsp tys chs pvd bdl alb syr roc btv pwm ' +
    'yyz yul yvr lhr lgw cdg fra ams nrt hnd icn pek pvg hkg syd mex cun gru dub zrh fco bcn lis tlv dxb doh ' +
    'sin bkk bom gig lim bog sti pos sdq mbj nas pls gcm uvf aua sxm stt'
  ).split(' '),
);

/** Units that commonly follow a number written without a space ("3hrs"). */
const NUMBER_UNITS = new Set<string>([
  'hr', 'hrs', 'hour', 'hours', 'h', 'min', 'mins', 'minute', 'minutes', 'm', 'day', 'days',
  'am', 'pm', 'k', 'x', 'nd', 'st', 'rd', 'th', 'yrs', 'years', 'weeks', 'wks', 'mo', 'months',
]);

/** Possessive "'s" is stripped except where it is a contraction ("it's"). */
const S_CONTRACTIONS = new Set<string>([
  "it's", "that's", "what's", "there's", "here's", "he's", "she's", "who's", "let's", "where's", "how's",
]);

/**
 * Register extra brand words (lower case) to mask as `<brand>`; e.g. the
 * client's product names. Affects all scorers in this realm; call once at
 * start-up. Note that it changes behaviour, so include it in cache keys.
 */
export function addBrandTerms(terms: readonly string[]): void {
  for (const t of terms) BRAND_TERMS.add(t.toLowerCase());
  MEMO.clear();
}

const ELONGATED = /(.)\1\1+/;

/*
 * Memo of raw -> normalised. Vocabulary is Zipfian, so after a few thousand
 * posts nearly every lookup hits; that is ~3x cheaper than recomputing, and
 * returning the same string instances lets later Map lookups reuse V8's
 * cached string hashes. Cleared when full to bound memory.
 */
const MEMO = new Map<string, string>();
const MEMO_LIMIT = 200_000;

/**
 * Normalise one raw word token (letters, digits, inner apostrophes). Returns
 * '' to drop the token, or "<num> unit" (space-separated) for "3hrs".
 */
export function normalizeTerm(raw: string): string {
  let out = MEMO.get(raw);
  if (out === undefined) {
    if (MEMO.size >= MEMO_LIMIT) MEMO.clear();
    out = computeNormalized(raw);
    MEMO.set(raw, out);
  }
  return out;
}

function computeNormalized(raw: string): string {
  const c0 = raw.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) {
    // Starts with a digit: plain number, number+unit, or a code like "1k"/"3a".
    let i = 1;
    while (i < raw.length && raw.charCodeAt(i) >= 48 && raw.charCodeAt(i) <= 57) i++;
    if (i === raw.length) return '<num>';
    const unit = raw.slice(i).toLowerCase();
    if (NUMBER_UNITS.has(unit)) return unit.length <= 2 && unit !== 'hr' ? '<num>' : `<num> ${unit}`;
    return '<code>';
  }
  if (raw.length === 3 && AIRPORT_CODES.has(raw.toLowerCase()) && raw === raw.toUpperCase()) return '<code>';
  let w = raw.toLowerCase();
  if (w.indexOf('’') >= 0) w = w.replace(/’/g, "'");
  if (/[0-9]/.test(w)) return '<code>'; // "ua1116", "a380", "b737"
  if (w.endsWith("'s") && !S_CONTRACTIONS.has(w)) w = w.slice(0, -2);
  if (w.length > 3 && ELONGATED.test(w)) w = deElongate(w);
  if (BRAND_TERMS.has(w)) return '<brand>';
  if (PLACE_TERMS.has(w)) return '<place>';
  return LEMMA_TABLE.get(w) ?? w;
}

/**
 * "sooooo" -> "so", "looooove" -> "love", "coooool" -> "cool": collapse a run
 * of 3+ to two letters, then to one if the two-letter form is not a known
 * word (known = in the lemma table's word list).
 */
function deElongate(w: string): string {
  const two = w.replace(/(.)\1\1+/g, '$1$1');
  const one = w.replace(/(.)\1\1+/g, '$1');
  if (KNOWN_ELONGATION_TARGETS.has(two)) return two;
  if (KNOWN_ELONGATION_TARGETS.has(one) || LEMMA_TABLE.has(one)) return one;
  return two;
}

/** Short common words whose doubled letters are real ("cool", "good", "too"). */
const KNOWN_ELONGATION_TARGETS = new Set<string>([
  'cool', 'good', 'too', 'soon', 'sooo', 'all', 'well', 'hell', 'ugh', 'wow', 'yes', 'no', 'so', 'oh', 'please',
  'love', 'hate', 'sweet', 'awesome', 'thanks', 'thank', 'fail', 'bad', 'sad', 'mad', 'hmm', 'aww', 'omg', 'lol',
  'haha', 'hahaha', 'really', 'seriously', 'long', 'feel', 'need', 'wait', 'waiting', 'free', 'see', 'agree',
  'happy', 'sorry', 'guess', 'less', 'miss', 'pass', 'boo', 'yay', 'yeah', 'uh', 'sigh', 'ok', 'okay',
]);
