/**
 * Seed phrases widened by the sentiment lexicon, for `debrief faults suggest`
 * (suggest.ts). A fault named by a judgement ("Bad flight") has a seed
 * phrase people rarely write as such: none of the 6,033 airline complaints
 * with a reason says "bad flight", 7 say "worst flight", 2 "horrible",
 * "awful" or "terrible flight".
 * Where a seed phrase holds a word of clear valence in the sentiment lexicon
 * (|valence| ≥ {@link MIN_VALENCE}) that is not a keyword on its own (a
 * modifier such as "bad", not the fault's own word such as "cancelled"), the
 * same phrase with another word of the same sign and at least that strength
 * in its place, as the crisis's texts write it, is a seed of the fault too —
 * unless that word is a keyword word of another fault ("delayed flight" is
 * late flight), the phrase is a keyword already, or several faults' seeds
 * widen to the same phrase.
 */
import { VALENCE } from '../sentiment/lexicon.ts';
import { tokenize, tokenizeStems } from '../phrases/tokenize.ts';
import type { FaultTaxonomy } from './types.ts';

/** Least absolute valence of the seed word and of the words put in its place. */
export const MIN_VALENCE = 2;

/** A widened seed phrase of one fault. */
export interface WidenedSeed {
  faultId: string;
  /** As most often written (lower case). */
  keyword: string;
  /** Distinct texts holding it. */
  texts: number;
}

interface Slot {
  fault: string;
  /** Stems of the seed phrase; `at` is the widened place. */
  stems: string[];
  at: number;
  /** Valence of the seed word: a word put in its place has the same sign and at least its strength. */
  valence: number;
}

/**
 * Widened seed phrases found in `texts` (see module comment), each in at
 * least `minCount` distinct texts; sorted by fault order, then most texts first.
 */
export function widenSeeds(texts: Iterable<string>, taxonomy: FaultTaxonomy, minCount: number): WidenedSeed[] {
  const ids = Object.keys(taxonomy);
  const words = (id: string) => [...(taxonomy[id]!.keywords ?? []), ...(taxonomy[id]!.context ?? []).flatMap((c) => c.keywords)];
  const alone = new Set<string>();
  const wordOf = new Map<string, Set<string>>();
  for (const id of ids) {
    for (const k of words(id)) {
      const stems = tokenizeStems(k);
      if (stems.length === 1) alone.add(stems[0]!);
      for (const s of stems) {
        if (!wordOf.has(s)) wordOf.set(s, new Set());
        wordOf.get(s)!.add(id);
      }
    }
  }
  const existing = new Set(ids.flatMap((id) => words(id).map((k) => tokenizeStems(k).join(' '))));
  const slots: Slot[] = [];
  for (const id of ids) {
    for (const k of words(id)) {
      const surfaces = tokenize(k).surfaces;
      const stems = tokenizeStems(k);
      if (stems.length < 2 || surfaces.length !== stems.length) continue;
      surfaces.forEach((w, at) => {
        const v = VALENCE.get(w) ?? 0;
        if (Math.abs(v) >= MIN_VALENCE && !alone.has(stems[at]!)) slots.push({ fault: id, stems, at, valence: v });
      });
    }
  }
  if (slots.length === 0) return [];
  // phrase key → faults widened to it, and the texts and spellings holding it.
  const found = new Map<string, { faults: Set<string>; texts: number; surfaces: Map<string, number> }>();
  const seenText = new Set<string>();
  for (const text of texts) {
    if (seenText.has(text)) continue;
    seenText.add(text);
    const t = tokenize(text);
    const inText = new Map<string, { faults: Set<string>; surface: string }>();
    for (const slot of slots) {
      const n = slot.stems.length;
      for (let i = 0; i + n <= t.stems.length; i++) {
        let ok = true;
        for (let k = 0; k < n && ok; k++) if (k !== slot.at && t.stems[i + k] !== slot.stems[k]) ok = false;
        if (!ok) continue;
        const stem = t.stems[i + slot.at]!;
        const surface = t.surfaces[i + slot.at]!;
        const v = VALENCE.get(surface) ?? 0;
        // At least as strong as the seed word: "bad" widens to "worst" and "awful", not to "wrong" or "problems".
        if (stem === slot.stems[slot.at] || Math.sign(v) !== Math.sign(slot.valence) || Math.abs(v) < Math.abs(slot.valence)) continue;
        // A word of another fault's keywords names that fault ("delayed flight").
        if ([...(wordOf.get(stem) ?? [])].some((f) => f !== slot.fault)) continue;
        const key = t.stems.slice(i, i + n).join(' ');
        if (existing.has(key)) continue;
        let entry = inText.get(key);
        if (entry === undefined) inText.set(key, (entry = { faults: new Set(), surface: t.surfaces.slice(i, i + n).join(' ') }));
        entry.faults.add(slot.fault);
      }
    }
    for (const [key, { faults, surface }] of inText) {
      let f = found.get(key);
      if (f === undefined) found.set(key, (f = { faults: new Set(), texts: 0, surfaces: new Map() }));
      for (const id of faults) f.faults.add(id);
      f.texts++;
      f.surfaces.set(surface, (f.surfaces.get(surface) ?? 0) + 1);
    }
  }
  const out: WidenedSeed[] = [];
  for (const f of found.values()) {
    if (f.faults.size !== 1 || f.texts < minCount) continue;
    const keyword = [...f.surfaces].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    out.push({ faultId: [...f.faults][0]!, keyword, texts: f.texts });
  }
  return out.sort((a, b) => ids.indexOf(a.faultId) - ids.indexOf(b.faultId) || b.texts - a.texts || (a.keyword < b.keyword ? -1 : 1));
}
