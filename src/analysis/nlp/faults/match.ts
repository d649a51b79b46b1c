/**
 * Matching one message against a compiled taxonomy.
 *
 * Keywords are found by the fast matcher on every message; compromise only
 * parses a message when its patterns' required literal words are present.
 *
 * When several faults match, the one with the most evidence wins: each
 * distinct keyword/pattern it matched counts its length in words, so
 * "lost my luggage" (lost luggage: 2 + luggage: 1) beats a passing
 * "delayed" (1). Ties go to the longest single match ("lost luggage" over
 * "damaged"), then to taxonomy order, then to the earliest match.
 *
 * A match is evidence only when the message complains about the fault
 * (evidence.ts): a `context:` keyword without its context word near, and any
 * hit of a fault whose `exclude:` words the message holds, do not count;
 * neither do hits inside a hashtag; praise and plain questions are not assigned.
 * A fault's `suggested:` keywords are tried only when nothing else matched.
 */
// compromise/two (tokenizer + tagger) is all match patterns need, and the same build phrase discovery loads: one copy in a browser bundle.
import nlp from 'compromise/two';
import { tokenize } from '../phrases/tokenize.ts';
import { anchorsPresent, contextNear, excluded, type CompiledTaxonomy } from './compile.ts';
import { hashtagRanges, insideHashtag, notAComplaint, type NotEvidenceReason } from './evidence.ts';
import type { FaultAssignment } from './types.ts';

/** One keyword or pattern occurrence. */
export interface Hit {
  faultIndex: number;
  rule: string;
  source: 'keyword' | 'pattern';
  /** Evidence length in words. */
  words: number;
  /** Token span (keyword hits only; -1 for patterns). */
  startToken: number;
  endToken: number;
  /** Character span in the message. */
  start: number;
  end: number;
  /** The fault's context word is not near (a `context:` keyword), or one of its `exclude:` words is in the message. */
  outOfContext: boolean;
}

function better(a: Hit, b: Hit): boolean {
  return a.words !== b.words ? a.words > b.words : a.faultIndex !== b.faultIndex ? a.faultIndex < b.faultIndex : a.start < b.start;
}

interface OffsetJson {
  text: string;
  offset: { start: number; length: number };
}

