/**
 * Names of private people in quoted text → `[name]`: the customer greeted in a
 * brand reply ("Hi Becca,"), the writer of a complaint ("Regards, Simone
 * Romero", "my name is Becca Chen"), a person addressed by title ("Dear
 * Mr. Romero"), at the start or end of a sentence ("Dylan, we hear you", "You
 * got it, Ahmad!"), and an
 * agent's signature (privacy-signature.ts). Only a capitalised word in one of
 * these places is a candidate; privacy-lexicon.ts decides whether it reads as
 * a name:
 *
 * - strong places (a greeting followed by a comma or the end of the
 *   sentence, "Dear", "my name is", a title, a sign-off that ends the text or
 *   line) mask a known name or a word the lexicon does not know ("Hi Loreen,");
 * - weak places ("Hey Spotify why…", "Thanks Becca for…", "I'm …") and a
 *   vocative mask only a name the lexicon knows, so brands and ordinary words
 *   stay readable ("Hi there", "Thanks Apple", "Dear Customer").
 *
 * Brand words, @handles and hashtags are never masked.
 */
import { NAME_TOKEN, NAME_WORD, isBrandAfterTitle, isGivenName, isOrganisationWord, isPublicFigure, mayBeSurnameWord, nameClass } from './privacy-lexicon.ts';
import { maskSignature } from './privacy-signature.ts';

// Not the start of a longer word or handle; a possessive "'s" may follow ("Becca's").
const END_OF_WORD = String.raw`(?![\p{L}\p{N}_@])(?!['’](?![sS](?!\p{L}))\p{L})`;
// Up to three parts: "Becca", "Becca Chen", "Becca C.", "Olivia T. Kelly".
// A middle initial may lack its dot when a surname follows ("Mitchell M Neuer").
const FULL_NAME = String.raw`(${NAME_WORD})${END_OF_WORD}(?:([ \t]+)(\p{Lu}\.|\p{Lu}(?=[ \t]+\p{Lu}\p{Ll})|${NAME_WORD}${END_OF_WORD}))?(?:([ \t]+)(${NAME_WORD})${END_OF_WORD})?`;

/** The places a name stands in, each a capture group before FULL_NAME, in this order. */
const PLACES = {
  // "Sorry Salsa, …" opens a reply the same way.
  greeting: String.raw`(?:[Hh](?:i|ello|ey|iya|owdy)|[Gg]reetings|(?:[Gg]ood[ \t]+)?(?:[Mm]orning|[Aa]fternoon|[Ee]vening)|[Ss]orry|[Hh]ola|[Bb]onjour|[Hh]allo|[Cc]iao)(?:[ \t]+there)?(?:[ \t]*,[ \t]*|[ \t]+)`,
  dear: String.raw`[Dd]ear(?:est)?[ \t]+(?:(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof)\.?[ \t]+)?`,
  title: String.raw`(?:Mr|Mrs|Ms|Mx|Dr|Prof)(?:\.[ \t]*|[ \t]+)`,
  myName: String.raw`[Nn]ame(?:[ \t]+is[ \t]+|['’]s[ \t]+|[ \t]*:[ \t]*)`,
  iAm: String.raw`(?:I['’]?m|I[ \t]+am|[Tt]his[ \t]+is)[ \t]+`,
  signOff:
    String.raw`(?:(?:[Kk]ind|[Bb]est|[Ww]arm(?:est)?|[Mm]any)[ \t]+(?:[Rr]egards|[Tt]hanks|[Ww]ishes)|[Rr]egards|[Ss]incerely(?:[ \t]+yours)?|[Yy]ours[ \t]+(?:truly|sincerely|faithfully)|[Bb]est|[Cc]heers|[Tt]hanks(?:[ \t]+(?:again|so[ \t]+much))?|[Tt]hank[ \t]+you(?:[ \t]+(?:again|so[ \t]+much))?|[Tt]hx|[Rr]gds|[Rr]espectfully|[Cc]ordially|[Ww]armly)` +
    String.raw`(?:[ \t]*[,!.]?[ \t]*\r?\n\s*|[ \t]*,[ \t]*|[ \t]*[-–—][ \t]*|[ \t]+)`,
} as const;
type Place = keyof typeof PLACES | 'vocative';
const PLACE_NAMES = Object.keys(PLACES) as (keyof typeof PLACES)[];

// Tried only where NAME_TRIGGER found a place's first word (sticky): a
// regex of this many alternatives scanned over every position of every text
// costs more than the rest of the privacy filter together.
const NAME_PLACE = new RegExp(
  `(?:${PLACE_NAMES.map((p) => `(${PLACES[p]})`).join('|')})${FULL_NAME}` +
    // "…, Ahmad!" / "Good news, Nicole: …" closing a phrase: a brand reply addressing its customer.
    String.raw`|(,[ \t]+)(${NAME_WORD})${END_OF_WORD}(?=[ \t]*(?:[!.?:;,]|$))`,
  'uy',
);

