import { describe, expect, it } from 'vitest';
import { afterAll, beforeAll } from 'vitest';
import { bucketGrid, bucketIndex, bucketIndexSql, bucketStart, chooseBucket, dateOnly, robustDomain, zoneOffsets } from '../../../src/analysis/crisis/buckets.ts';
import type { Engine } from '../../../src/analysis/engine/engine.ts';
import { openNodeEngine } from '../../../src/node/duckdb-node.ts';
import { businessHoursPredicate, localTimeIn } from '../../../src/analysis/crisis/local-time.ts';
import { t } from './helpers.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('bucket width', () => {
  it('takes the narrowest width giving at most 300 buckets', () => {
    expect(chooseBucket(0)).toBe('5m');
    expect(chooseBucket(12 * HOUR)).toBe('5m'); // 145 buckets
    expect(chooseBucket(2 * DAY)).toBe('15m'); // 193
    expect(chooseBucket(7.5 * DAY)).toBe('1h'); // 181
    expect(chooseBucket(30 * DAY)).toBe('3h'); // 241
    expect(chooseBucket(60 * DAY)).toBe('6h'); // 241
    expect(chooseBucket(200 * DAY)).toBe('1d');
    expect(chooseBucket(5 * 365 * DAY)).toBe('1w');
    expect(chooseBucket(12 * HOUR, DAY)).toBe('1d'); // date-only records
  });
});

describe('covered span', () => {
  it('leaves off stray records far from the bulk, and counts them', () => {
    const bulk = Array.from({ length: 1000 }, (_, i) => t('2017-10-01T00:00:00Z') + i * HOUR);
    const times = [t('2011-08-29T03:20:05Z'), t('2016-08-06T00:00:00Z'), ...bulk, t('2019-01-01T00:00:00Z')].sort((a, b) => a - b);
    const d = robustDomain(times)!;
    expect(d.start).toBe(bulk[0]);
    expect(d.end).toBe(bulk[999]);
    expect(d.excludedBefore).toBe(2);
    expect(d.excludedAfter).toBe(1);
  });

  it('keeps a record that is near the bulk in the curve\'s terms: an incident a day and a half before a week of others', () => {
    // Issue 10: the 0.5% quantile plus a 10% margin made this a "stray"; drawing it needs no coarser bucket than the bulk.
    const bulk = Array.from({ length: 890 }, (_, i) => t('2016-03-01T08:00:00Z') + i * 12 * 60_000);
    const leapDay = t('2016-02-29T00:16:00Z');
    const d = robustDomain([leapDay, ...bulk])!;
    expect(d).toEqual({ start: leapDay, end: bulk[889], excludedBefore: 0, excludedAfter: 0 });
    expect(chooseBucket(d.end - d.start)).toBe(chooseBucket(bulk[889] - bulk[0]));
    // Date-only records are bucketed by day at least, so more lead-in fits: five weeks before ten of daily data.
    const days = Array.from({ length: 1000 }, (_, i) => t('2019-03-01T00:00:00Z') + Math.floor(i / 100) * DAY);
    const early = t('2019-01-25T00:00:00Z');
    expect(robustDomain([early, ...days])!.excludedBefore).toBe(1);
    expect(robustDomain([early, ...days], DAY)!).toMatchObject({ start: early, excludedBefore: 0 });
  });

  it('keeps everything when the data is dense', () => {
    const times = Array.from({ length: 50 }, (_, i) => i * 60_000);
    expect(robustDomain(times)).toEqual({ start: 0, end: 49 * 60_000, excludedBefore: 0, excludedAfter: 0 });
    expect(robustDomain([])).toBeNull();
  });
});

describe('bucket grid', () => {
  it('aligns days to local midnight in the crisis time zone', () => {
    const start = t('2024-03-05T15:30:00Z'); // 10:30 EST
    const g = bucketGrid(start, start + 3 * DAY, '1d', 'America/New_York');
    expect(new Date(g.origin).toISOString()).toBe('2024-03-05T05:00:00.000Z'); // midnight EST
    expect(g.count).toBe(4);
    expect(bucketIndex(g, start)).toBe(0);
    expect(bucketStart(g, 1)).toBe(g.origin + DAY);
  });

  it('aligns weeks to Monday', () => {
    const g = bucketGrid(t('2024-03-07T12:00:00Z'), t('2024-03-30T00:00:00Z'), '1w', 'UTC');
    expect(new Date(g.origin).toISOString()).toBe('2024-03-04T00:00:00.000Z');
    expect(new Date(g.origin).getUTCDay()).toBe(1);
  });

  it('aligns sub-day buckets to the local clock (Asia/Kolkata is UTC+5:30)', () => {
    const g = bucketGrid(t('2024-01-01T00:10:00Z'), t('2024-01-02T00:00:00Z'), '3h', 'Asia/Kolkata');
    // 05:40 IST falls in the 03:00–06:00 IST bucket = 21:30 UTC the day before.
    expect(new Date(g.origin).toISOString()).toBe('2023-12-31T21:30:00.000Z');
  });
});

