import { describe, expect, it } from 'vitest';
import { instantFromWallInput, snapRange, wallInputValue } from '../../src/explorer/range.ts';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('explorer time range', () => {
  it('a brush takes every bucket it touches, whichever way it was dragged', () => {
    const range = { from: '2024-10-09T02:00:00.000Z', to: '2024-10-09T05:00:00.000Z' };
    expect(snapRange(at('2024-10-09T02:40:00Z'), at('2024-10-09T04:10:00Z'), HOUR)).toEqual(range);
    expect(snapRange(at('2024-10-09T04:10:00Z'), at('2024-10-09T02:40:00Z'), HOUR)).toEqual(range);
    // Ending exactly on a bucket's start does not take that bucket.
    expect(snapRange(at('2024-10-09T02:40:00Z'), at('2024-10-09T05:00:00Z'), HOUR)).toEqual(range);
  });
  it('a click takes its own bucket', () => {
    expect(snapRange(at('2024-10-09T02:40:00Z'), at('2024-10-09T02:40:00Z'), HOUR)).toEqual({ from: '2024-10-09T02:00:00.000Z', to: '2024-10-09T03:00:00.000Z' });
    expect(snapRange(at('2024-10-09T02:00:00Z'), at('2024-10-09T02:00:00Z'), 15 * 60_000)).toEqual({ from: '2024-10-09T02:00:00.000Z', to: '2024-10-09T02:15:00.000Z' });
  });
  it('From and To read and write wall-clock time in the crisis zone, across a clock change', () => {
    expect(wallInputValue('2024-10-09T06:00:00.000Z', 'America/New_York')).toBe('2024-10-09T02:00');
    expect(instantFromWallInput('2024-10-09T02:00', 'America/New_York')).toBe('2024-10-09T06:00:00.000Z');
    // After the clocks went back (EST, UTC−5).
    expect(instantFromWallInput('2024-11-04T02:00', 'America/New_York')).toBe('2024-11-04T07:00:00.000Z');
    for (const iso of ['2024-03-10T06:59:00.000Z', '2024-03-10T07:00:00.000Z', '2024-11-03T05:30:00.000Z', '2024-11-03T06:30:00.000Z']) {
      const back = instantFromWallInput(wallInputValue(iso, 'America/New_York'), 'America/New_York')!;
      // The repeated hour reads as its earlier instant; every other one round-trips.
      expect(iso === '2024-11-03T06:30:00.000Z' ? back === iso || back === '2024-11-03T05:30:00.000Z' : back === iso, iso).toBe(true);
    }
    expect(instantFromWallInput('', 'UTC')).toBeUndefined();
    expect(instantFromWallInput('yesterday', 'UTC')).toBeUndefined();
    expect(instantFromWallInput('2024-13-40T99:00', 'UTC')).toBeUndefined();
  });
});
