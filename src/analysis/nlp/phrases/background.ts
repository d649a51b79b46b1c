/**
 * Background frequencies: how common a word is in ordinary English.
 *
 * A hand-curated list of ~900 frequent English content words in rough
 * frequency order (written from general-English frequency lists such as
 * COCA/BNC rank tables, from memory). Only the *order* is used,
 * through a Zipf estimate, so small ranking errors barely matter. Words not
 * listed are treated as rare. Domain words ("flight", "refund", "battery")
 * are deliberately absent: they should stand out against ordinary text.
 */
import { stemWord } from './stem.ts';

const RANKED = `
time year people way day man thing woman life child world school state family student group
country problem hand part place case week company system program question work government
number night point home water room mother area money story fact month lot right study book eye
job word business issue side kind head house service friend father power hour game line end
member law car city community name president team minute idea kid body information back
parent face others level office door health person art war history party result change
morning reason research girl guy moment air teacher force education foot boy age policy
process music market sense nation plan college interest death experience effect use class
control care field development role effort rate heart drug show leader light voice wife
police mind price report decision son view relationship town road arm difference value
building action model season society tax director position player record paper space ground
form event official matter center couple site project activity star table need court
american oil situation cost industry figure street image phone data picture practice piece
land product doctor wall patient worker news test movie north love support technology step
baby computer type attention film tree source organization hair window evidence population
site truth million thousand hundred daughter store camera bed dog letter chance film film
list amount board deal box rule note card film film mind cell food food food sort term
say get make go know take see come think look want give use find tell ask work seem feel try
leave call keep let begin help talk turn start show hear play run move like live believe hold
bring happen write provide sit stand lose pay meet include continue set learn change lead
understand watch follow stop create speak read allow add spend grow open walk win offer
remember love consider appear buy wait serve die send expect build stay fall cut reach kill
remain suggest raise pass sell require report decide pull return explain hope develop carry
break receive agree support hit produce eat cover catch draw choose cause point listen
realize place close involve increase prepare argue sound apply check finish miss thank
other new good high old great big small large long young important different public bad
able late early little real best sure free full special easy clear whole hard major strong
possible true local nice ready simple similar short single wrong fine happy human final
social national political economic dark hot cold open recent low green red white black
heavy quick slow short quiet safe poor rich serious common current past main huge certain
fast wide deep beautiful close various likely available personal natural significant
free difficult past entire stupid crazy funny weird cool awesome amazing terrible horrible
awful sad angry tired ridiculous
really actually probably maybe always often never sometimes usually already almost again
away ago soon later together instead quite enough rather pretty simply finally recently
today tonight tomorrow yesterday weekend holiday christmas birthday summer winter spring
friday monday tuesday wednesday thursday saturday sunday january february march april june
july august september october november december
email internet website online account phone call video photo message post text app
site page link number address order bill card bank check cash credit
trip vacation hotel bus car drive driver road
traffic office staff manager customer client employee boss job pay salary contract
meeting appointment interview question answer problem issue mistake error fault trouble
experience quality value cost price deal offer sale
store shop mall restaurant food drink coffee lunch dinner breakfast meal pizza beer wine
water tea bottle box mail letter gift item stuff clothes shoes shirt
dress hat glass door window room house apartment home kitchen bathroom bed floor wall
roof garden yard street city town village country state world map area place spot
rest break stop start end finish computer laptop tv radio game music song movie
show film book story news article paper magazine report blog video picture photo image
family friend kid baby mom dad parent brother sister husband wife son daughter wife
doctor nurse hospital school teacher student class lesson test exam grade college
university degree job career work office company business industry market economy
money dollar cent price tax bill debt loan rent insurance bank account credit card cash
weather rain snow storm wind sun cold heat ice fire water air sky cloud
contact file date due amount total request provide regard regarding concern document form
copy state current previous various receive respond return require process include
statement notice period detail details section record records recently twice several
asked told stated informed explained advised mentioned received contacted sent provided
`;

/** Rank of the most common listed stem; function words sit above it. */
const FIRST_RANK = 60;

const RANK: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  let rank = FIRST_RANK;
  for (const word of RANKED.split(/\s+/)) {
    if (!word) continue;
    const stem = stemWord(word);
    if (!map.has(stem)) map.set(stem, rank++);
  }
  return map;
})();

/** Rank given to a word that is not in the list. */
export const UNLISTED_RANK = 20_000;

/** Ordinary-English frequency rank of a stem (lower = more common). */
export function backgroundRank(stem: string): number {
  return RANK.get(stem) ?? UNLISTED_RANK;
}

/**
 * Expected rate of the phrase per token of ordinary text. Zipf: a rank-r
 * word is ~0.08/r of tokens, ~0.15/r counting all forms of a stem (ask,
 * asks, asked, asking); each extra word of a phrase is assumed to
 * follow the rarest word one time in twenty.
 */
export function backgroundRate(stems: readonly string[]): number {
  let rarest = 0;
  for (const stem of stems) rarest = Math.max(rarest, backgroundRank(stem));
  return Math.min(0.05, 0.15 / rarest) * Math.pow(0.05, stems.length - 1);
}
