/**
 * Compiling a taxonomy for fast matching: every keyword goes through the
 * same tokenizer/stemmer as the messages (so "bags" matches "bag" and
 * "canceled" matches "cancelled"), into one {@link PhraseMatcher}; patterns
 * keep their literal words as a cheap pre-filter for the slow tagger.
 */
import { PhraseMatcher } from '../phrases/matcher.ts';
import { stemWord } from '../phrases/stem.ts';
import { FILLER_WORDS, tokenizeStems } from '../phrases/tokenize.ts';
import { DEFAULT_CONTEXT_WITHIN, type FaultTaxonomy } from './types.ts';

/** A keyword of one fault. */
export interface KeywordRule {
  faultIndex: number;
  keyword: string;
  /** Index in {@link CompiledTaxonomy.contexts} when the keyword needs a context word near it. */
  context?: number;
}

/** A compiled {@link FaultContext}: the stems of its `near` words and its reach in tokens. */
export interface CompiledContext {
  near: string[][];
  within: number;
}

/** A compromise pattern of one fault. */
export interface PatternRule {
  faultIndex: number;
  pattern: string;
  /**
   * Pre-filter: one group per required literal pattern word; the message
   * must hold a stem of every group, in order, each within `maxGap` tokens
   * of the previous one, before compromise runs. Empty = no literal words,
   * so the pattern runs on every message.
   */
  anchors: AnchorGroup[];
}

/** One required word of a pattern (any of `stems`), at most `maxGap` tokens after the previous group. */
export interface AnchorGroup {
  stems: string[];
  maxGap: number;
}

/** A taxonomy ready for {@link matchMessage}. */
export interface CompiledTaxonomy {
  ids: string[];
  labels: string[];
  matcher: PhraseMatcher;
  /** Rules behind each matcher phrase (several faults may share a keyword). */
  keywordRules: KeywordRule[][];
  patterns: PatternRule[];
  contexts: CompiledContext[];
  /** Per fault: stems of the words and phrases that rule it out (`exclude:`). */
  excludes: string[][][];
  /** The `suggested:` keywords (same fault order), tried when nothing above matched; null when there are none. */
  fallback: CompiledTaxonomy | null;
}

/** Split a pattern into top-level terms, keeping (…), […] and {…} together. */
function topLevelTerms(pattern: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of pattern) {
    if ('([{'.includes(ch)) depth++;
    if (')]}'.includes(ch)) depth = Math.max(0, depth - 1);
    if (/\s/.test(ch) && depth === 0) {
      if (current) terms.push(current);
      current = '';
    } else current += ch;
  }
  if (current) terms.push(current);
  return terms;
}

