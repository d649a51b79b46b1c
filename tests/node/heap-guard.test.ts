/** The heap guard throws at a progress point once live data passes its share of V8's limit, naming what was being done. */
import { describe, expect, it } from 'vitest';
import { HeapExhaustedError, startHeapGuard } from '../../src/node/heap-guard.ts';

describe('the heap guard', () => {
  it('throws at a progress point once live data passes the share of the limit, naming what was being done', () => {
    const guard = startHeapGuard({ subject: 'data/acme', ratio: 1e-6, onExhausted: () => expect.fail('the timer must not fire first') });
    guard.at('reading posts.csv');
    try {
      expect(() => guard.check()).toThrow(HeapExhaustedError);
      expect(() => guard.check()).toThrow(/^data\/acme: the JavaScript heap ran out at [\d.]+ (MB|GB) while reading posts\.csv\. To go on: analyse with --engine native, split the export into smaller files, or give Node more memory, e\.g\. NODE_OPTIONS=--max-old-space-size=\d+/);
    } finally {
      guard.stop();
    }
  });

  it('stays quiet while the heap is far from its limit', () => {
    const guard = startHeapGuard({ subject: 'data/acme', onExhausted: () => expect.fail('exhausted') });
    try {
      expect(() => guard.check()).not.toThrow();
    } finally {
      guard.stop();
    }
  });
});
