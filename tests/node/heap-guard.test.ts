/** The heap guard throws at a progress point once live data passes its share of V8's limit, naming what was being done. */
import { describe, expect, it } from 'vitest';
import { HeapExhaustedError, startHeapGuard } from '../../src/node/heap-guard.ts';

describe('the heap guard', () => {
  it('throws at a progress point once live data passes the share of the limit, naming what was being done', () => {
    const guard = startHeapGuard({ subject: 'data/acme', ratio: 1e-6, onExhausted: () => expect.fail('the timer must not fire first') });
    guard.at('reading posts.csv');
    try {
      expect(() => guard.check()).toThrow(HeapExhaustedError);
      expect(() => guard.check()).toThrow(/^data\/acme: ran out of JavaScript memory \(\d+ MB heap\) while reading posts\.csv; /);
    } finally {
      guard.stop();
    }
  });

  it('tells each new activity to onActivity', () => {
    const seen: string[] = [];
    const guard = startHeapGuard({ subject: 'data/acme', onExhausted: () => expect.fail('exhausted'), onActivity: (a) => seen.push(a) });
    try {
      guard.at('reading posts.csv');
      guard.at('running the faults analysis');
      expect(seen).toEqual(['reading posts.csv', 'running the faults analysis']);
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
