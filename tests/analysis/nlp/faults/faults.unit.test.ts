import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  classifyFaults,
  FAULTS_VERSION,
  parseFaultTaxonomy,
  type FaultTaxonomy,
  type TextMessage,
} from '../../../../src/analysis/nlp/faults/index.ts';
import { anchorsPresent, patternAnchors } from '../../../../src/analysis/nlp/faults/compile.ts';

const H = 3_600_000;
const T0 = Date.UTC(2024, 2, 1);

const taxonomy: FaultTaxonomy = parseFaultTaxonomy(
  parse(`
lost_bag:
  label: Lost bag
  keywords: [lost bag, missing luggage, bag]
cancelled:
  label: Cancelled flight
  keywords: [cancelled]
billing:
  label: Billing
  keywords: [charged twice, refund]
screen:
  label: Broken screen
  patterns:
    - '(screen|display) .? .? (cracked|broken)'
`),
);

let n = 0;
function msg(text: string, extra: Partial<TextMessage> = {}): TextMessage {
  n++;
  return { id: `m${n}`, text, createdAt: T0 + n * H, isBrand: false, sentiment: 'negative', ...extra };
}

describe('classifyFaults: matching', () => {
  const one = (text: string, extra: Partial<TextMessage> = {}) => {
    const m = msg(text, extra);
    return classifyFaults([m], taxonomy, { scope: 'all' }).assignments[m.id];
  };

  it('matches keywords case-insensitively across plural, tense and filler words', () => {
    const a = one('They LOST my bags at Denver!')!;
    expect(a.faultId).toBe('lost_bag');
    expect(a.evidence).toMatchObject({ text: 'LOST my bags', rule: 'lost bag', source: 'keyword' });
    expect(one('flight was canceled again')?.faultId).toBe('cancelled');
    expect(one('Cancelled!!!')?.faultId).toBe('cancelled');
  });

  it('respects word boundaries', () => {
    expect(one('the baggage hall was cold')).toBeUndefined();
    expect(one('handbags on sale')).toBeUndefined();
  });

  it('records evidence offsets into the original text', () => {
    const text = '@acme hi — I was charged  twice for one ticket';
    const a = one(text)!;
    expect(a.faultId).toBe('billing');
    expect(text.slice(a.evidence.start, a.evidence.end)).toBe(a.evidence.text);
    expect(a.evidence.text).toBe('charged  twice');
  });

  it('runs compromise patterns and keeps their evidence', () => {
    const a = one('my screen is totally cracked now')!;
    expect(a).toMatchObject({ faultId: 'screen', evidence: { source: 'pattern', text: 'screen is totally cracked' } });
    expect(one('what a cracked idea, nice screen')).toBeUndefined();
  });

  it('picks the fault with more evidence, then taxonomy order', () => {
    // "charged twice" (2 words) beats "bag" (1 word).
    expect(one('bag fee charged twice')?.faultId).toBe('billing');
    // One word each: taxonomy order decides (lost_bag before billing).
    expect(one('refund for my bag')?.faultId).toBe('lost_bag');
    // Same input, same answer.
    expect(one('refund for my bag')?.evidence.rule).toBe('bag');
  });
});

