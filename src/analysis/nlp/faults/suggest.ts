/**
 * Keyword suggestions for a fault taxonomy, from the crisis's own texts
 * (`debrief faults suggest`, issue 12 item 6).
 *
 * The taxonomy's keywords pick out the texts of each fault (with the evidence
 * checks of evidence.ts; a fault's texts are those its keywords of two words
 * or more matched, when there are enough: a single word like "delay" also
 * takes "delayed bags"). The words and two-word phrases that stand out in
 * those texts against the texts no fault matched and the other faults' texts
 * — by log-likelihood keyness (Dunning's G²), counted once per distinct text —
 * are proposed as new keywords of that fault, each with its counts, when most
 * of the faults' texts holding them are of that fault. Stopwords, numbers,
 * brand words, hashtags and existing keywords are left out, and a term is
 * proposed for one fault only (where it stands out most). Lone judgement words
 * of the sentiment lexicon ("terrible", "poor") are not proposed: they stand
 * out in whichever fault's texts are angriest, and name no fault. A seed
 * phrase holding a judgement ("bad flight", rarely written) is widened first
 * to the phrases the crisis writes with a word at least as strong ("worst
 * flight"; suggest-seeds.ts): they find the fault's texts, and are proposed.
 * A phrase holding a proposed word ("poor customer" beside "customer") is
 * not proposed beside it. Recurring complaints no fault covers come from
 * discover.ts as candidate faults. One-word keywords the crisis uses
 * ambiguously are reported with a `context:` fix (ambiguous.ts).
 *
 * Pure and deterministic: same texts and taxonomy, same suggestions in the
 * same order.
 */
import type { RowList } from '../../model.ts';
import { STOPWORDS } from '../phrases/stopwords.ts';
import { tokenize, tokenizeStems } from '../phrases/tokenize.ts';
import type { TextMessage } from '../phrases/types.ts';
import { findAmbiguousKeywords, type AmbiguityOptions, type AmbiguousKeyword } from './ambiguous.ts';
import { classifyFaults, inFaultScope } from './classify.ts';
import { rankCandidateFaults } from './discover.ts';
import { hashtagRanges, insideHashtag } from './evidence.ts';
import { isRetweetText, retweetBody } from '../retweets.ts';
import { VALENCE } from '../sentiment/lexicon.ts';
import { MIN_VALENCE, widenSeeds } from './suggest-seeds.ts';
import type { CandidateFault, FaultKind, FaultTaxonomy } from './types.ts';

/** One proposed keyword. */
export interface KeywordSuggestion {
  /** As most often written in the texts (lower case); matches as any keyword does. */
  keyword: string;
  /** Distinct texts of the fault holding it. */
  inFault: number;
  /** Distinct other in-scope texts holding it (the texts it would add, or take from another fault). */
  elsewhere: number;
  /** Log-likelihood keyness (G²) of the term in the fault's texts against the rest. */
  keyness: number;
}

/** The suggestions for one fault of the taxonomy. */
export interface FaultSuggestion {
  faultId: string;
  label: string;
  kind: FaultKind;
  /** Distinct texts the suggestions come from: those its keywords matched (its phrases', when they matched enough). */
  matched: number;
  /** Best first. */
  keywords: KeywordSuggestion[];
  /** Its one-word keywords the crisis uses ambiguously, each with the `context:` entry proposed for it (ambiguous.ts). */
  ambiguous: AmbiguousKeyword[];
}

/** Everything `debrief faults suggest` proposes. */
export interface FaultSuggestions {
  /** Distinct in-scope texts read. */
  texts: number;
  /** One per taxonomy fault, in taxonomy order. */
  faults: FaultSuggestion[];
  /** Recurring complaints no fault covers, most frequent first (see discover.ts). */
  candidates: CandidateFault[];
  /** Candidates before the cut to {@link SuggestOptions.candidates}. */
  candidatesTotal: number;
}