const LITERAL = /^[a-z][a-z'’-]*$/i;

function literalStem(word: string): string | null {
  const w = word.toLowerCase().replace(/['’]/g, '');
  // Filler words never reach the token stream, so they cannot be checked.
  return FILLER_WORDS.has(w) ? null : stemWord(w);
}

/** Most tokens a pattern term can span (Infinity for `*`/`+` repeats). */
function termWidth(term: string): number {
  if (/[*+]$/.test(term) || term === '*') return Infinity;
  const body = term.replace(/\?$/, '');
  if (/^\(.*\)$/.test(body)) return Math.max(...body.slice(1, -1).split('|').map((alt) => alt.trim().split(/\s+/).length));
  return body.split(/\s+/).length;
}

/** Slack for words compromise keeps as one term but the tokenizer splits ("e-mail", hashtags). */
const GAP_SLACK = 2;

/**
 * Required literal words of a compromise pattern (see
 * {@link PatternRule.anchors}). Optional terms (`x?`, `x*`), wildcards,
 * #Tags and /regex/ terms add no requirement, only distance.
 */
export function patternAnchors(pattern: string): AnchorGroup[] {
  const groups: AnchorGroup[] = [];
  let distance = 0;
  for (const raw of topLevelTerms(pattern.replace(/\/(?:\\.|[^/])*\//g, ' . '))) {
    const width = termWidth(raw);
    const group = anchorOf(raw);
    if (group !== null) {
      groups.push({ stems: group, maxGap: groups.length === 0 ? Infinity : distance + GAP_SLACK });
      distance = 0;
    }
    distance += width;
  }
  return groups;
}

/** The stems of a required literal term, or null when it cannot be checked. */
function anchorOf(raw: string): string[] | null {
  if (/[?*]$/.test(raw) || raw === '.') return null;
  let term = raw.replace(/\+$/, '');
  // Capture groups and roots: [x] → x, {lose} → lose.
  if (/^\[.*\]$/.test(term)) term = term.slice(1, -1);
  if (/^\{.*\}$/.test(term)) term = term.slice(1, -1);
  const alternatives = /^\(.*\)$/.test(term) ? term.slice(1, -1).split('|') : [term];
  if (alternatives.length === 1 && term.includes(' ')) return null;
  const stems: string[] = [];
  for (const alt of alternatives) {
    const first = alt.trim().split(/\s+/)[0] ?? '';
    const stem = LITERAL.test(first) ? literalStem(first) : null;
    if (stem === null) return null;
    stems.push(stem);
  }
  return stems.length > 0 ? [...new Set(stems)].sort() : null;
}

/** True when a token stream can hold the pattern's anchors in order and within their gaps. */
export function anchorsPresent(groups: readonly AnchorGroup[], stems: readonly string[]): boolean {
  let reachable: number[] | null = null;
  for (const group of groups) {
    const here: number[] = [];
    for (let i = 0; i < stems.length; i++) {
      if (!group.stems.includes(stems[i]!)) continue;
      if (reachable === null || reachable.some((q) => i > q && i - q <= group.maxGap)) here.push(i);
    }
    if (here.length === 0) return false;
    reachable = here;
  }
  return true;
}

/** True when the stem phrase `phrase` starts at token `i` of `stems`. */
function phraseAt(stems: readonly string[], phrase: readonly string[], i: number): boolean {
  for (let k = 0; k < phrase.length; k++) if (stems[i + k] !== phrase[k]) return false;
  return true;
}

/**
 * True when one of `context.near` stands within `context.within` tokens of
 * the keyword at tokens [start, end), outside the keyword itself.
 */
export function contextNear(context: CompiledContext, stems: readonly string[], start: number, end: number): boolean {
  const from = Math.max(0, start - context.within);
  const to = Math.min(stems.length, end + context.within);
  for (const phrase of context.near) {
    for (let i = from; i + phrase.length <= to; i++) {
      if (i + phrase.length > start && i < end) continue;
      if (phraseAt(stems, phrase, i)) return true;
    }
  }
  return false;
}

/** True when one of a fault's `exclude:` words or phrases is anywhere in the token stream. */
export function excluded(phrases: readonly (readonly string[])[], stems: readonly string[]): boolean {
  for (const phrase of phrases) for (let i = 0; i + phrase.length <= stems.length; i++) if (phraseAt(stems, phrase, i)) return true;
  return false;
}

/** Compile a taxonomy (see module comment). */
export function compileTaxonomy(taxonomy: FaultTaxonomy): CompiledTaxonomy {
  const ids = Object.keys(taxonomy);
  const phrases: string[][] = [];
  const rulesByKey = new Map<string, KeywordRule[]>();
  const patterns: PatternRule[] = [];
  const contexts: CompiledContext[] = [];
  const addKeyword = (faultIndex: number, keyword: string, context?: number) => {
    const stems = tokenizeStems(keyword);
    if (stems.length === 0) return;
    const key = stems.join(' ');
    let rules = rulesByKey.get(key);
    if (rules === undefined) {
      rulesByKey.set(key, (rules = []));
      phrases.push(stems);
    }
    // A keyword the fault also lists plainly needs no context: the first (plain) rule stays.
    if (!rules.some((r) => r.faultIndex === faultIndex)) rules.push(context === undefined ? { faultIndex, keyword } : { faultIndex, keyword, context });
  };
  const stemsOf = (words: readonly string[]) => words.map((w) => tokenizeStems(w)).filter((stems) => stems.length > 0);
  ids.forEach((id, faultIndex) => {
    const def = taxonomy[id]!;
    for (const keyword of def.keywords ?? []) addKeyword(faultIndex, keyword);
    for (const c of def.context ?? []) {
      contexts.push({ near: stemsOf(c.near), within: c.within ?? DEFAULT_CONTEXT_WITHIN });
      for (const keyword of c.keywords) addKeyword(faultIndex, keyword, contexts.length - 1);
    }
    for (const pattern of def.patterns ?? []) patterns.push({ faultIndex, pattern, anchors: patternAnchors(pattern) });
  });
  const matcher = new PhraseMatcher(phrases);
  const keywordRules = matcher.keys.map((key) => rulesByKey.get(key)!);
  const excludes = ids.map((id) => stemsOf(taxonomy[id]!.exclude ?? []));
  // Suggested keywords are a second taxonomy over the same ids, keeping each fault's exclusions.
  const fallback = ids.some((id) => taxonomy[id]!.suggested?.length)
    ? compileTaxonomy(Object.fromEntries(ids.map((id) => [id, { label: taxonomy[id]!.label, keywords: taxonomy[id]!.suggested ?? [], exclude: taxonomy[id]!.exclude ?? [] }])))
    : null;
  return { ids, labels: ids.map((id) => taxonomy[id]!.label), matcher, keywordRules, patterns, contexts, excludes, fallback };
}
