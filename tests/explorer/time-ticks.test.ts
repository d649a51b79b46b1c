import { describe, expect, it } from 'vitest';
import { zonedTicks } from '../../src/explorer/time-ticks.ts';
import { wallClock } from '../../src/site/charts/time.ts';

const HOUR = 3_600_000;

/** A tick's wall-clock time in `zone`, as `2015-01-01T00:00`. */
const wallText = (zone: string) => (d: Date) => wallClock(zone)(d.getTime()).toISOString().slice(0, 16);

describe('explorer timeline ticks in the crisis time zone', () => {
  it('a 2015–2025 crisis in New York ticks on New Year in New York, labelled by year, never "31 Dec"', () => {
    const zone = 'America/New_York';
    const lo = Date.parse('2015-01-01T05:00:00Z');
    const hi = Date.parse('2025-12-31T05:00:00Z');
    const { ticks, labels } = zonedTicks(lo, hi, 7, zone);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks.length).toBeLessThanOrEqual(7);
    // Each tick is a year's start in the zone: 05:00 UTC (EST), not midnight UTC.
    for (const d of ticks) expect(wallText(zone)(d)).toMatch(/^\d{4}-01-01T00:00$/);
    const texts = ticks.map((d) => labels.get(d.getTime())!);
    for (const t of texts) expect(t).toMatch(/^\d{4}$/);
    expect(texts).toEqual(ticks.map((d) => wallText(zone)(d).slice(0, 4)));
    expect(texts.join(' ')).not.toContain('Dec');
  });

  it('a range of months ticks on the 1st in the zone, labelled by month, the year under the first and where it changes', () => {
    const zone = 'America/New_York';
    const lo = Date.parse('2019-10-10T00:00:00Z');
    const hi = Date.parse('2020-04-20T00:00:00Z');
    const { ticks, labels } = zonedTicks(lo, hi, 8, zone);
    for (const d of ticks) expect(wallText(zone)(d)).toMatch(/^\d{4}-\d{2}-01T00:00$/);
    expect(ticks.map((d) => labels.get(d.getTime()))).toEqual(['Nov\n2019', 'Dec', 'Jan\n2020', 'Feb', 'Mar', 'Apr']);
  });

  it('a short crisis ticks on whole hours of the zone, across a clock change, with the day where it changes', () => {
    // Clocks go back in New York at 2019-11-03 02:00 EDT: the hour 01:00 happens twice.
    const zone = 'America/New_York';
    const lo = Date.parse('2019-11-02T12:00:00Z');
    const hi = lo + 48 * HOUR;
    const { ticks, labels } = zonedTicks(lo, hi, 8, zone);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    for (const d of ticks) expect(wallText(zone)(d)).toMatch(/T(00|06|12|18):00$/);
    const texts = ticks.map((d) => labels.get(d.getTime())!);
    expect(texts[0]).toBe('12:00\n2 Nov');
    expect(texts).toContain('00:00\n3 Nov');
    expect(texts).toContain('06:00');
    // Position and label agree on every tick: the label is the tick's own wall-clock time.
    for (const d of ticks) expect(labels.get(d.getTime())!.split('\n')[0]).toBe(wallText(zone)(d).slice(11));
  });

  it('in a zone ahead of UTC, midnights are local midnights (the day before in UTC)', () => {
    const zone = 'Asia/Tokyo';
    const lo = Date.parse('2024-10-01T00:00:00Z');
    const hi = lo + 10 * 24 * HOUR;
    const { ticks, labels } = zonedTicks(lo, hi, 6, zone);
    for (const d of ticks) {
      expect(d.getUTCHours()).toBe(15);
      expect(wallText(zone)(d)).toMatch(/T00:00$/);
    }
    expect(labels.get(ticks[0]!.getTime())).toBe('3\nOct');
  });
});