/** Options for {@link suggestFaults}. */
export interface SuggestOptions {
  /** Keywords proposed per fault (default 10). */
  top?: number;
  /** Fewest distinct texts of the fault a term must appear in (default 3). */
  minCount?: number;
  /**
   * Least share of the classified texts holding a term that must be of the
   * fault it is proposed for (default 0.5): "flight" stands out in cancelled
   * flights but is as common in every other fault.
   */
  minShare?: number;
  /** Words never proposed, e.g. the brand's handles and names (any case). */
  exclude?: readonly string[];
  /** Candidate faults returned (default 10). */
  candidates?: number;
  /** As in classifyFaults. */
  scope?: 'negative' | 'all';
  retweetIds?: ReadonlySet<string>;
  /** Thresholds of the ambiguous-keyword check (ambiguous.ts). */
  ambiguity?: Pick<AmbiguityOptions, 'minAlone' | 'minElsewhere' | 'minTexts'>;
}

/** G² of a 2×2 table: `a` of `n1` texts of the fault hold the term, `b` of `n2` others do. */
export function logLikelihood(a: number, n1: number, b: number, n2: number): number {
  const e1 = (n1 * (a + b)) / (n1 + n2);
  const e2 = (n2 * (a + b)) / (n1 + n2);
  const term = (o: number, e: number) => (o > 0 ? o * Math.log(o / e) : 0);
  return 2 * (term(a, e1) + term(b, e2) + term(n1 - a, n1 - e1) + term(n2 - b, n2 - e2));
}

/** A text reduced to the terms it holds: stems of words and of adjacent pairs, outside hashtags. */
interface Doc {
  terms: Set<string>;
  /** Surface form of each term as written here. */
  surfaces: Map<string, string>;
}

