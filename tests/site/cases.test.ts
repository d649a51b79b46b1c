/** Cases on the site: the passage around a fault's evidence, and cases as fault examples. */
import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/analysis/report/report-model.ts';
import { passage } from '../../src/site/cases.ts';
import { faultsView } from '../../src/site/faults.ts';

describe('passage', () => {
  const text = `${'word '.repeat(60)}I was charged twice for the same month and nobody answers. ${'more '.repeat(60)}end`;

  it('centres on the evidence, cut at spaces, with ellipses where text was left out', () => {
    const p = passage(text, 'Charged Twice', 40);
    expect(p.mark).toBe('charged twice');
    expect(p.before).toBe('… word word word word word word I was ');
    expect(p.after).toBe(' for the same month and nobody answers. …');
    expect(text).toContain(`${p.before.slice(2)}${p.mark}${p.after.slice(0, -2)}`);
  });

  it('keeps a short text whole, and opens a long one when the evidence is not in it', () => {
    expect(passage('lock bricked overnight', 'bricked')).toEqual({ before: 'lock ', mark: 'bricked', after: ' overnight' });
    expect(passage('lock bricked overnight', null)).toEqual({ before: 'lock bricked overnight', mark: '', after: '' });
    const opening = passage(text, 'not there', 20);
    expect(opening.mark).toBe('');
    expect(opening.before).toBe('word word word word word word word word …');
  });

  it('never cuts into the evidence when there is no space before it', () => {
    const p = passage(`${'x'.repeat(300)}broken`, 'broken', 20);
    expect(p).toEqual({ before: `… ${'x'.repeat(20)}`, mark: 'broken', after: '' });
  });
});

describe('faultsView with cases', () => {
  const report = {
    counts: { messages: 0, cases: 4 },
    sections: {
      faults: { considered: 3, classified: 2, casesClassified: 2, bucketMs: 86_400_000, bucketStarts: [], pareto: [{ faultId: 'late', label: 'Late payments', count: 2, share: 1, cumulativeShare: 1, firstSeen: 0, lastSeen: 0, volume: [], exampleIds: ['case:3', 'case:7'] }] },
      candidateFaults: [{ key: '|charged twice|', label: 'charged twice', object: null, count: 2, firstSeen: Date.UTC(2019, 1, 18), lastSeen: Date.UTC(2019, 1, 20), exampleIds: ['case:7', 'case:3'] }],
    },
  } as unknown as ReportModel;
  it("shows the analysis's examples, counts in cases, and the candidates' first and last seen", () => {
    const view = faultsView(report)!;
    expect(view.unit).toBe('cases');
    expect(view.faults[0]!.exampleIds).toEqual(['case:3', 'case:7']);
    expect(view.candidates[0]).toMatchObject({ firstSeen: Date.UTC(2019, 1, 18), lastSeen: Date.UTC(2019, 1, 20), candidate: true });
  });
});
