/**
 * The ambiguous-keyword check of `debrief faults suggest` (ambiguous.ts) and
 * accepting its fix (suggest-yaml.ts): a one-word keyword mostly used with no
 * word of its fault near and beside another fault's words is reported with a
 * `context:` entry, which accept writes in place of the plain keyword.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyAmbiguityFixes, findAmbiguousKeywords, type AmbiguousKeyword } from '../../../../src/analysis/nlp/faults/ambiguous.ts';
import { classifyFaults, parseFaultTaxonomy, type TextMessage } from '../../../../src/analysis/nlp/faults/index.ts';
import { suggestFaults } from '../../../../src/analysis/nlp/faults/suggest.ts';
import { mergeSuggestedFaults, readSuggestedFaults, renderSuggestionsYaml } from '../../../../src/analysis/nlp/faults/suggest-yaml.ts';

const taxonomy = parseFaultTaxonomy(
  parse(`
lockout: { label: Locked out, keywords: [locked out, lockout, keypad, deadbolt, chirping] }
support: { label: Waiting for support, kind: service, keywords: [ignored, still waiting] }
`),
);

const at = Date.UTC(2024, 9, 9);
let n = 0;
const m = (text: string): TextMessage => ({ id: String(++n), text: `${text} ${n}`, createdAt: at + n * 60_000, isBrand: false });
const messages: TextMessage[] = [
  // "keypad" as the thing a support complaint is about: no lockout word near, the support fault matched.
  ...Array.from({ length: 12 }, () => m('support ignored me about the keypad replacement order')),
  ...Array.from({ length: 2 }, () => m('locked out, the keypad is dead')),
  // "deadbolt" beside the lockout words: the fault's own word.
  ...Array.from({ length: 12 }, () => m('locked out again, deadbolt jammed; still waiting for a reply')),
  // "chirping" alone, but nothing else matches it: it names its fault on its own.
  ...Array.from({ length: 12 }, () => m('the thing keeps chirping all night')),
];

describe('ambiguous keywords', () => {
  it('reports a keyword used alone and beside another fault, with the numbers and a context: fix', () => {
    const usage = findAmbiguousKeywords(messages, taxonomy);
    const byKeyword = Object.fromEntries(usage.map((u) => [u.keyword, u]));
    expect(byKeyword['keypad']).toMatchObject({ faultId: 'lockout', texts: 14, alone: 0.857, elsewhere: 0.857, ambiguous: true, within: 8 });
    expect((byKeyword['keypad'] as AmbiguousKeyword).near).toEqual(['locked', 'lockout', 'deadbolt', 'chirping']);
    expect(byKeyword['deadbolt']).toMatchObject({ texts: 12, alone: 0, ambiguous: false });
    expect(byKeyword['chirping']).toMatchObject({ texts: 12, alone: 1, elsewhere: 0, ambiguous: false });
    // Thresholds are options; fewer texts than minTexts get no verdict.
    expect(findAmbiguousKeywords(messages, taxonomy, { minTexts: 20 }).some((u) => u.ambiguous)).toBe(false);
  });

  it('a word of the fault’s label is its name and never ambiguous; hashtags are not counted', () => {
    const t = parseFaultTaxonomy(parse('keypad: { label: Dead keypad, keywords: [keypad] }\nsupport: { label: Support, keywords: [ignored] }'));
    expect(findAmbiguousKeywords(messages, t).map((u) => u.keyword)).toEqual(['ignored']);
    const tagged = Array.from({ length: 12 }, () => m('support ignored me #LatchlyKeypad'));
    expect(findAmbiguousKeywords(tagged, taxonomy).find((u) => u.keyword === 'keypad')).toBeUndefined();
  });

  it('the fix drops the ambiguous matches and keeps the fault’s own', () => {
    const fixes = findAmbiguousKeywords(messages, taxonomy).filter((u): u is AmbiguousKeyword => u.ambiguous);
    const fixed = applyAmbiguityFixes(taxonomy, fixes);
    expect(fixed['lockout']!.keywords).toEqual(['locked out', 'lockout', 'deadbolt', 'chirping']);
    const count = (t: typeof taxonomy) => classifyFaults(messages, t).pareto.map((f) => `${f.faultId} ${f.count}`);
    // Before: "keypad" ties with "ignored" and wins by taxonomy order, taking 12 support complaints.
    expect(count(taxonomy)).toEqual(['lockout 38', 'support 0']);
    expect(count(fixed)).toEqual(['lockout 26', 'support 12']);
  });
});

describe('accepting an ambiguity fix', () => {
  const suggestions = suggestFaults(messages, taxonomy);
  const file = renderSuggestionsYaml({ ...suggestions, faults: suggestions.faults.map((f) => ({ ...f, keywords: [] })), candidates: [] }, 'test');

  it('suggest writes the fix under context:, with its numbers as a comment', () => {
    expect(file).toContain('    context:  # ambiguous keywords: each counts only near a word of the fault\n');
    expect(file).toContain('      # keypad: in 14 texts, no word of the fault near in 86%, another fault matched in 86%\n');
    expect(file).toContain('      - { keywords: [keypad], near: [locked, lockout, deadbolt, chirping], within: 8 }\n');
  });

  it('accept moves the keyword from keywords: to context:, in flow and block lists, keeping comments', () => {
    const wanted = readSuggestedFaults(file, 'faults.suggested.yaml');
    const flow = 'title: T\nfaults:\n  lockout: { label: Locked out, keywords: [locked out, keypad, keypads, lockout] }  # main\n  support: { label: Waiting for support, kind: service, keywords: [ignored] }\n';
    const merged = mergeSuggestedFaults(flow, wanted);
    expect(merged.text).toBe(
      'title: T\nfaults:\n  lockout: { label: Locked out, keywords: [locked out, lockout], context: [{ keywords: [keypad], near: [locked, lockout, deadbolt, chirping], within: 8 }] }  # main\n  support: { label: Waiting for support, kind: service, keywords: [ignored] }\n',
    );
    const block = 'faults:\n  lockout:\n    label: Locked out\n    keywords: [locked out,\n      # hardware:\n      deadbolt, keypad]\n';
    expect(mergeSuggestedFaults(block, wanted).text).toBe(
      'faults:\n  lockout:\n    label: Locked out\n    keywords: [locked out,\n      # hardware:\n      deadbolt]\n    context:\n      - { keywords: [keypad], near: [locked, lockout, deadbolt, chirping], within: 8 }\n',
    );
    // Accepted once, a second accept has nothing to move.
    expect(mergeSuggestedFaults(merged.text, wanted).contexts.size).toBe(0);
    // A keyword crisis.yaml does not list (it comes from the fault library) cannot be moved here.
    expect(() => mergeSuggestedFaults('faults:\n  lockout: { label: Locked out, keywords: [locked out] }\n', wanted)).toThrow(/faults\.lockout\.keywords has no "keypad" to move under context:/);
  });
});

describe('the suggestions on a terminal', () => {
  it('print each ambiguous keyword with its numbers and the fix', async () => {
    const { formatSuggestions } = await import('../../../../src/cli/faults-suggest.ts');
    const printed = formatSuggestions(suggestFaults(messages, taxonomy));
    expect(printed).toContain('  ambiguous: "keypad" in 14 texts, no word of the fault near in 86%, another fault matched in 86%\n    fix: count it only within 8 words of locked, lockout, deadbolt, chirping\n');
  });
});