const WORD = /^[a-z][a-z'-]*[a-z]$/;

function docOf(text: string, blocked: ReadonlySet<string>): Doc {
  const tokens = tokenize(text);
  const tags = hashtagRanges(text);
  const terms = new Set<string>();
  const surfaces = new Map<string, string>();
  let prev = -1;
  for (let i = 0; i < tokens.stems.length; i++) {
    const stem = tokens.stems[i]!;
    const surface = tokens.surfaces[i]!;
    const usable = WORD.test(surface) && stem.length >= 3 && !STOPWORDS.has(stem) && !blocked.has(stem) && !insideHashtag(tags, tokens.starts[i]!, tokens.ends[i]!);
    if (!usable) {
      prev = -1;
      continue;
    }
    terms.add(stem);
    if (!surfaces.has(stem)) surfaces.set(stem, surface);
    if (prev >= 0 && prev === i - 1) {
      const pair = `${tokens.stems[prev]} ${stem}`;
      terms.add(pair);
      if (!surfaces.has(pair)) surfaces.set(pair, `${tokens.surfaces[prev]} ${surface}`);
    }
    prev = i;
  }
  return { terms, surfaces };
}

/**
 * Keyword suggestions for each fault, and candidate faults (see module comment).
 * @param messages crisis texts with their sentiment (scope as classifyFaults)
 */
export function suggestFaults(messages: RowList<TextMessage>, taxonomy: FaultTaxonomy, options: SuggestOptions = {}): FaultSuggestions {
  const top = options.top ?? 10;
  const minCount = options.minCount ?? 3;
  const minShare = options.minShare ?? 0.5;
  const ids = Object.keys(taxonomy);
  // Seed phrases widened through the sentiment lexicon ("worst flight" beside "bad flight", suggest-seeds.ts) find texts too.
  const widened = widenSeeds(
    messages.filter((m) => inFaultScope(m, { scope: options.scope })).map((m) => retweetBody(m.text)),
    taxonomy,
    minCount,
  );
  const seeds: FaultTaxonomy = Object.fromEntries(
    ids.map((id) => {
      const extra = widened.filter((w) => w.faultId === id).map((w) => w.keyword);
      return [id, extra.length ? { ...taxonomy[id]!, keywords: [...(taxonomy[id]!.keywords ?? []), ...extra] } : taxonomy[id]!];
    }),
  );
  const result = classifyFaults(messages, seeds, { scope: options.scope, retweetIds: options.retweetIds });
  // Words of existing keywords and brand words: proposing them again adds nothing (or matches the brand everywhere).
  const known = new Set<string>();
  for (const def of Object.values(taxonomy)) {
    for (const k of [...(def.keywords ?? []), ...(def.suggested ?? []), ...(def.context ?? []).flatMap((c) => c.keywords)]) known.add(tokenizeStems(k).join(' '));
  }
  const blocked = new Set<string>((options.exclude ?? []).flatMap((w) => tokenizeStems(w.replace(/^@/, ''))));
  // A term holding a one-word keyword matches nothing that keyword does not already match.
  const single = new Set([...known].filter((k) => !k.includes(' ')));
  const redundant = (term: string) => known.has(term) || term.split(' ').some((w) => single.has(w));

  // One document per distinct text (retweets and copies count once), labelled with its fault.
  const seen = new Set<string>();
  const found: { text: string; fault: number; sure: boolean }[] = [];
  const sure = ids.map(() => 0);
  for (const m of messages) {
    if (!inFaultScope(m, { scope: options.scope })) continue;
    const a = result.assignments[m.id];
    // A retweet whose original was counted has no assignment of its own: its text is already in.
    if (a === undefined && (isRetweetText(m.text) || options.retweetIds?.has(m.id))) continue;
    const key = retweetBody(m.text);
    if (seen.has(key)) continue;
    seen.add(key);
    const fault = a === undefined ? -1 : ids.indexOf(a.faultId);
    const isSure = a !== undefined && tokenizeStems(a.evidence.rule).length >= 2;
    if (isSure) sure[fault]!++;
    found.push({ text: m.text, fault, sure: isSure });
  }
  // A fault's texts are those its phrases (two words or more: "lost luggage", not "delay", which also
  // takes "delayed bags") matched; all it matched when phrases found fewer than minCount. Other matches are left out.
  const docs = found.filter((d) => d.fault < 0 || d.sure || sure[d.fault]! < minCount);

  // Terms are counted in the faults' texts first; the other texts only add to terms seen there (memory stays
  // with the matched texts, however many unmatched ones a crisis has).
  const perFault = ids.map(() => 0);
  const counts = new Map<string, { total: number; byFault: number[]; surfaces: Map<string, number> }>();
  for (const { text, fault } of docs) {
    if (fault < 0) continue;
    perFault[fault]!++;
    const doc = docOf(text, blocked);
    for (const term of doc.terms) {
      let c = counts.get(term);
      if (c === undefined) counts.set(term, (c = { total: 0, byFault: ids.map(() => 0), surfaces: new Map() }));
      c.total++;
      c.byFault[fault]!++;
      const surface = doc.surfaces.get(term)!;
      c.surfaces.set(surface, (c.surfaces.get(surface) ?? 0) + 1);
    }
  }
  for (const { text, fault } of docs) {
    if (fault >= 0) continue;
    for (const term of docOf(text, blocked).terms) {
      const c = counts.get(term);
      if (c !== undefined) c.total++;
    }
  }

  // Each term goes to the fault where it stands out most.
  const best = ids.map((): KeywordSuggestion[] => []);
  for (const [term, c] of counts) {
    if (redundant(term) || judgement(mostCommon(c.surfaces))) continue;
    const classified = c.byFault.reduce((x, y) => x + y, 0);
    let chosen = -1;
    let keyness = 0;
    ids.forEach((_, f) => {
      const a = c.byFault[f]!;
      const n1 = perFault[f]!;
      const n2 = docs.length - n1;
      // Stands out in the fault's texts, and most texts of any fault holding it are of this fault.
      if (a < minCount || n2 === 0 || a / n1 <= (c.total - a) / n2 || a / classified < minShare) return;
      const g = logLikelihood(a, n1, c.total - a, n2);
      if (g > keyness) [chosen, keyness] = [f, g];
    });
    if (chosen < 0) continue;
    best[chosen]!.push({ keyword: mostCommon(c.surfaces), inFault: c.byFault[chosen]!, elsewhere: c.total - c.byFault[chosen]!, keyness: round(keyness) });
  }
  // Widened seeds are proposed too (a lone word in them may be a stopword the terms above leave out), counted over the same texts.
  const docStems = widened.length ? docs.map((d) => ` ${tokenizeStems(d.text).join(' ')} `) : [];
  for (const w of widened) {
    const f = ids.indexOf(w.faultId);
    const term = tokenizeStems(w.keyword).join(' ');
    if (redundant(term) || best[f]!.some((k) => tokenizeStems(k.keyword).join(' ') === term)) continue;
    let inFault = 0;
    let elsewhere = 0;
    docs.forEach((d, i) => {
      if (!docStems[i]!.includes(` ${term} `)) return;
      if (d.fault === f) inFault++;
      else elsewhere++;
    });
    const n1 = perFault[f]!;
    if (inFault > 0 && docs.length > n1) best[f]!.push({ keyword: w.keyword, inFault, elsewhere, keyness: round(logLikelihood(inFault, n1, elsewhere, docs.length - n1)) });
  }
  const ambiguous = findAmbiguousKeywords(messages, taxonomy, { ...options.ambiguity, scope: options.scope, retweetIds: options.retweetIds }).filter((k): k is AmbiguousKeyword => k.ambiguous);
  const faults = ids.map((faultId, f) => ({
    faultId,
    label: taxonomy[faultId]!.label,
    kind: taxonomy[faultId]!.kind ?? 'product',
    matched: perFault[f]!,
    keywords: distinct(best[f]!.sort((x, y) => y.keyness - x.keyness || words(y) - words(x) || (x.keyword < y.keyword ? -1 : 1))).slice(0, top),
    ambiguous: ambiguous.filter((k) => k.faultId === faultId),
  }));
  // A candidate worded as an existing keyword is that fault, written another way ("charged me twice"): its words are suggested above.
  const ranked = rankCandidateFaults(messages, { excludeIds: new Set(Object.keys(result.assignments)), scope: options.scope, minCount, limit: Infinity });
  const candidates = ranked.candidates.filter((c) => !known.has(tokenizeStems(c.label).join(' ')));
  return { texts: docs.length, faults, candidates: candidates.slice(0, options.candidates ?? 10), candidatesTotal: candidates.length };
}

/**
 * The taxonomy with every suggested keyword applied automatically, unreviewed:
 * as its fault's `suggested:` keywords, which count only where the written
 * keywords match nothing (measured on the airline tweets, taking them as
 * plain keywords let them take texts from the faults that had them right:
 * 0.342 against 0.364). `debrief faults accept` adds the suggestions a person
 * kept as plain keywords.
 */
export function applySuggestions(taxonomy: FaultTaxonomy, suggestions: FaultSuggestions): FaultTaxonomy {
  const out: FaultTaxonomy = {};
  for (const [id, def] of Object.entries(taxonomy)) {
    const extra = suggestions.faults.find((f) => f.faultId === id)?.keywords.map((k) => k.keyword) ?? [];
    out[id] = extra.length ? { ...def, suggested: [...new Set([...(def.suggested ?? []), ...extra])] } : def;
  }
  return out;
}

const words = (k: KeywordSuggestion) => k.keyword.split(' ').length;

/** A lone word of clear valence ("terrible", "poor") judges; it names no fault, whatever fault's texts it stands out in. */
function judgement(surface: string): boolean {
  return !surface.includes(' ') && Math.abs(VALENCE.get(surface) ?? 0) >= MIN_VALENCE;
}

/**
 * Drops a term that always comes with a better-ranked one sharing a word
 * (same counts: "smoke", "alarm" and "smoke alarm" are one suggestion; on a
 * tie the phrase ranks first and stays), and a phrase holding a word that is
 * itself suggested ("poor customer" beside "customer"): as keywords, the word
 * matches every text the phrase does, so the phrase would only take the
 * place of another suggestion.
 */
function distinct(ranked: readonly KeywordSuggestion[]): KeywordSuggestion[] {
  let kept: { k: KeywordSuggestion; stems: string[] }[] = [];
  const single = new Set<string>();
  for (const k of ranked) {
    const words = k.keyword.split(' ');
    const same = kept.some(({ k: o }) => o.inFault === k.inFault && o.elsewhere === k.elsewhere && o.keyword.split(' ').some((w) => words.includes(w)));
    if (same) continue;
    const stems = tokenizeStems(k.keyword);
    if (stems.some((s) => single.has(s))) continue;
    if (stems.length === 1) {
      single.add(stems[0]!);
      kept = kept.filter((o) => !o.stems.includes(stems[0]!));
    }
    kept.push({ k, stems });
  }
  return kept.map((o) => o.k);
}

function mostCommon(counts: ReadonlyMap<string, number>): string {
  let best = '';
  let n = -1;
  for (const [value, c] of counts) if (c > n || (c === n && value < best)) [best, n] = [value, c];
  return best;
}

/** Keyness to 0.1: enough to rank and read, and stable bytes in the YAML. */
function round(x: number): number {
  return Math.round(x * 10) / 10;
}
