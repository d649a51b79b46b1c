/** Shapes views share (src/analysis/core/view-verbs.ts): values collected per group, groups and values in the order they come. */
import { describe, expect, it } from 'vitest';
import { listsBy } from '../../../src/analysis/core/view-verbs.ts';

describe('listsBy', () => {
  it('collects the values per key, groups in first-seen order, values in row order', () => {
    const rows = [
      { reason: 'not in this export', label: 'Timely' },
      { reason: 'no brand messages', label: 'Median first response' },
      { reason: 'not in this export', label: 'Company response' },
      { reason: 'no brand messages', label: 'SLA' },
      { reason: 'too few labels', label: 'Negative' },
    ];
    expect(listsBy(rows, ['reason'], 'label')).toEqual([
      { reason: 'not in this export', values: ['Timely', 'Company response'] },
      { reason: 'no brand messages', values: ['Median first response', 'SLA'] },
      { reason: 'too few labels', values: ['Negative'] },
    ]);
  });

  it('groups by several keys at once, a combination being one group', () => {
    const rows = [
      { label: 'Negative', reason: 'a', segment: 'x' },
      { label: 'Negative', reason: 'b', segment: 'y' },
      { label: 'SLA', reason: 'a', segment: 'x' },
      { label: 'Negative', reason: 'a', segment: 'z' },
    ];
    expect(listsBy(rows, ['label', 'reason'], 'segment')).toEqual([
      { label: 'Negative', reason: 'a', values: ['x', 'z'] },
      { label: 'Negative', reason: 'b', values: ['y'] },
      { label: 'SLA', reason: 'a', values: ['x'] },
    ]);
  });

  it('is empty for no rows', () => {
    expect(listsBy([] as { k: string; v: number }[], ['k'], 'v')).toEqual([]);
  });
});
