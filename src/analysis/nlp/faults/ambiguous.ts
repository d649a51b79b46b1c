/**
 * Ambiguous one-word keywords, for `debrief faults suggest` (issue 12 item 5).
 *
 * A one-word keyword such as "staff", "hotel" or "notice" often names a thing
 * the complaint mentions on its way to another subject ("the staff at the
 * gate said the flight is delayed"): a message holding it is then assigned a
 * fault it does not complain about. How a keyword is used is measured from the
 * crisis's own texts, over the distinct customer texts holding it:
 *
 * - **alone**: the share of its in-scope texts where no word of its fault
 *   stands within {@link DEFAULT_CONTEXT_WITHIN} words of it. The fault's words
 *   are the words of its label, of its other keywords and of its `context:`
 *   entries that no other fault's label or keywords use ("flight" is every
 *   airline fault's word, "attendant" only one's);
 * - **elsewhere**: the share of its in-scope texts where a keyword or pattern
 *   of another fault matches too — the keyword is spread across what the other
 *   faults are about;
 * - **out of scope**: the share of the customer texts holding it that are
 *   outside the fault scope (positive or neutral), against the same share over
 *   all customer texts (a ratio: 1 is as often as any word). Reported, not used
 *   in the verdict: the sentiment model calls some real complaints neutral
 *   ("beeps every 30 seconds"), so it would misfire.
 *
 * A keyword used alone in at least {@link AmbiguityOptions.minAlone} of its
 * texts and beside another fault's words in at least
 * {@link AmbiguityOptions.minElsewhere} of them is *ambiguous*: the fix
 * proposed is a `context:` entry — the keyword counts only near a word of its
 * fault — with the fault's words as `near:`. A keyword that is mostly alone
 * but rarely beside another fault ("chirping" in a lock crisis: the only thing
 * its posts report) names its fault on its own and is left alone.
 *
 * Pure and deterministic: same texts and taxonomy, same report in the same order.
 */
import type { RowList } from '../../model.ts';
import { STOPWORDS } from '../phrases/stopwords.ts';
import { tokenize, tokenizeStems } from '../phrases/tokenize.ts';
import type { TextMessage } from '../phrases/types.ts';
import { isRetweetText, retweetBody } from '../retweets.ts';
import { inFaultScope } from './classify.ts';
import { compileTaxonomy } from './compile.ts';
import { hashtagRanges, insideHashtag } from './evidence.ts';
import { findHits } from './match.ts';
import { DEFAULT_CONTEXT_WITHIN, type FaultTaxonomy } from './types.ts';

/** How one one-word keyword is used in the crisis's texts (see module comment). */
export interface KeywordUsage {
  faultId: string;
  keyword: string;
  /** Distinct in-scope texts holding it. */
  texts: number;
  /** Share of them with no word of the fault within `within` words. */
  alone: number;
  /** Share of them another fault's keyword or pattern also matches. */
  elsewhere: number;
  /** Share of the customer texts holding it outside the fault scope, over that share for all customer texts; null when every text is in scope. */
  outOfScope: number | null;
  /** Whether it is reported as ambiguous. */
  ambiguous: boolean;
}

/** A keyword reported as ambiguous, with the `context:` entry proposed for it. */
export interface AmbiguousKeyword extends KeywordUsage {
  ambiguous: true;
  /** The fault's words: the keyword counts only within `within` words of one of them. */
  near: string[];
  within: number;
}

/** Options for {@link findAmbiguousKeywords}. */
export interface AmbiguityOptions {
  /** Least share of its texts where the keyword stands alone (default 0.75). */
  minAlone?: number;
  /** Least share of its texts where another fault matches too (default 0.7). */
  minElsewhere?: number;
  /** Fewest distinct in-scope texts for a verdict (default 10). */
  minTexts?: number;
  /** As in classifyFaults. */
  scope?: 'negative' | 'all';
  retweetIds?: ReadonlySet<string>;
}