/** Pattern hits; compromise only parses messages that pass a pattern's pre-filter. */
function patternHits(text: string, stems: readonly string[], compiled: CompiledTaxonomy): Hit[] {
  if (compiled.patterns.length === 0) return [];
  let doc: ReturnType<typeof nlp> | undefined;
  const hits: Hit[] = [];
  for (const rule of compiled.patterns) {
    if (!anchorsPresent(rule.anchors, stems)) continue;
    doc ??= nlp(text);
    // compromise's json() is loosely typed; this is the documented offset shape.
    const found = doc.match(rule.pattern).json({ offset: true }) as OffsetJson[];
    for (const m of found) {
      const raw = text.slice(m.offset.start, m.offset.start + m.offset.length);
      const trimmed = raw.replace(/[\s.,;:!?)"'’]+$/u, '');
      const words = trimmed.split(/\s+/).filter(Boolean).length;
      if (words === 0) continue;
      hits.push({
        faultIndex: rule.faultIndex,
        rule: rule.pattern,
        source: 'pattern',
        words,
        startToken: -1,
        endToken: -1,
        start: m.offset.start,
        end: m.offset.start + trimmed.length,
        outOfContext: false,
      });
    }
  }
  return hits;
}

/** Keyword hits (start/end are set from token offsets by the caller). */
function keywordHits(stems: readonly string[], compiled: CompiledTaxonomy): Hit[] {
  const hits: Hit[] = [];
  compiled.matcher.scan(stems, (phrase, startToken, endToken) => {
    for (const rule of compiled.keywordRules[phrase]!) {
      const outOfContext = rule.context !== undefined && !contextNear(compiled.contexts[rule.context]!, stems, startToken, endToken);
      // start/end hold token positions until the winner is known.
      hits.push({ faultIndex: rule.faultIndex, rule: rule.keyword, source: 'keyword', words: endToken - startToken, startToken, endToken, start: 0, end: 0, outOfContext });
    }
  });
  return hits;
}

/** Every keyword and pattern occurrence in a message (all spans in characters). */
export function findHits(text: string, compiled: CompiledTaxonomy): Hit[] {
  const tokens = tokenize(text);
  const hits = keywordHits(tokens.stems, compiled).concat(patternHits(text, tokens.stems, compiled));
  const ruledOut = new Map<number, boolean>();
  for (const hit of hits) {
    if (hit.source === 'keyword') {
      hit.start = tokens.starts[hit.startToken]!;
      hit.end = tokens.ends[hit.endToken - 1]!;
    }
    const phrases = compiled.excludes[hit.faultIndex]!;
    if (phrases.length === 0) continue;
    let out = ruledOut.get(hit.faultIndex);
    if (out === undefined) ruledOut.set(hit.faultIndex, (out = excluded(phrases, tokens.stems)));
    if (out) hit.outOfContext = true;
  }
  return hits;
}

/** Identifier of a rule (a fault's keyword or pattern). */
function ruleId(hit: Hit): string {
  return `${hit.faultIndex}\u0000${hit.source}\u0000${hit.rule}`;
}

/** Pick the fault for a message from its hits (see module comment). */
export function chooseFault(text: string, hits: readonly Hit[], compiled: CompiledTaxonomy): FaultAssignment | null {
  if (hits.length === 0) return null;
  const weight = new Map<number, number>();
  const counted = new Set<string>();
  const bestOf = new Map<number, Hit>();
  for (const hit of hits) {
    const id = ruleId(hit);
    if (!counted.has(id)) {
      counted.add(id);
      weight.set(hit.faultIndex, (weight.get(hit.faultIndex) ?? 0) + hit.words);
    }
    const prev = bestOf.get(hit.faultIndex);
    if (prev === undefined || better(hit, prev)) bestOf.set(hit.faultIndex, hit);
  }
  let chosen: Hit | null = null;
  for (const [fault, hit] of bestOf) {
    if (chosen !== null) {
      const a = weight.get(fault)!;
      const b = weight.get(chosen.faultIndex)!;
      if (a < b || (a === b && !better(hit, chosen))) continue;
    }
    chosen = hit;
  }
  if (chosen === null) return null;
  return {
    faultId: compiled.ids[chosen.faultIndex]!,
    evidence: {
      text: text.slice(chosen.start, chosen.end),
      start: chosen.start,
      end: chosen.end,
      rule: chosen.rule,
      source: chosen.source,
    },
  };
}

/** A message's fault, or the fault it matched and why that match is not evidence. */
export interface MatchVerdict {
  assignment: FaultAssignment | null;
  /** Set when the message matched a fault but does not complain about it. */
  rejected: { faultId: string; reason: Exclude<NotEvidenceReason, 'retweet'> } | null;
}

/** Match a message and judge whether the match is evidence (see module comment). */
export function judgeMessage(text: string, compiled: CompiledTaxonomy): MatchVerdict {
  const found = findHits(text, compiled);
  if (found.length === 0) return compiled.fallback ? judgeMessage(text, compiled.fallback) : { assignment: null, rejected: null };
  const all = found.filter((h) => !h.outOfContext);
  if (all.length === 0) return { assignment: null, rejected: { faultId: chooseFault(text, found, compiled)!.faultId, reason: 'context' } };
  const tags = hashtagRanges(text);
  const hits = tags.length === 0 ? all : all.filter((h) => !insideHashtag(tags, h.start, h.end));
  const assignment = chooseFault(text, hits, compiled);
  if (assignment === null) return { assignment: null, rejected: { faultId: chooseFault(text, all, compiled)!.faultId, reason: 'hashtag' } };
  const reason = notAComplaint(text, assignment.evidence.start);
  return reason === null ? { assignment, rejected: null } : { assignment: null, rejected: { faultId: assignment.faultId, reason } };
}

/** The message's fault, or null (no match, or a match that is not evidence). */
export function matchMessage(text: string, compiled: CompiledTaxonomy): FaultAssignment | null {
  return judgeMessage(text, compiled).assignment;
}
