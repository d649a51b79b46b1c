/**
 * Which capitalised words are people's names, for the name masking in
 * privacy-names.ts. A word after "Hi" or before the end of a sign-off is only
 * masked when it looks like a name, so "Hi there", "Thanks Apple" and "Dear
 * Customer" stay as they are.
 *
 * The evidence is compromise's lexicon (already loaded by the analysis): about
 * 4,000 first and last names, and tags for ordinary English words. A word it
 * does not know is "unknown": masked only where the context leaves little
 * doubt ("Hi Loreen," at the start of a reply, "-Sabi" as a signature).
 */
import nlp from 'compromise/two';

/** What a masked name becomes. */
export const NAME_TOKEN = '[name]';

/** One capitalised name word: "Becca", "Mary-Jane", "O’Brien" (a regex source, for the `u` flag). */
export const NAME_WORD = String.raw`(?:\p{Lu}['’])?\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?`;

/** How a capitalised word reads: a person's name, an ordinary word or brand, or not known either way. */
export type NameClass = 'name' | 'word' | 'unknown';

/** Tags of compromise's lexicon that mark a person's name. */
const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person']);
/** The tags of given names alone. */
const GIVEN_NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName']);

/**
 * Capitalised words that follow greetings and sign-offs but never name a
 * private person: forms of address, voice assistants, and the brands of the
 * public customer-service data sets (TWCS, airline tweets), so "Hey Spotify,"
 * stays readable in any crisis. A crisis adds its own brand's words.
 */
const NOT_NAMES = new Set(
  `there everyone everybody all team guys gals folks friends friend fam family customer customers sir sirs madam maam
  mate mates buddy bro dude y'all yall people world twitter admin admins agent agents support care help helpdesk service
  sweetie hun hon honey babe love dear again ty siri alexa cortana bixby google amazon apple spotify netflix hulu youtube
  facebook instagram whatsapp snapchat microsoft windows xbox playstation nintendo samsung iphone ipad android uber lyft
  paypal ebay tesla verizon sprint comcast xfinity tmobile airtel safaricom tesco sainsburys morrisons argos aldi asda
  walmart costco kroger mcdonalds arbys chipotle dunkin greggs panera kfc doordash postmates airbnb hilton marriott
  kimpton delta united southwest jetblue alaska american virgin airasia ryanair easyjet emirates qantas lufthansa
  usairways amex citi visa mastercard barclays hsbc natwest santander robinhood spectrum centurylink dropbox godaddy
  adobe norton seagate newegg pandora pearson salesforce azure aws nike adidas ups fedex usps dhl tfl gwr o2 vodafone
  consumer client clients valued member members guest guests passenger passengers traveler travelers traveller shopper
  user users subscriber subscribers patron colleague colleagues neighbor neighbour resident residents citizen citizens
  parent parents whom hiring admissions manager supervisor representative rep officer director president ceo chairman
  senator congressman congresswoman governor mayor judge attorney editor sirs equifax experian transunion synchrony
  navient ocwen wells fargo citibank barclaycard`.split(/\s+/),
);

/** Words of organisations: a greeting or title followed by one addresses an office, not a person ("Dear Consumer Financial Protection Bureau"). */
const ORGANISATION_WORDS = new Set(
  `bureau bank department dept office agency company corporation corp inc llc ltd services service board committee council
  association authority commission center centre group institute university college school hospital court`.split(/\s+/),
);

/** Title + word pairs that are brands or public figures, not private people ("Dr Pepper", "Mr Cooper" the lender). */
const NOT_NAME_AFTER_TITLE = new Set(['pepper', 'cooper', 'kipling', 'clean', 'bean', 'dre', 'oetker', 'martens', 'seuss', 'who', 'big', 'parcel']);

/** Endings of English words that names rarely have ("Unacceptable", "Disappointed", "Seriously", "Apologies"). */
const WORD_ENDING = /(?:able|ible|tion|sion|ment|ness|ings?|[^e]ed|ly|ous|ful|less|ive|ism|ist|ity|ize|ise|ology|ward|wise|ies|ship|hood|ery)$/;

let lexicon: Record<string, unknown> | null = null;
let publicFigures: Set<string> | null = null;

