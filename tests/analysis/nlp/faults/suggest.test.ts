/** Keyword suggestions from a crisis's own texts, the suggestions file, and accepting it into crisis.yaml. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { classifyFaults, parseFaultTaxonomy, type FaultTaxonomy, type TextMessage } from '../../../../src/analysis/nlp/faults/index.ts';
import { applySuggestions, logLikelihood, suggestFaults } from '../../../../src/analysis/nlp/faults/suggest.ts';
import { widenSeeds } from '../../../../src/analysis/nlp/faults/suggest-seeds.ts';
import { mergeSuggestedFaults, readSuggestedFaults, renderSuggestionsYaml } from '../../../../src/analysis/nlp/faults/suggest-yaml.ts';

const taxonomy: FaultTaxonomy = parseFaultTaxonomy(
  parse(`
lockout: { label: Locked out, keywords: [locked out] }
battery: { label: Battery drain, keywords: [battery drain] }
`),
);

let n = 0;
const msg = (text: string): TextMessage => ({ id: `m${++n}`, text, createdAt: Date.UTC(2024, 9, 9) + n * 60_000, isBrand: false });

// Lockout reports mention the keypad and the locksmith; battery reports the AAs. "Acme" is the brand.
const texts = [
  ...Array.from({ length: 6 }, (_, i) => `@Acme locked out again, keypad dead, called a locksmith (${i})`),
  ...Array.from({ length: 4 }, (_, i) => `Acme keypad dead since the update, locksmith coming ${i}`),
  ...Array.from({ length: 5 }, (_, i) => `battery drain after the update, third set of AAs ${i}`),
  ...Array.from({ length: 3 }, (_, i) => `Acme AAs empty again ${i}`),
  ...Array.from({ length: 6 }, (_, i) => `the update went fine, app slow ${i}`),
  'RT @ana: @Acme locked out again, keypad dead, called a locksmith (0)',
];
const messages = texts.map(msg);

describe('suggestFaults', () => {
  const s = suggestFaults(messages, taxonomy, { exclude: ['@Acme'], top: 5 });
  const words = (id: string) => s.faults.find((f) => f.faultId === id)!.keywords.map((k) => k.keyword);

  it('proposes what stands out in each fault’s texts, with its counts', () => {
    expect(s.texts).toBe(24);
    expect(words('lockout')).toEqual(expect.arrayContaining(['locksmith', 'keypad dead']));
    expect(words('battery')).toContain('third set');
    const locksmith = s.faults[0]!.keywords.find((k) => k.keyword === 'locksmith')!;
    // 6 texts of the fault (the retweet is one of them, counted once), 4 unmatched ones.
    expect(locksmith).toMatchObject({ inFault: 6, elsewhere: 4 });
    expect(locksmith.keyness).toBeCloseTo(logLikelihood(6, 6, 4, 18), 1);
  });

  it('leaves out the brand, stopwords, existing keywords and words as common elsewhere', () => {
    const all = s.faults.flatMap((f) => f.keywords.map((k) => k.keyword));
    expect(all.filter((w) => /acme|again|\bthe\b|fine|slow|app|locked out|battery drain/.test(w))).toEqual([]);
    // "keypad" and "keypad dead" always come together: one suggestion.
    expect(words('lockout').filter((w) => w.includes('keypad'))).toHaveLength(1);
  });

  it('is deterministic and applies as suggested keywords, tried after the written ones', () => {
    expect(suggestFaults([...messages].reverse(), taxonomy, { exclude: ['Acme'], top: 5 }).faults).toEqual(s.faults);
    const applied = applySuggestions(taxonomy, s);
    expect(applied['lockout']!.keywords).toEqual(['locked out']);
    expect(applied['lockout']!.suggested).toEqual(words('lockout'));
    expect(applied['battery']!.label).toBe('Battery drain');
  });

  it('G² is 0 without association and grows with it', () => {
    expect(logLikelihood(5, 50, 10, 100)).toBeCloseTo(0, 10);
    expect(logLikelihood(20, 50, 10, 100)).toBeGreaterThan(logLikelihood(10, 50, 10, 100));
  });
});

describe('seed phrases widened by the sentiment lexicon', () => {
  const airline: FaultTaxonomy = parseFaultTaxonomy(
    parse(`
late: { label: Late flight, keywords: [late, delayed] }
cancelled: { label: Cancelled flight, keywords: [cancelled flight, cancelled] }
bad: { label: Bad flight, keywords: [bad flight] }
`),
  );
  const flights = [
    ...Array.from({ length: 4 }, (_, i) => `worst flight ever, seat broken, no wifi ${i}`),
    ...Array.from({ length: 3 }, (_, i) => `horrible flight, the seat would not recline ${i}`),
    ...Array.from({ length: 3 }, (_, i) => `awful flight, cramped seat and no wifi ${i}`),
    ...Array.from({ length: 3 }, (_, i) => `delayed flight again, 3 hours ${i}`),
    ...Array.from({ length: 3 }, (_, i) => `cancelled flight and no hotel ${i}`),
    'a wonderful flight for once',
    'awful flight',
  ];

  it('finds "horrible flight" and "awful flight" for a fault whose only seed is "bad flight", not words of other faults', () => {
    const widened = widenSeeds(flights, airline, 3);
    // "delayed flight" is late flight ("delayed" is its keyword); "wonderful" has the other sign.
    expect(widened).toEqual([
      { faultId: 'bad', keyword: 'awful flight', texts: 4 },
      { faultId: 'bad', keyword: 'worst flight', texts: 4 },
      { faultId: 'bad', keyword: 'horrible flight', texts: 3 },
    ]);
    // A fault's own word alone ("cancelled") is not widened, and a positive word never stands for a negative one.
    expect(widenSeeds(flights, { c: airline['cancelled']! }, 1)).toEqual([]);
    expect(widenSeeds(flights, airline, 5)).toEqual([]);
  });

  it('gives a fault with no seed text its texts and keywords', () => {
    const m = flights.map(msg);
    const s = suggestFaults(m, airline, { top: 5 });
    const bad = s.faults.find((f) => f.faultId === 'bad')!;
    expect(bad.matched).toBe(11);
    expect(bad.keywords.map((k) => k.keyword)).toEqual(expect.arrayContaining(['seat', 'wifi']));
    // A lone judgement word ("worst", "horrible") is no fault's keyword.
    expect(s.faults.flatMap((f) => f.keywords.map((k) => k.keyword)).filter((w) => /^(?:worst|horrible|awful|wonderful)$/.test(w))).toEqual([]);
  });
});

describe('suggestions that add nothing', () => {
  it('leave out a phrase holding a proposed word, and lone judgement words', () => {
    const service = parseFaultTaxonomy(parse(`service: { label: Customer service, keywords: [customer service] }`));
    const m = [
      ...Array.from({ length: 5 }, (_, i) => `customer service: rude agent hung up ${i}`),
      ...Array.from({ length: 3 }, (_, i) => `customer service agent never called back ${i}`),
      ...Array.from({ length: 2 }, (_, i) => `another rude agent today ${i}`),
      ...Array.from({ length: 8 }, (_, i) => `the update went fine ${i}`),
    ].map(msg);
    const proposed = suggestFaults(m, service, { top: 10 }).faults[0]!.keywords.map((k) => k.keyword);
    // "agent" matches every text "rude agent" does; "rude" judges.
    expect(proposed).toContain('agent');
    expect(proposed.filter((k) => k !== 'agent' && k.split(' ').includes('agent'))).toEqual([]);
    expect(proposed).not.toContain('rude');
  });
});

describe('suggested keywords', () => {
  it('count only for a message no written keyword matches, and keep the fault\'s exclusions', () => {
    const t = parseFaultTaxonomy(
      parse(`
late: { label: Late, keywords: [delayed], suggested: [gate] }
bags: { label: Bags, keywords: [lost bag], suggested: [carousel], exclude: [found] }
`),
    );
    const at = Date.UTC(2024, 0, 1);
    const m = (id: string, text: string): TextMessage => ({ id, text, createdAt: at, isBrand: false });
    const { assignments } = classifyFaults([m('1', 'lost bag, stood at the gate for an hour'), m('2', 'an hour at the gate'), m('3', 'nothing on the carousel'), m('4', 'found it on the carousel')], t);
    expect(Object.fromEntries(Object.entries(assignments).map(([id, a]) => [id, `${a.faultId}:${a.evidence.rule}`]))).toEqual({ '1': 'bags:lost bag', '2': 'late:gate', '3': 'bags:carousel' });
    expect(() => parseFaultTaxonomy({ late: { label: 'Late', suggested: [{ a: 1 }] } })).toThrow(/faults\.late\.suggested must be a list of strings/);
  });
});

describe('the suggestions file and accepting it', () => {
  const s = suggestFaults(messages, taxonomy, { exclude: ['Acme'], top: 3 });
  const yaml = renderSuggestionsYaml(s, 'data/acme');

  it('is crisis.yaml faults: format, commented with counts', () => {
    const read = readSuggestedFaults(yaml, 'faults.suggested.yaml');
    expect([...read.keys()]).toEqual(['lockout', 'battery']);
    expect(read.get('lockout')!.keywords).toEqual(s.faults[0]!.keywords.map((k) => k.keyword));
    expect(yaml).toMatch(/- keypad dead +# 6 of its texts, 4 others; G² \d+\.\d/);
  });

  const crisis = `# my crisis
title: Acme
faults:
  lockout: { label: Locked out, keywords: [locked out] }   # the big one
  battery:
    label: Battery drain
    keywords:
      - battery drain  # as support calls it
  support-delay: ~
sources: [] # none yet
`;

  it('adds the kept keywords in place, keeping every other byte', () => {
    const suggested = new Map([
      ['lockout', { keywords: ['locksmith', 'Locked  out', 'keypad dead'] }],
      ['battery', { keywords: ['aas'] }],
      ['support-delay', { keywords: ['no reply'] }],
      ['beeping', { label: 'Constant beeping', keywords: ['beeping', 'no'] }],
    ]);
    const { text, added } = mergeSuggestedFaults(crisis, suggested);
    expect(text).toBe(`# my crisis
title: Acme
faults:
  lockout: { label: Locked out, keywords: [locked out, locksmith, keypad dead] }   # the big one
  battery:
    label: Battery drain
    keywords:
      - battery drain  # as support calls it
      - aas
  support-delay: { keywords: [no reply] }
  beeping: { label: Constant beeping, keywords: [beeping, "no"] }
sources: [] # none yet
`);
    expect(added.get('lockout')).toEqual(['locksmith', 'keypad dead']);
    expect((parse(text) as { faults: Record<string, unknown> }).faults['beeping']).toEqual({ label: 'Constant beeping', keywords: ['beeping', 'no'] });
    // Accepting again adds nothing.
    expect(mergeSuggestedFaults(text, suggested).added.size).toBe(0);
  });

  it('gives a keywords list to a fault that has none, in the style it is written in', () => {
    const suggested = new Map([['a', { keywords: ['x'] }], ['b', { keywords: ['y'] }], ['c', { keywords: ['z'] }]]);
    expect(mergeSuggestedFaults('faults:\n  a:\n  b: { label: B }\n  c:\n    label: C\n', suggested).text).toBe(
      'faults:\n  a: { keywords: [x] }\n  b: { label: B, keywords: ["y"] }\n  c:\n    label: C\n    keywords: [z]\n',
    );
  });

  it('adds a faults: block when crisis.yaml has none, and refuses what it cannot edit in place', () => {
    expect(mergeSuggestedFaults('title: x\n', new Map([['a', { label: 'A', keywords: ['k'] }]])).text).toBe('title: x\nfaults:\n  a: { label: A, keywords: [k] }\n');
    expect(() => mergeSuggestedFaults('faults: { a: { keywords: [x] } }\n', new Map([['b', { label: 'B', keywords: ['k'] }]]))).toThrow(/by hand/);
    expect(() => readSuggestedFaults('faults:\n  a: { keywords: oops }\n', 'f.yaml')).toThrow('f.yaml: faults.a.keywords must be a list');
  });
});
