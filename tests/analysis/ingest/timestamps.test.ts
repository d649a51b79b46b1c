import { describe, expect, it } from 'vitest';
import { parseTimestamp, suggestDateFormat } from '../../../src/analysis/ingest/timestamps.ts';
import { zonedWallToUtc } from '../../../src/analysis/core/time-zones.ts';

const iso = (text: string, options?: Parameters<typeof parseTimestamp>[1]) => {
  const r = parseTimestamp(text, options);
  return r.ok ? new Date(r.ms).toISOString() : `${r.reason}: ${r.detail}`;
};

describe('parseTimestamp', () => {
  it.each([
    ['Tue Oct 31 22:10:47 +0000 2017', '2017-10-31T22:10:47.000Z'],
    ['2015-02-24 11:35:52 -0800', '2015-02-24T19:35:52.000Z'],
    ['2017-10-31T22:10:47.5Z', '2017-10-31T22:10:47.500Z'],
    ['2017-10-31T22:10:47+05:30', '2017-10-31T16:40:47.000Z'],
    ['2019/1/9', '2019-01-09T00:00:00.000Z'],
    ['3/18/2020 1:05 PM', '2020-03-18T13:05:00.000Z'],
    ['3/18/2020 12:05 AM', '2020-03-18T00:05:00.000Z'],
    ['19950103', '1995-01-03T00:00:00.000Z'],
    ['Tue, 31 Oct 2017 22:10:47 +0000', '2017-10-31T22:10:47.000Z'],
    ['1509487847', '2017-10-31T22:10:47.000Z'],
    ['1509487847123', '2017-10-31T22:10:47.123Z'],
  ])('%s', (text, expected) => expect(iso(text)).toBe(expected));

  it('reads wall times in the given zone, with DST', () => {
    expect(iso('2024-07-01 12:00', { zone: 'America/Chicago' })).toBe('2024-07-01T17:00:00.000Z');
    expect(iso('2024-01-15 12:00', { zone: 'America/Chicago' })).toBe('2024-01-15T18:00:00.000Z');
    expect(iso('31.10.2017 22:10', { zone: 'Europe/Berlin' })).toBe('2017-10-31T21:10:00.000Z');
  });

  it('moves a wall time in a spring-forward gap forward and takes the earlier instant in a fall-back overlap', () => {
    expect(new Date(zonedWallToUtc(Date.UTC(2021, 2, 28, 2, 30), 'Europe/Berlin')).toISOString()).toBe('2021-03-28T01:30:00.000Z');
    expect(new Date(zonedWallToUtc(Date.UTC(2021, 9, 31, 2, 30), 'Europe/Berlin')).toISOString()).toBe('2021-10-31T00:30:00.000Z');
  });

  it('follows an explicit dateFormat', () => {
    expect(iso('12.03.2024 09:15', { format: 'DD.MM.YYYY HH:mm', zone: 'America/Chicago' })).toBe('2024-03-12T14:15:00.000Z');
    expect(iso('03-12-2024 9:15 PM', { format: 'MM-DD-YYYY h:mm A' })).toBe('2024-03-12T21:15:00.000Z');
    expect(iso('2024-03-12', { format: 'DD.MM.YYYY' })).toMatch(/^unparseable timestamp: .*does not match dateFormat/);
  });

  it('tells unparseable from impossible', () => {
    expect(iso('yesterday')).toMatch(/^unparseable timestamp/);
    expect(iso('2019-02-29')).toBe('impossible date: "2019-02-29": day 29 does not exist in 2019-02');
    expect(iso('2020-02-29')).toBe('2020-02-29T00:00:00.000Z');
    expect(iso('2019-13-01')).toMatch(/^impossible date: .*month 13/);
    expect(iso('2019-01-01 24:30')).toMatch(/^impossible date/);
  });
});

describe('suggestDateFormat (issue 10: a DD-MM-YYYY log rejected whole under auto-detection)', () => {
  it('offers a dateFormat that reads the value, leap days included, in the rejection detail', () => {
    expect(suggestDateFormat('29-02-2016 01:16')).toBe('"D-M-YYYY H:mm"');
    expect(iso('29-02-2016 01:16', { format: 'D-M-YYYY H:mm', zone: 'Europe/Amsterdam' })).toBe('2016-02-29T00:16:00.000Z');
    expect(iso('29-02-2016 01:16')).toBe('unparseable timestamp: "29-02-2016 01:16" is not a date/time format Debrief knows; set dateFormat for this source, e.g. dateFormat: "D-M-YYYY H:mm"');
    // Read the US way, 29/2/2016 is impossible; the detail says how to read it day first.
    expect(iso('29/2/2016 01:16')).toBe('impossible date: "29/2/2016 01:16": month 29 does not exist; set dateFormat for this source, e.g. dateFormat: "D/M/YYYY H:mm"');
  });

  it('offers both readings when no part tells day from month, and nothing when no simple format reads the value', () => {
    expect(suggestDateFormat('01-03-2016 09:04')).toBe('"D-M-YYYY H:mm" (or "M-D-YYYY H:mm" when the month comes first)');
    expect(suggestDateFormat('03-29-2016 1:05 PM')).toBe('"M-D-YYYY h:mm A"');
    expect(suggestDateFormat('29-02-2015')).toBeNull(); // no 29 February in 2015, either way round
    expect(suggestDateFormat('29-02-16 01:16')).toBeNull();
    expect(suggestDateFormat('yesterday')).toBeNull();
    expect(iso('31.02.2024 10:00')).toBe('impossible date: "31.02.2024 10:00": day 31 does not exist in 2024-02');
  });
});