/** compromise's word → tag table (its typings leave the model untyped). */
function lexiconOf(): Record<string, unknown> {
  lexicon ??= (nlp.model() as { one: { lexicon: Record<string, unknown> } }).one.lexicon;
  return lexicon;
}

/** Two-word public figures of the lexicon ("barack obama") and their surnames alone, which stay readable. */
function publicFigureSet(): Set<string> {
  if (publicFigures) return publicFigures;
  const lex = lexiconOf();
  publicFigures = new Set();
  for (const [entry, tag] of Object.entries(lex)) {
    if (String(tag) !== 'Person' || !entry.includes(' ')) continue;
    publicFigures.add(entry);
    const surname = entry.slice(entry.lastIndexOf(' ') + 1);
    // "Thanks Obama" is about the public figure; "Thanks Harrison" may be anyone.
    if (!GIVEN_NAME_TAGS.has(String(lex[surname]))) publicFigures.add(surname);
  }
  return publicFigures;
}

/** Lower-cased words of a crisis's brand handles ("LatchlySupport" → latchlysupport, latchly, support). */
export function brandWords(handles: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const handle of handles) {
    const bare = handle.trim().replace(/^@/, '');
    if (!bare) continue;
    out.add(bare.toLowerCase());
    for (const piece of bare.split(/[_\d]+|(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u)) if (piece.length >= 2) out.add(piece.toLowerCase());
  }
  return out;
}

/**
 * How `word` (one capitalised word, possessive already removed) reads.
 * `keep` holds the crisis's brand words, which are never names.
 */
export function nameClass(word: string, keep: ReadonlySet<string>): NameClass {
  const w = word.toLowerCase();
  // "Mary-Jane", "Jean-Luc": a name when a part is and no part is an ordinary word.
  if (w.includes('-') && !keep.has(w)) {
    const parts = word.split('-').map((p) => nameClass(p, keep));
    return parts.includes('word') ? 'word' : parts.includes('name') ? 'name' : 'unknown';
  }
  if (NOT_NAMES.has(w) || keep.has(w)) return 'word';
  const tag = lexiconOf()[w];
  if (tag !== undefined) return NAME_TAGS.has(String(tag)) ? 'name' : 'word';
  return WORD_ENDING.test(w) ? 'word' : 'unknown';
}

/** Tags of ordinary words that are also common surnames ("White", "Baker", "Young", "Cook"). */
const SURNAME_WORD_TAGS = new Set(['Adjective', 'Comparative', 'Singular', 'Noun', 'Actor', 'Uncountable', 'Infinitive']);

/**
 * True when an ordinary word may still be a surname after a first name, in a
 * place that leaves little doubt ("Regards, Simone White"): a noun or
 * adjective, not a grammar word, verb form or brand.
 */
export function mayBeSurnameWord(word: string, keep: ReadonlySet<string>): boolean {
  const w = word.toLowerCase();
  if (NOT_NAMES.has(w) || keep.has(w)) return false;
  return SURNAME_WORD_TAGS.has(String(lexiconOf()[w]));
}

/** True for a given name the lexicon knows (not a surname or a place that is also a name): the evidence a vocative needs. */
export function isGivenName(word: string, keep: ReadonlySet<string>): boolean {
  const w = word.toLowerCase();
  if (NOT_NAMES.has(w) || keep.has(w)) return false;
  return GIVEN_NAME_TAGS.has(String(lexiconOf()[w]));
}

/** True for a word that names a kind of organisation ("Bureau", "Bank"). */
export function isOrganisationWord(word: string): boolean {
  return ORGANISATION_WORDS.has(word.toLowerCase());
}

/** True when the words ("Barack Obama", or "Obama" alone) name a public figure the lexicon knows. */
export function isPublicFigure(words: readonly string[]): boolean {
  return publicFigureSet().has(words.join(' ').toLowerCase());
}

/** True for a word that after "Mr"/"Dr" makes a brand or character ("Dr Pepper"), not a private person. */
export function isBrandAfterTitle(word: string): boolean {
  return NOT_NAME_AFTER_TITLE.has(word.toLowerCase());
}
