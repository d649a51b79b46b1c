/** The segments page's pure pieces: headers and file-safe ids from field names as exports write them. */
import { describe, expect, it } from 'vitest';
import type { SegmentBreakdown } from '../../../../src/analysis/sections/segments/schema.ts';
import { breakdownId, humanise } from '../../../../src/analysis/sections/segments/view.ts';

describe('segments view', () => {
  it('humanises field names for the first column', () => {
    expect(humanise('company')).toBe('Company');
    expect(humanise('customer.plan')).toBe('Customer plan');
    expect(humanise('Submitted via')).toBe('Submitted via');
    expect(humanise('sub_product')).toBe('Sub product');
  });

  it('names each breakdown with a file-safe id, unique by its place', () => {
    const b = (field: string) => ({ field }) as SegmentBreakdown;
    expect(breakdownId(b('Consumer disputed?'), 0)).toBe('segments-1-consumer-disputed');
    expect(breakdownId(b('../etc/passwd'), 1)).toBe('segments-2-etc-passwd');
    expect(breakdownId(b('航空会社'), 2)).toBe('segments-3');
  });
});
