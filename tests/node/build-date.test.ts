/** The build date is the site's only clock: SOURCE_DATE_EPOCH when set, else noon UTC of the day, whatever the hour. */
import { describe, expect, it } from 'vitest';
import { buildDate, buildTime } from '../../src/node/build-date.ts';

describe('buildTime', () => {
  it('is SOURCE_DATE_EPOCH (seconds) when set, without reading the clock', () => {
    const t = buildTime({ SOURCE_DATE_EPOCH: '1729512000' }, () => expect.fail('the clock was read'));
    expect(t).toBe(1_729_512_000_000);
    expect(buildDate(t)).toBe('2024-10-21');
  });

  it('is the same for every moment of one UTC day, and noon of that day', () => {
    const at = (iso: string) => buildTime({}, () => Date.parse(iso));
    expect(at('2024-10-21T00:00:00Z')).toBe(at('2024-10-21T23:59:59.999Z'));
    expect(new Date(at('2024-10-21T07:31:00Z')).toISOString()).toBe('2024-10-21T12:00:00.000Z');
    expect(at('2024-10-22T00:00:00Z')).not.toBe(at('2024-10-21T23:59:59Z'));
  });

  it('refuses a SOURCE_DATE_EPOCH that is not whole seconds, saying what to set', () => {
    expect(() => buildTime({ SOURCE_DATE_EPOCH: '2024-10-21' })).toThrow('SOURCE_DATE_EPOCH="2024-10-21" is not a whole number of seconds since 1970-01-01: unset it, or set it to a time such as $(date +%s)');
  });
});
