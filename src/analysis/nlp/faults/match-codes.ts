/**
 * Fault matches of a run of texts as numbers, for their trip between threads.
 *
 * Why: a worker matching half a million texts sent back an object, an
 * evidence object and three strings per match; the calling thread rebuilt
 * them all as the answers arrived, and held them (about 50 MB at a million
 * posts) until the faults analysis read them, often much later. As numbers
 * a match is four integers; the evidence text is cut from the message again
 * when the matches are read.
 */
import type { FaultAssignment, FaultEvidence } from './types.ts';

/** The matches of consecutive texts: four integers per text, and the strings they index. */
export interface FaultMatchCodes {
  /** Per text: fault (index into `faults`, -1: no match), evidence start, evidence end, rule (index into `rules`). */
  codes: Int32Array;
  /** Fault ids, in order of first use. */
  faults: string[];
  /** Each rule as its source and text, in order of first use. */
  rules: { rule: string; source: FaultEvidence['source'] }[];
}

/** The matches of consecutive texts as numbers (see {@link FaultMatchCodes}). */
export function encodeFaultMatches(matches: readonly (FaultAssignment | null)[]): FaultMatchCodes {
  const codes = new Int32Array(matches.length * 4).fill(-1);
  const faults: string[] = [];
  const rules: FaultMatchCodes['rules'] = [];
  const faultIndex = new Map<string, number>();
  const ruleIndex = new Map<string, number>();
  matches.forEach((m, i) => {
    if (m === null) return;
    let f = faultIndex.get(m.faultId);
    if (f === undefined) faultIndex.set(m.faultId, (f = faults.push(m.faultId) - 1));
    const { rule, source, start, end } = m.evidence;
    const key = `${source}\u0000${rule}`;
    let r = ruleIndex.get(key);
    if (r === undefined) ruleIndex.set(key, (r = rules.push({ rule, source }) - 1));
    codes.set([f, start, end, r], i * 4);
  });
  return { codes, faults, rules };
}

/** The matches {@link encodeFaultMatches} encoded, given the texts they were found in (in the same order). */
export function decodeFaultMatches({ codes, faults, rules }: FaultMatchCodes, texts: readonly string[]): (FaultAssignment | null)[] {
  if (codes.length !== texts.length * 4) throw new Error(`fault matches of ${codes.length / 4} texts given for ${texts.length}`);
  const out = new Array<FaultAssignment | null>(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const f = codes[i * 4]!;
    if (f < 0) {
      out[i] = null;
      continue;
    }
    const start = codes[i * 4 + 1]!;
    const end = codes[i * 4 + 2]!;
    const { rule, source } = rules[codes[i * 4 + 3]!]!;
    // The keys in the order matchMessage writes them: the faults' cache holds these objects as JSON.
    out[i] = { faultId: faults[f]!, evidence: { text: texts[i]!.slice(start, end), start, end, rule, source } };
  }
  return out;
}