/** Defaults of {@link AmbiguityOptions}. */
export const AMBIGUITY_DEFAULTS = { minAlone: 0.75, minElsewhere: 0.7, minTexts: 10 } as const;

/** Per fault: the words (stems, and as written) that belong to it alone. */
function faultWords(taxonomy: FaultTaxonomy): { stems: Set<string>; written: Map<string, string> }[] {
  const ids = Object.keys(taxonomy);
  const own = ids.map((id) => {
    const def = taxonomy[id]!;
    const phrases = [def.label, ...(def.keywords ?? []), ...(def.context ?? []).flatMap((c) => [...c.keywords, ...c.near])];
    const written = new Map<string, string>();
    for (const phrase of phrases) {
      const t = tokenize(phrase);
      t.stems.forEach((stem, i) => {
        if (stem.length >= 2 && !STOPWORDS.has(stem) && !/^\d+$/.test(stem) && !written.has(stem)) written.set(stem, t.surfaces[i]!);
      });
    }
    return written;
  });
  // Label and keyword words only: another fault's context words say where its keywords count, not what it is.
  const named = ids.map((id) => {
    const def = taxonomy[id]!;
    return new Set([def.label, ...(def.keywords ?? []), ...(def.context ?? []).flatMap((c) => c.keywords)].flatMap((p) => tokenizeStems(p)));
  });
  return own.map((written, f) => {
    const mine = new Map([...written].filter(([stem]) => !named.some((other, g) => g !== f && other.has(stem))));
    return { stems: new Set(mine.keys()), written: mine };
  });
}

/**
 * Measures every one-word keyword of the taxonomy (plain `keywords:` only) on
 * the crisis's texts and reports which are ambiguous (see module comment).
 * @returns usages in taxonomy order, then keyword order
 */
