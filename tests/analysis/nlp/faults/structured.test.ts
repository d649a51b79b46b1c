/** Structured faults: a fault column's values as faults, several per record, with the Pareto per kind. */
import { describe, expect, it } from 'vitest';
import { faultIdOf, structuredFaults } from '../../../../src/analysis/nlp/faults/structured.ts';
import { summariseFaultHits, summariseFaults } from '../../../../src/analysis/nlp/faults/summary.ts';

describe('structuredFaults', () => {
  const records = [
    { id: 'a', createdAt: 1, value: 'ENGINE, POWER TRAIN' },
    { id: 'b', createdAt: 2, value: 'Engine and engine cooling,ENGINE' },
    { id: 'c', createdAt: 3, value: null },
    { id: 'd', createdAt: 4, value: ' ,POWER TRAIN' },
  ];
  const out = structuredFaults(records, { engine: { label: 'Engine', codes: ['ENGINE'] } }, { engine: 'engine', 'engine and engine cooling': 'engine' });

  it('splits cells, maps codes to faults, counts a record once per fault, and names new faults by their value', () => {
    expect([...out.assignments].map(([id, list]) => [id, list.map((a) => a.faultId)])).toEqual([
      ['a', ['engine', 'power-train']],
      ['b', ['engine']],
      ['d', ['power-train']],
    ]);
    expect(out.added).toEqual({ 'power-train': { label: 'POWER TRAIN', kind: 'product', codes: ['POWER TRAIN'] } });
  });

  it('keeps the value as evidence, with its offsets in the cell', () => {
    expect(out.assignments.get('a')![1]!.evidence).toEqual({ text: 'POWER TRAIN', start: 8, end: 19, rule: 'POWER TRAIN', source: 'code' });
    expect(structuredFaults([{ id: 'x', createdAt: 0, value: 'A, B' }], {}, {}, '').assignments.get('x')!.map((a) => a.faultId)).toEqual(['a-b']);
  });

  it('gives ids to values without Latin letters', () => {
    expect(faultIdOf('FUEL/PROPULSION SYSTEM')).toBe('fuel-propulsion-system');
    expect(faultIdOf('发动机')).toMatch(/^code-[0-9a-f]{8}$/);
  });
});

describe('summariseFaults', () => {
  const heads = [
    { faultId: 'wait', label: 'Waiting for support', kind: 'service' as const },
    { faultId: 'engine', label: 'Engine', kind: 'product' as const },
    { faultId: 'brakes', label: 'Brakes', kind: 'product' as const },
  ];

  it('keeps product faults and service failures apart, shares within each kind (summing above 100% when multi-valued)', () => {
    const hits = [
      { recordId: 'a', createdAt: 0, fault: 1 },
      { recordId: 'a', createdAt: 0, fault: 2 },
      { recordId: 'b', createdAt: 3_600_000, fault: 1 },
      { recordId: 'c', createdAt: 3_600_000, fault: 0 },
    ];
    const s = summariseFaults(heads, [0, 3_600_000, 3_600_000, 7_200_000], hits, 3_600_000);
    expect(s.pareto.map((p) => [p.faultId, p.kind, p.count, p.share])).toEqual([
      ['engine', 'product', 2, 1],
      ['brakes', 'product', 1, 0.5],
      ['wait', 'service', 1, 1],
    ]);
    expect(s.classifiedByKind).toEqual({ product: 2, service: 1 });
    expect(s.consideredVolume).toEqual([1, 2, 1]);
  });

  it('reads hits by index as it reads hit objects, each hit a record of its own when no record is given', () => {
    const hits = [
      { recordId: 'a', createdAt: 7_200_000, fault: 1 },
      { recordId: 'b', createdAt: 0, fault: 1 },
      { recordId: 'c', createdAt: 3_600_000, fault: 0 },
    ];
    const times = [0, 3_600_000, 7_200_000, 7_200_000];
    const columns = { length: hits.length, createdAt: (i: number) => hits[i]!.createdAt, fault: (i: number) => hits[i]!.fault };
    const byIndex = summariseFaultHits(heads, times, columns, 3_600_000);
    expect(byIndex).toEqual(summariseFaults(heads, times, hits, 3_600_000));
    expect(byIndex.classifiedByKind).toEqual({ product: 2, service: 1 });
    expect(byIndex.pareto.map((p) => [p.faultId, p.count, p.firstSeen, p.lastSeen, p.volume])).toEqual([
      ['engine', 2, 0, 7_200_000, [1, 0, 1]],
      ['brakes', 0, null, null, [0, 0, 0]],
      ['wait', 1, 3_600_000, 3_600_000, [0, 1, 0]],
    ]);
  });
});
