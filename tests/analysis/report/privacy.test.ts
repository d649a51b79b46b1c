import { describe, expect, it } from 'vitest';
import { brandWords, createPrivacy, filterDeep, isBrandHandle, maskPersonalData, maskPersonalDataExhaustive, pseudonym, pseudonymizeMentions } from '../../../src/analysis/report/privacy.ts';

describe('maskPersonalData', () => {
  it('masks e-mail addresses', () => {
    expect(maskPersonalData('write to jane.doe+lock@example.co.uk now')).toBe('write to [email] now');
    expect(maskPersonalData('two: a@b.io, c_d@e-f.com')).toBe('two: [email], [email]');
  });

  it('masks phone numbers in common formats', () => {
    for (const phone of ['555-123-4567', '(555) 123-4567', '555.123.4567', '+1 555 123 4567', '+44 20 7946 0958', '+15551234567', '5551234567']) {
      expect(maskPersonalData(`call me on ${phone} please`), phone).toBe('call me on [phone] please');
    }
  });

  it('leaves handles, dates, times, money, ids in URLs and short numbers alone', () => {
    const text = '@united flight 1234 on 2015-02-24 at 10:30 cost $1,250 https://t.co/abc/570307876897628160 gate 12';
    expect(maskPersonalData(text)).toBe(text);
  });

  it('masks order numbers, serials and names too', () => {
    expect(maskPersonalData('order #12345, serial SN-4F7K29QX. Regards, Simone Romero')).toBe('order #[order], serial [serial]. Regards, [name]');
  });
});

describe('pseudonyms', () => {
  it('are stable per salt and case-insensitive, and differ across salts', () => {
    expect(pseudonym('@JaneDoe', 'acme')).toBe(pseudonym('janedoe', 'acme'));
    expect(pseudonym('janedoe', 'acme')).toMatch(/^user-[0-9a-f]{6}$/);
    expect(pseudonym('janedoe', 'acme')).not.toBe(pseudonym('janedoe', 'other'));
  });

  it('recognise brand handles with or without @, any case', () => {
    expect(isBrandHandle('@United', ['united'])).toBe(true);
    expect(isBrandHandle('unitedfan', ['united'])).toBe(false);
  });

  it('replace mentions of private people but keep brand mentions and e-mail addresses', () => {
    const out = pseudonymizeMentions('@united @jane thanks, mail jane@example.com', ['United'], 's');
    expect(out).toBe(`@united @${pseudonym('jane', 's')} thanks, mail jane@example.com`);
  });
});

describe('createPrivacy', () => {
  const brand = ['AcmeHelp'];
  it('does nothing when both settings are off', () => {
    const p = createPrivacy({ maskPersonalData: false, pseudonymizeAuthors: false }, brand, 's');
    expect(p.text('@bob mail bob@x.org')).toBe('@bob mail bob@x.org');
    expect(p.author('bob')).toBe('bob');
  });

  it('masks and pseudonymises as configured; brand authors stay', () => {
    const p = createPrivacy({ maskPersonalData: true, pseudonymizeAuthors: true }, brand, 's', new Set(['bob']));
    expect(p.text('@bob mail bob@x.org')).toBe(`@${pseudonym('bob', 's')} mail [email]`);
    expect(p.author('bob')).toBe(pseudonym('bob', 's'));
    expect(p.author('AcmeHelp')).toBe('AcmeHelp');
    expect(p.author('someone', true)).toBe('someone');
    expect(p.author(null)).toBeNull();
    expect(p.cell('bob')).toBe(pseudonym('bob', 's'));
    expect(p.cell(42)).toBe(42);
    expect(p.cell('call 555-123-4567')).toBe('call [phone]');
  });

  it('filters a report-like object deeply without touching ids, times or brand handles', () => {
    const p = createPrivacy({ maskPersonalData: true, pseudonymizeAuthors: true }, brand, 's');
    const out = filterDeep(
      { brandHandles: ['AcmeHelp'], posts: [{ messageId: '5551234567', at: '2024-01-01T00:00:00Z', author: 'bob', text: 'x@y.com' }], n: 3 },
      p,
    );
    expect(out).toEqual({ brandHandles: ['AcmeHelp'], posts: [{ messageId: '5551234567', at: '2024-01-01T00:00:00Z', author: pseudonym('bob', 's'), text: '[email]' }], n: 3 });
  });

  it('leaves lists of ids alone, which look like case numbers to the text masks', () => {
    const p = createPrivacy({ maskPersonalData: true, pseudonymizeAuthors: false }, brand, 's');
    expect(filterDeep({ exampleIds: ['case:48213', 'msg:5551234567'], text: 'case:48213' }, p)).toEqual({ exampleIds: ['case:48213', 'msg:5551234567'], text: 'case:[order]' });
  });
});