describe('calendar buckets across DST', () => {
  const zone = 'America/New_York';
  const start = t('2024-03-05T05:00:00Z'); // local midnight, EST
  const end = t('2024-03-20T04:00:00Z'); // local midnight, EDT
  const grid = bucketGrid(start, end, '1d', zone);

  it('finds the offset changes to the minute', () => {
    expect(zoneOffsets(zone, start, end)).toEqual({ from: [-Infinity, t('2024-03-10T07:00:00Z')], minutes: [-300, -240] });
    expect(zoneOffsets('UTC', start, end)).toEqual({ from: [-Infinity], minutes: [0] });
  });

  it('starts every day at local midnight, before and after the change', () => {
    expect(grid.count).toBe(16);
    expect(new Date(bucketStart(grid, 4)).toISOString()).toBe('2024-03-09T05:00:00.000Z');
    expect(new Date(bucketStart(grid, 5)).toISOString()).toBe('2024-03-10T05:00:00.000Z'); // the 23-hour day
    expect(new Date(bucketStart(grid, 6)).toISOString()).toBe('2024-03-11T04:00:00.000Z');
    // A date-only record stamped at local midnight after the change stays on its own day.
    expect(bucketIndex(grid, t('2024-03-11T04:00:00Z'))).toBe(6);
    expect(bucketIndex(grid, t('2024-03-11T03:59:59Z'))).toBe(5);
  });

  describe('in SQL', () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await openNodeEngine();
    });
    afterAll(async () => {
      await engine.close();
    });

    it('gives the same index as TypeScript', async () => {
      const times = Array.from({ length: 200 }, (_, i) => start + i * 97 * 60_000 * 11);
      const rows = await engine.query(`SELECT ${bucketIndexSql(grid, 'ts')} AS b FROM (SELECT make_timestamp(CAST(unnest([${times.join(',')}]) AS BIGINT) * 1000) AS ts)`);
      expect(rows.map((r) => Number(r.b))).toEqual(times.map((x) => bucketIndex(grid, x)));
      const fixed = bucketGrid(start, end, '3h', zone);
      const rows3h = await engine.query(`SELECT ${bucketIndexSql(fixed, 'ts')} AS b FROM (SELECT make_timestamp(CAST(unnest([${times.join(',')}]) AS BIGINT) * 1000) AS ts)`);
      expect(rows3h.map((r) => Number(r.b))).toEqual(times.map((x) => bucketIndex(fixed, x)));
    });
  });

  it('recognises date-only records', () => {
    const days = Array.from({ length: 20 }, (_, i) => bucketStart(grid, i % 16));
    expect(dateOnly(days, zone)).toBe(true);
    expect(dateOnly(days, 'UTC')).toBe(false);
    expect(dateOnly(days.map((d) => d + 3_600_000), zone)).toBe(false);
  });

  it('weighs each distinct time by its count, as the explorer passes them: the same answer as the times one by one', () => {
    const midnight = bucketStart(grid, 3);
    // 89 records at midnight, 11 at noon: under 90% at midnight; 90 and 10: date-only.
    for (const [atMidnight, atNoon, expected] of [[89, 11, false], [90, 10, true]] as const) {
      const each = [...Array<number>(atMidnight).fill(midnight), ...Array<number>(atNoon).fill(midnight + 12 * HOUR)];
      expect(dateOnly(each, zone)).toBe(expected);
      expect(dateOnly([midnight, midnight + 12 * HOUR], zone, [atMidnight, atNoon])).toBe(expected);
    }
    // Fewer than ten records decide nothing, counted by weight.
    expect(dateOnly([midnight], zone, [9])).toBe(false);
    expect(dateOnly([midnight], zone, [10])).toBe(true);
  });
});

describe('local time', () => {
  it('follows DST in America/New_York (2024-03-10 and 2024-11-03)', () => {
    const ny = localTimeIn('America/New_York');
    expect(ny(t('2024-03-09T14:00:00Z'))).toMatchObject({ weekday: 6, hour: 9, offsetMinutes: -300 }); // Sat 09:00 EST
    expect(ny(t('2024-03-10T06:59:00Z'))).toMatchObject({ weekday: 7, hour: 1 }); // 01:59 EST
    expect(ny(t('2024-03-10T07:00:00Z'))).toMatchObject({ weekday: 7, hour: 3, offsetMinutes: -240 }); // clocks jump to 03:00 EDT
    expect(ny(t('2024-03-11T13:00:00Z'))).toMatchObject({ weekday: 1, hour: 9 }); // Mon 09:00 EDT
    expect(ny(t('2024-11-03T05:30:00Z'))).toMatchObject({ weekday: 7, hour: 1, offsetMinutes: -240 }); // first 01:30 (EDT)
    expect(ny(t('2024-11-03T06:30:00Z'))).toMatchObject({ weekday: 7, hour: 1, offsetMinutes: -300 }); // second 01:30 (EST)
    expect(ny(t('2024-11-04T14:00:00Z'))).toMatchObject({ weekday: 1, hour: 9 }); // Mon 09:00 EST
  });

  it('business hours: start inclusive, end exclusive, wrapping night shifts', () => {
    const day = businessHoursPredicate({ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' });
    expect(day({ weekday: 1, hour: 9, minuteOfDay: 540, offsetMinutes: 0 })).toBe(true);
    expect(day({ weekday: 1, hour: 17, minuteOfDay: 1020, offsetMinutes: 0 })).toBe(false);
    expect(day({ weekday: 6, hour: 10, minuteOfDay: 600, offsetMinutes: 0 })).toBe(false);
    const night = businessHoursPredicate({ days: [1, 2, 3, 4, 5, 6, 7], start: '22:00', end: '06:00' });
    expect(night({ weekday: 3, hour: 23, minuteOfDay: 1380, offsetMinutes: 0 })).toBe(true);
    expect(night({ weekday: 3, hour: 5, minuteOfDay: 300, offsetMinutes: 0 })).toBe(true);
    expect(night({ weekday: 3, hour: 12, minuteOfDay: 720, offsetMinutes: 0 })).toBe(false);
    const allDay = businessHoursPredicate({ days: [1], start: '00:00', end: '24:00' });
    expect(allDay({ weekday: 1, hour: 23, minuteOfDay: 1439, offsetMinutes: 0 })).toBe(true);
  });
});
