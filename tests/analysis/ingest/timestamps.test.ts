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

  it('reads X\'s own form by character exactly as the pattern reads it written with a colon in its offset', () => {
    // Random texts of that shape (letters of any case, any digits: impossible days, months and times too, a sign or
    // a wrong character here and there), each against the same text with `+HH:MM`, which only the pattern reads.
    let seed = 7;
    const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const pick = (chars: string) => chars[random(chars.length)]!;
    const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const months = ['Jan', 'FEB', 'mar', 'Apr', 'May', 'jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Foo'];
    const digits = (n: number, max = 10) => Array.from({ length: n }, () => String(random(max))).join('');
    let read = 0;
    const refused = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const day = random(4) === 0 ? digits(2) : String(1 + random(31)).padStart(2, '0');
      const time = random(4) === 0 ? `${digits(2)}:${digits(2)}:${digits(2)}` : `${digits(1, 3)}${digits(1)}:${digits(1, 6)}${digits(1)}:${digits(1, 6)}${digits(1)}`;
      const sign = pick('+-+-x');
      const zone = `${digits(2, 2)}${digits(2, 6)}`;
      const year = random(5) === 0 ? digits(4) : String(1965 + random(140));
      const weekday = pick(letters) + pick(letters) + (random(50) === 0 ? '1' : pick(letters));
      const text = `${weekday} ${months[random(months.length)]} ${day} ${time} ${sign}${zone} ${year}`;
      const colon = `${weekday} ${text.slice(4, 20)}${sign}${zone.slice(0, 2)}:${zone.slice(2)} ${year}`;
      const fast = parseTimestamp(text);
      const slow = parseTimestamp(colon);
      expect(text).toHaveLength(30);
      expect(fast.ok, text).toBe(slow.ok);
      if (fast.ok && slow.ok) {
        expect(fast.ms, text).toBe(slow.ms);
        read++;
      } else if (!fast.ok && !slow.ok) {
        expect(fast.reason, text).toBe(slow.reason);
        expect(fast.detail, text).toBe(slow.detail.replace(colon, text));
        refused.add(fast.reason);
      }
    }
    // A fifth are dates that exist; the rest are refused for the same reason either way, of both kinds.
    expect(read).toBeGreaterThan(3_000);
    expect([...refused].sort()).toEqual(['impossible date', 'unparseable timestamp']);
    expect(iso('Tue Oct 31 22:10:47 -0130 2017')).toBe('2017-10-31T23:40:47.000Z');
    expect(iso('tue oct 31 22:10:47 +0000 2017')).toBe('2017-10-31T22:10:47.000Z');
    expect(iso('Tue Oct  1 22:10:47 +0000 2017')).toMatch(/^unparseable timestamp/);
  });

  it('counts the days of every month as Date.UTC does, years 0–99 read as 1900–1999 included', () => {
    const years = [...Array.from({ length: 120 }, (_, y) => y), ...Array.from({ length: 221 }, (_, i) => 1890 + i)];
    for (const y of years) {
      for (let mo = 1; mo <= 12; mo++) {
        for (let d = 28; d <= 31; d++) {
          const text = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${d}`;
          const r = parseTimestamp(text);
          const exists = new Date(Date.UTC(y, mo, 0)).getUTCDate() >= d;
          if (!exists) expect(!r.ok && r.detail, text).toContain(`day ${d} does not exist`);
          else if (y < 1970 || y > 2100) expect(!r.ok && r.detail, text).toContain('is outside 1970–2100');
          else expect(r.ok && r.ms, text).toBe(Date.UTC(y, mo - 1, d));
        }
      }
    }
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