export function findAmbiguousKeywords(messages: RowList<TextMessage>, taxonomy: FaultTaxonomy, options: AmbiguityOptions = {}): (KeywordUsage | AmbiguousKeyword)[] {
  const minAlone = options.minAlone ?? AMBIGUITY_DEFAULTS.minAlone;
  const minElsewhere = options.minElsewhere ?? AMBIGUITY_DEFAULTS.minElsewhere;
  const minTexts = options.minTexts ?? AMBIGUITY_DEFAULTS.minTexts;
  const ids = Object.keys(taxonomy);
  const words = faultWords(taxonomy);
  const within = DEFAULT_CONTEXT_WITHIN;
  // stem → the keywords (fault, as written) it is the whole of.
  const single = new Map<string, { fault: number; keyword: string }[]>();
  ids.forEach((id, fault) => {
    // A word of the fault's label is its name ("late" of Late flight, "beeping" of Constant beeping): never ambiguous.
    const label = new Set(tokenizeStems(taxonomy[id]!.label));
    for (const keyword of taxonomy[id]!.keywords ?? []) {
      const stems = tokenizeStems(keyword);
      if (stems.length !== 1 || label.has(stems[0]!)) continue;
      const list = single.get(stems[0]!) ?? [];
      if (!list.some((k) => k.fault === fault)) list.push({ fault, keyword });
      single.set(stems[0]!, list);
    }
  });
  const compiled = compileTaxonomy(taxonomy);
  const count = new Map<string, { texts: number; alone: number; elsewhere: number; customer: number; outside: number }>();
  const key = (fault: number, stem: string) => `${fault}\u0000${stem}`;
  let customer = 0;
  let outside = 0;
  const seen = new Set<string>();
  for (const m of messages) {
    if (m.isBrand || isRetweetText(m.text) || options.retweetIds?.has(m.id)) continue;
    const body = retweetBody(m.text);
    if (seen.has(body)) continue;
    seen.add(body);
    const inScope = inFaultScope(m, { scope: options.scope });
    customer++;
    if (!inScope) outside++;
    const tokens = tokenize(m.text);
    const stems = tokens.stems;
    // Inside a hashtag a keyword is not evidence (evidence.ts), so its use there says nothing.
    const tags = hashtagRanges(m.text);
    const present = [...new Set(stems.filter((s, i) => single.has(s) && (tags.length === 0 || !insideHashtag(tags, tokens.starts[i]!, tokens.ends[i]!))))];
    if (present.length === 0) continue;
    // Faults another rule matches (a hit in context), computed once per text.
    let matched: Set<number> | undefined;
    for (const stem of present) {
      for (const { fault } of single.get(stem)!) {
        const k = key(fault, stem);
        const c = count.get(k) ?? { texts: 0, alone: 0, elsewhere: 0, customer: 0, outside: 0 };
        count.set(k, c);
        c.customer++;
        if (!inScope) {
          c.outside++;
          continue;
        }
        c.texts++;
        if (!nearFaultWord(stems, stem, words[fault]!.stems, within)) c.alone++;
        matched ??= new Set(findHits(m.text, compiled).filter((h) => !h.outOfContext).map((h) => h.faultIndex));
        if ([...matched].some((f) => f !== fault)) c.elsewhere++;
      }
    }
  }
  const baseline = customer > 0 ? outside / customer : 0;
  const out: (KeywordUsage | AmbiguousKeyword)[] = [];
  ids.forEach((faultId, fault) => {
    for (const keyword of taxonomy[faultId]!.keywords ?? []) {
      const stems = tokenizeStems(keyword);
      if (stems.length !== 1 || !single.has(stems[0]!) || single.get(stems[0]!)!.find((k) => k.fault === fault)!.keyword !== keyword) continue;
      const c = count.get(key(fault, stems[0]!));
      if (c === undefined || c.texts === 0) continue;
      const usage: KeywordUsage = {
        faultId,
        keyword,
        texts: c.texts,
        alone: round(c.alone / c.texts),
        elsewhere: round(c.elsewhere / c.texts),
        outOfScope: baseline > 0 ? round(c.outside / c.customer / baseline) : null,
        ambiguous: false,
      };
      const near = [...words[fault]!.written].filter(([stem]) => stem !== stems[0]).map(([, surface]) => surface);
      if (c.texts >= minTexts && c.alone / c.texts >= minAlone && c.elsewhere / c.texts >= minElsewhere && near.length > 0) {
        out.push({ ...usage, ambiguous: true, near, within });
      } else out.push(usage);
    }
  });
  return out;
}

/** True when one of `words` stands within `within` tokens of an occurrence of `stem`, every occurrence counted. */
function nearFaultWord(stems: readonly string[], stem: string, words: ReadonlySet<string>, within: number): boolean {
  for (let i = 0; i < stems.length; i++) {
    if (stems[i] !== stem) continue;
    for (let j = Math.max(0, i - within); j <= Math.min(stems.length - 1, i + within); j++) if (j !== i && stems[j] !== stem && words.has(stems[j]!)) return true;
  }
  return false;
}

/** Shares to 0.001: enough to read, and stable bytes in the YAML. */
function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * The taxonomy with each ambiguous keyword's fix applied: taken out of its
 * fault's `keywords:` and given a `context:` entry of its own (the keyword
 * counts only within `within` words of one of `near`). What `debrief faults
 * accept` writes into crisis.yaml, in memory.
 */
export function applyAmbiguityFixes(taxonomy: FaultTaxonomy, fixes: readonly AmbiguousKeyword[]): FaultTaxonomy {
  const out: FaultTaxonomy = {};
  for (const [id, def] of Object.entries(taxonomy)) {
    const mine = fixes.filter((f) => f.faultId === id);
    if (mine.length === 0) {
      out[id] = def;
      continue;
    }
    const moved = new Set(mine.map((f) => f.keyword));
    out[id] = {
      ...def,
      keywords: (def.keywords ?? []).filter((k) => !moved.has(k)),
      context: [...(def.context ?? []), ...mine.map((f) => ({ keywords: [f.keyword], near: f.near, within: f.within }))],
    };
  }
  return out;
}