describe('maskPersonalData fast path', () => {
  // The shortcuts ("@" inside a word, digit counts, capital runs, keyword and name triggers)
  // must never change an output: compared with every pattern applied to every text.
  it('masks exactly what the full patterns mask', () => {
    const pieces = [
      'call', '12', '555-123-4567', '(555) 123 4567', '+44 20 7946 0958', '5551234567', 'a.b@c.de', 'x@y', '@united', '1234567', '12 345 678', '٣٤٥', '+1',
      'order 99887766554', 'mail me: joe.bloggs+x@mail.example.co.uk', '.', ' ', '\n', '12-345-678', ',', '!',
      'Hi', 'hi', 'Hey', 'Dear', 'Mr.', 'Dr', 'Sorry', 'Good morning', 'my name is', "I'm", 'Regards,', 'Thanks', 'Best,', 'Cheers', 'Thank you',
      'Becca', 'Chen', 'Simone', 'Varun', 'Émile', 'C.', 'there', 'Apple', 'Latchly', 'Obama', 'Bureau', 'Pepper', 'Customer',
      '^', 'KM', '^LOL', '/', 'LS', ' /PB', '-', '–', '~', 'Sabi', 'Thanks-Emir', 'https://t.co/Abc-Def', '😀',
      'order', 'order #', 'serial', 'S/N:', 'ſerial', 'ticket', 'Case ID', 'FF#', '123456789', '4455-6677', 'SN-4F7K29QX', 'XX/XX/2019', '2019',
      '1HGCM82633A004352', '490154203237518', '35-209900-176148-1', '12:45', '$1,299.00',
    ];
    const keep = brandWords(['LatchlySupport']);
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let k = 0; k < 5000; k++) {
      const n = 1 + (next() % 8);
      const text = Array.from({ length: n }, () => pieces[next() % pieces.length]).join(next() % 2 ? ' ' : '');
      expect(maskPersonalData(text, keep), text).toBe(maskPersonalDataExhaustive(text, keep));
    }
  });

  it('keeps the e-mail and phone patterns as they were', () => {
    // The patterns before names and identifiers existed, on texts holding neither.
    const reference = (text: string) =>
      text
        .replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, '[email]')
        .replace(/(?<![\w+/])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?|\d{2,4}[\s.-])\d{3,4}[\s.-]\d{3,4}(?![\w/])/g, '[phone]')
        .replace(/(?<![\w+/.])\+?\d{10,13}(?![\w/])/g, '[phone]');
    const pieces = ['call', '12', '555-123-4567', '(555) 123 4567', '+44 20 7946 0958', '5551234567', 'a.b@c.de', 'x@y', '@united', '1234567', '12 345 678', '+1', '.', ' ', 'joe.bloggs+x@mail.example.co.uk'];
    let seed = 11;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let k = 0; k < 2000; k++) {
      const text = Array.from({ length: 1 + (next() % 6) }, () => pieces[next() % pieces.length]).join(next() % 2 ? ' ' : '');
      expect(maskPersonalData(text), text).toBe(reference(text));
    }
  });
});