describe('classifyFaults: scope', () => {
  const messages = [
    msg('lost bag', { sentiment: 'positive' }),
    msg('lost bag', { sentiment: 'neutral' }),
    msg('lost bag', { sentiment: undefined }),
    msg('lost bag'),
    msg('lost bag', { isBrand: true }),
  ];
  it('classifies negative (and unlabelled) messages by default', () => {
    const r = classifyFaults(messages, taxonomy);
    expect(r.considered).toBe(2);
    expect(Object.keys(r.assignments)).toEqual([messages[2]!.id, messages[3]!.id]);
    // The same records by position, in order: the analysis reads them without a lookup by id.
    expect(r.positions).toEqual([2, 3]);
  });
  it('takes the matches it is given by position, and matches the texts it is not given', () => {
    const texts = [msg('refund please'), msg('nothing to see'), msg('lost bag'), msg('lost bag')];
    const given = classifyFaults(texts.slice(0, 1), taxonomy).assignments[texts[0]!.id]!;
    // Position 1 is given the refund's answer although its text would match nothing; 2 is given "no fault"; 3 is not given.
    const r = classifyFaults(texts, taxonomy, { matchAt: (p) => (p <= 1 ? given : p === 2 ? null : undefined) });
    expect(r.positions).toEqual([0, 1, 3]);
    expect(r.assignments[texts[1]!.id]?.faultId).toBe('billing');
    expect(r.assignments[texts[3]!.id]?.faultId).toBe('lost_bag');
  });
  it('lists positions in message order, a retweet counted late included', () => {
    const later = [msg('RT @ann: my bag is lost, a lost bag'), msg('refund please'), msg('nothing here'), msg('lost bag again')];
    const r = classifyFaults(later, taxonomy);
    expect(r.positions).toEqual([0, 1, 3]);
    expect(r.positions.map((p) => later[p]!.id).sort()).toEqual(Object.keys(r.assignments).sort());
  });
  it('keeps the assignment of a message whatever its id, "__proto__" and "constructor" included (ids are data)', () => {
    const odd = [msg('lost bag', { id: '__proto__' }), msg('cancelled', { id: 'constructor' }), msg('refund', { id: 'toString' })];
    const r = classifyFaults(odd, taxonomy);
    expect(Object.keys(r.assignments)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(['__proto__', 'constructor', 'toString'].map((id) => r.assignments[id]?.faultId)).toEqual(['lost_bag', 'cancelled', 'billing']);
    expect(JSON.parse(JSON.stringify(r.assignments))['__proto__'].faultId).toBe('lost_bag');
  });
  it("classifies every message with scope 'all', brand posts only on request", () => {
    expect(classifyFaults(messages, taxonomy, { scope: 'all' }).classified).toBe(4);
    expect(classifyFaults(messages, taxonomy, { scope: 'all', includeBrandMessages: true }).classified).toBe(5);
  });
});

describe('classifyFaults: summary', () => {
  const messages = [
    msg('lost bag'),
    msg('bag missing'),
    msg('where is my bag'),
    msg('flight cancelled'),
    msg('no idea what happened'),
  ];
  const r = classifyFaults(messages, taxonomy, { bucketMs: 2 * H });

  it('builds a Pareto with shares and cumulative shares', () => {
    expect(r.version).toBe(FAULTS_VERSION);
    expect(r.classified).toBe(4);
    expect(r.pareto.map((p) => [p.faultId, p.count])).toEqual([
      ['lost_bag', 3],
      ['cancelled', 1],
      ['billing', 0],
      ['screen', 0],
    ]);
    expect(r.pareto[0]!.share).toBeCloseTo(0.75);
    expect(r.pareto[1]!.cumulativeShare).toBeCloseTo(1);
    expect(r.pareto[2]!.firstSeen).toBeNull();
  });

  it('reports first/last seen and volume per bucket', () => {
    const bag = r.pareto[0]!;
    expect(bag.firstSeen).toBe(messages[0]!.createdAt);
    expect(bag.lastSeen).toBe(messages[2]!.createdAt);
    expect(bag.volume).toHaveLength(r.bucketStarts.length);
    expect(bag.volume.reduce((a, b) => a + b, 0)).toBe(3);
    expect(r.bucketStarts.every((s) => s % (2 * H) === 0)).toBe(true);
  });

  it('gives identical texts identical answers', () => {
    const twins = [msg('my bag is lost'), msg('my bag is lost')];
    const a = classifyFaults(twins, taxonomy).assignments;
    expect(a[twins[0]!.id]).toEqual(a[twins[1]!.id]);
  });
});

describe('parseFaultTaxonomy', () => {
  it('rejects malformed taxonomies with a useful message', () => {
    expect(() => parseFaultTaxonomy([])).toThrow(/mapping/);
    expect(() => parseFaultTaxonomy({ a: { label: 'A' } })).toThrow(/faults\.a needs keywords or patterns/);
    expect(() => parseFaultTaxonomy({ a: { label: 'A', keywords: 'bag' } })).toThrow(/faults\.a\.keywords/);
  });
  it('defaults the label to the id and keeps key order', () => {
    const t = parseFaultTaxonomy({ z: { keywords: ['x'] }, a: { keywords: ['y'] } });
    expect(Object.keys(t)).toEqual(['z', 'a']);
    expect(t['z']!.label).toBe('z');
  });
});

describe('patternAnchors', () => {
  it('requires one word of every required term, ignoring optional ones, tags and fillers', () => {
    expect(patternAnchors('(screen|display) .? .? (cracked|broken)')).toEqual([
      { stems: ['display', 'screen'], maxGap: Infinity },
      { stems: ['break', 'crack'], maxGap: 5 },
    ]);
    expect(patternAnchors('{lose} my? (bag|car seat)')).toEqual([
      { stems: ['lose'], maxGap: Infinity },
      { stems: ['bag', 'car'], maxGap: 4 },
    ]);
    expect(patternAnchors('#Noun (is|was) #Adjective')).toEqual([]);
    expect(patternAnchors('(bag|luggage) * lost')[1]!.maxGap).toBe(Infinity);
  });
  it('pre-filters on order and distance', () => {
    const anchors = patternAnchors('(screen|display) .? .? (cracked|broken)');
    expect(anchorsPresent(anchors, ['screen', 'total', 'crack'])).toBe(true);
    expect(anchorsPresent(anchors, ['crack', 'screen'])).toBe(false);
    expect(anchorsPresent(anchors, ['screen', 'a', 'b', 'c', 'd', 'e', 'f', 'crack'])).toBe(false);
  });
});
