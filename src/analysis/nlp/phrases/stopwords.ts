/**
 * Word lists that keep phrases topical. All sets hold *stems* (see
 * {@link stemWord}) so they can be checked against the match stream directly.
 */
import { stemWord } from './stem.ts';

function stems(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/).filter(Boolean).map(stemWord));
}

/** Function words and chat filler: a phrase may not start or end with one. */
export const STOPWORDS = stems(`
  i me we us you he him she it they them who whom whose which what whatever where when why how
  myself yourself ourselves themselves himself herself itself mine yours ours theirs
  and or but if then else than because as until while of at by for with about against between
  into through during before after above below to from up down in out on off over under again
  further once here there all any both each few more most other some such no nor not only own
  same too can will should would could might must shall may do does did doing done dont doesnt
  didnt cant cannot wont wouldnt shouldnt couldnt isnt arent wasnt werent havent hasnt hadnt
  im ive id ill youre youve youll youd hes shes theyre theyve weve were thats theres whats
  lets heres wheres hows whos aint gonna wanna gotta u r ya yall ok okay yes yeah yep nope lol
  lmao omg wtf smh tbh btw idk also even ever never now still yet already back away much many
  lot lots every another something anything nothing everything someone anyone everyone nobody
  one two three four five six seven eight nine ten first last next new old good great bad best
  worst better worse big little long short high low right left sure well way like get got go
  going gone make made take took know knew think thought want need see say said come came tell
  told let try use find give keep put seem feel look way thing stuff guy guys anyway though
  etc via per vs amp rt oh ah wow hey hi hello hmm um ur plz pls thx ty tho cuz cause bc
  today tomorrow yesterday tonight am pm
`);

/**
 * Customer-service boilerplate: greetings, politeness, "DM us". A phrase
 * containing any of these stems is never a theme.
 */
export const BOILERPLATE = stems(`
  thank thanks thankyou thx ty please pls plz hi hello hey greetings dear welcome sorry
  apologize apologise apology apologies inconvenience dm dms pm follow
  followed following reply replied respond tweet tweets retweet help helped helping assist
  assistance appreciate appreciated kindly regards cheers hear hearing glad happy love
  awesome amazing nice cool
`);

/** True when the stem may stand alone as a one-word phrase. */
export function isContentStem(stem: string): boolean {
  return stem.length >= 2 && !STOPWORDS.has(stem) && !BOILERPLATE.has(stem) && !/^\d/.test(stem);
}