// The first word of every place (for "Good morning", "Kind regards", "Thank
// you", "Best wishes": a later word of it, where the place also starts),
// after a non-word character, or ", " + a capital or any non-ASCII
// character for a vocative. ASCII without the u flag: one fast scan.
const NAME_TRIGGER =
  /\b(?:[Hh](?:i|ello|ey|iya|owdy|ola|allo)|[Ss]orry|[Bb]onjour|[Cc]iao|[Gg]reetings|[Mm]orning|[Aa]fternoon|[Ee]vening|[Dd]ear(?:est)?|Mrs?|Ms|Mx|Dr|Prof|[Nn]ame|I['’]?m|I[ \t]+am|[Tt]his[ \t]+is|[Rr]egards|[Ss]incerely|[Yy]ours|[Bb]est|[Cc]heers|[Tt]hanks?|[Tt]hx|[Rr]gds|[Rr]espectfully|[Cc]ordially|[Ww]armly)\b|,[ \t]+(?:[A-Z]|[^\x00-\x7f])/g;

/** A character a place's first word may not follow ("Ohi Chris", "#HiChris", "@hey"). */
const WORD_BEFORE = /[\p{L}\p{N}_'’@#/]/u;
/** A capitalised word and a space right before a title: "Anthony Dr Champaign" is a street. */
const CAPITALISED_BEFORE = /\p{Lu}\p{Ll}*[ \t]$/u;
/** After a name: punctuation, a line break, a dash or the end, i.e. the name closes its phrase. */
const CLOSES_PHRASE = /^[ \t]*(?:[,!.?:;)\r\n]|[-–—]|$)/;
/** After a sign-off's name: only punctuation, symbols or URLs up to the end of the line or text. */
const ENDS_LINE = /^(?:[ \t]*(?:[\p{P}\p{S}\p{Extended_Pictographic}\u200d\ufe0f]|https?:\/\/\S+))*[ \t]*(?:\r?\n|$)/u;
/** A possessive right after a name. */
const POSSESSIVE = /^['’]s/;
/** A fourth capitalised word after three: a name runs no longer, an organisation's does. */
const ORGANISATION_RUN = /^[ \t]+\p{Lu}\p{Ll}/u;
/** Words that never continue a name as its surname, even closing a sign-off. */
const NEVER_SURNAME =
  /^(?:I|The|A|An|And|Or|But|So|To|For|From|At|In|On|Of|With|We|You|It|This|That|My|Our|Your|Please|Thanks|Thank|Team|Support|Can|Could|Would|Will|Why|What|How|When|Where|Who|Is|Are|Do|Does|Did|Have|Has|Just|Not|No|Yes|If|As|Hi|Hello|Hey|Sorry|Great|Good|Happy)$/;

type Strength = 'strong' | 'weak';

/** An ordinary word that may be a name ("Frank", "White"): a noun or adjective, no sentence opener or brand. */
const isOrdinaryWordName = (w: string, keep: ReadonlySet<string>) => !NEVER_SURNAME.test(w) && mayBeSurnameWord(w, keep);

const isInitial = (w: string) => /^\p{Lu}\.?$/u.test(w);

/**
 * How many of `words` form the name (0: none). The first must read as a name
 * (an unknown word too in strong places); a second word or initial joins it
 * when name-like, a third only after a joined second. `surnameMayBeWord` lets
 * a noun or adjective be the surname ("Regards, Simone White").
 */
function nameLength(words: readonly string[], strength: Strength, keep: ReadonlySet<string>, surnameMayBeWord: boolean): number {
  const cls = nameClass(words[0]!, keep);
  if (cls === 'unknown' && strength === 'weak') return 0;
  // In a strong place a noun or adjective is a name too ("Hi Frank,", "Hi Maya,", "Dear Mr. Baker"); "Hi, The app…" is not.
  if (cls === 'word' && !(strength === 'strong' && isOrdinaryWordName(words[0]!, keep))) return 0;
  let n = 1;
  for (const w of words.slice(1)) {
    const c = isInitial(w) ? 'name' : nameClass(w, keep);
    const joins = c !== 'word' || (surnameMayBeWord && isOrdinaryWordName(w, keep));
    if (!joins) break;
    n++;
  }
  return isPublicFigure(words.slice(0, n)) ? 0 : n;
}

/** Strength of the place, from the text right after the name. */
function strengthAt(place: Place, prefix: string, after: string): Strength {
  switch (place) {
    case 'greeting':
      return CLOSES_PHRASE.test(after) ? 'strong' : 'weak';
    case 'signOff':
      // "Regards, Simone Romero" closing the text or a line; "Thanks Becca for…" is weak.
      return /[,\n\-–—]/.test(prefix) && ENDS_LINE.test(after) ? 'strong' : 'weak';
    case 'iAm':
    case 'vocative':
      return 'weak';
    default:
      return 'strong';
  }
}

/** The replacement for one NAME_PLACES match: the prefix kept, the name part masked. */
function maskPlace(match: string, groups: (string | undefined)[], offset: number, text: string, keep: ReadonlySet<string>): string {
  const [vocComma, vocWord] = groups.slice(PLACE_NAMES.length + 5);
  if (vocComma !== undefined) return isGivenName(vocWord!, keep) ? vocComma + NAME_TOKEN : match;
  if (offset > 0 && WORD_BEFORE.test(text[offset - 1]!)) return match;
  const placeIndex = groups.findIndex((g, i) => i < PLACE_NAMES.length && g !== undefined);
  const place = PLACE_NAMES[placeIndex]!;
  const prefix = groups[placeIndex]!;
  if (place === 'title' && CAPITALISED_BEFORE.test(text.slice(Math.max(0, offset - 40), offset))) return match;
  const [first, gap1, second, gap2, third] = groups.slice(PLACE_NAMES.length, PLACE_NAMES.length + 5);
  if ((place === 'title' || place === 'dear') && isBrandAfterTitle(first!)) return match;
  const words = [first!, second, third].filter((w): w is string => w !== undefined);
  const gaps = [gap1, gap2].filter((g): g is string => g !== undefined);
  // A run of capitalised words naming an office ("Dear Consumer Financial Protection Bureau") is no person.
  if (words.some(isOrganisationWord) || (words.length === 3 && ORGANISATION_RUN.test(text.slice(offset + match.length, offset + match.length + 40)))) return match;
  // Take the longest name the words allow (an ordinary word as surname too),
  // then judge the place by what follows it.
  const longest = nameLength(words, 'strong', keep, true);
  if (longest === 0) return match;
  const end = (n: number) => {
    let at = offset + prefix.length + words[0]!.length;
    for (let i = 1; i < n; i++) at += gaps[i - 1]!.length + words[i]!.length;
    return at;
  };
  const strength = strengthAt(place, prefix, text.slice(end(longest), end(longest) + 300));
  const n = strength === 'strong' ? longest : nameLength(words, 'weak', keep, true);
  if (n === 0) return match;
  // A greeted person is no possessor: a full name with "'s" after a greeting is someone famous
  // spoken of ("Hey, Taylor Swift's 'Reputation'…"); a first name alone stays masked ("Hi Becca's mum").
  if ((place === 'greeting' || place === 'iAm') && longest > 1 && POSSESSIVE.test(text.slice(end(longest), end(longest) + 2))) return match;
  let out = prefix + NAME_TOKEN;
  for (let i = n; i < words.length; i++) out += gaps[i - 1]! + words[i]!;
  return out;
}

/**
 * Masks names of private people in their usual places (greetings, sign-offs,
 * self-introductions, titles, a first name opening or closing a phrase, an
 * agent's signature). `keep` holds the crisis's brand words (privacy-lexicon.ts
 * `brandWords`), which are never masked. A text with no trigger word and no
 * signature mark near its end costs one scan and one short loop.
 */
export function maskNames(text: string, keep: ReadonlySet<string>): string {
  return maskSignature(maskPlaces(text, keep), keep);
}

const GROUP_COUNT = PLACE_NAMES.length + 5 + 2;

// A reply opening on its customer's first name: "Dylan, we hear you", "'@dylan_in_nyc Dylan, we…".
const OPENING = new RegExp(String.raw`(?:['"“‘]?(?:@\w+[ \t]+)*)(${NAME_WORD})${END_OF_WORD}(?=,[ \t])`, 'uy');

function maskPlaces(text: string, keep: ReadonlySet<string>): string {
  let out = '';
  let done = 0;
  OPENING.lastIndex = 0;
  const opening = OPENING.exec(text);
  if (opening !== null && isGivenName(opening[1]!, keep)) {
    out = text.slice(0, opening[0].length - opening[1]!.length) + NAME_TOKEN;
    done = opening[0].length;
  }
  NAME_TRIGGER.lastIndex = done;
  for (let t = NAME_TRIGGER.exec(text); t !== null; t = NAME_TRIGGER.exec(text)) {
    NAME_PLACE.lastIndex = t.index;
    const m = NAME_PLACE.exec(text);
    if (m === null) continue;
    out += text.slice(done, t.index) + maskPlace(m[0], m.slice(1, 1 + GROUP_COUNT), t.index, text, keep);
    done = t.index + m[0].length;
    NAME_TRIGGER.lastIndex = done;
  }
  return out === '' ? text : out + text.slice(done);
}
