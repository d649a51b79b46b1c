import { describe, expect, it } from 'vitest';
import { maskImeis, maskKeywordIdentifiers, maskVins } from '../../../src/analysis/report/privacy-ids.ts';
import { maskPersonalData } from '../../../src/analysis/report/privacy.ts';

describe('serial and order numbers', () => {
  it('mask the value after a keyword, keeping the keyword', () => {
    const cases: [string, string][] = [
      ['serial SN-4F7K29QX', 'serial [serial]'],
      ['S/N: C02XK1ABJGH5', 'S/N: [serial]'],
      ['serial number is 4F7K29QX', 'serial number is [serial]'],
      ['IMEI 35-209900-176148-1', 'IMEI [serial]'],
      ['VIN 1HGCM82633A004352', 'VIN [serial]'],
      ['order #123456789', 'order #[order]'],
      ['Order# 3632693-6196346', 'Order# [order]'],
      ['order number 4455-6677', 'order number [order]'],
      ['ticket 12345678', 'ticket [order]'],
      ['case id # 8465981', 'case id # [order]'],
      ['Booking ref MP79V2', 'Booking ref [order]'],
      ['confirmation code KXJ4Q2', 'confirmation code [order]'],
      ['my AA FF# 94LXA62', 'my AA FF# [order]'],
      ['Tracking ID TBA566517950000', 'Tracking ID [order]'],
    ];
    for (const [text, expected] of cases) expect(maskKeywordIdentifiers(text), text).toBe(expected);
  });

  it('leave years, dates, times, prices, quantities, redactions and words after a keyword', () => {
    const kept = [
      'case 2019', 'order 2019-04-28', 'pre-order 10/27', 'ticket 10:45', 'order 12.99', 'order is 30minutes late', 'order 10am',
      'account XX/XX/2019', 'THE VIN WAS UNKNOWN', 'rewards 50000 miles', 'order 2 pizzas', 'reorder 12345678', 'ſerial 12345678',
    ];
    for (const text of kept) expect(maskKeywordIdentifiers(text), text).toBe(text);
  });

  it('mask free-standing VINs and Luhn-valid IMEIs only', () => {
    expect(maskVins('my 1HGCM82633A004352 stalled')).toBe('my [serial] stalled');
    // Lower case, I/O/Q, too few digits or letters, inside a URL: no VIN.
    for (const text of ['1hgcm82633a004352', '1HGCM82633I004352', 'ABCDEFGHJKLMN1234', '12345678901234567', 'https://x.io/1HGCM82633A004352']) {
      expect(maskVins(text), text).toBe(text);
    }
    expect(maskImeis('IMEI-less: 490154203237518')).toBe('IMEI-less: [serial]');
    expect(maskImeis('35-209900-176148-1')).toBe('[serial]');
    expect(maskImeis('490154203237519')).toBe('490154203237519'); // fails the Luhn check
    expect(maskImeis('104729358221467_1317400204386815')).toBe('104729358221467_1317400204386815'); // part of an id
  });

  it('come before phone numbers, so an order number of phone length reads [order]', () => {
    expect(maskPersonalData('order 99887766554 and call 555-123-4567')).toBe('order [order] and call [phone]');
  });

  it('leave model names, times, dates and prices', () => {
    const text = 'iPhone 15, Model 3, 2015 Camry, 10:45, 2019-04-28, $1,299.00, flight 1234';
    expect(maskPersonalData(text)).toBe(text);
  });
});
