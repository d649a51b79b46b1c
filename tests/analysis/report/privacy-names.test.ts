import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { brandWords, createPrivacy, filterDeep, maskPersonalData, maskPersonalDataExhaustive } from '../../../src/analysis/report/privacy.ts';
import { maskNames } from '../../../src/analysis/report/privacy-names.ts';
import { sharedData } from '../../helpers/shared-data.ts';

interface FixtureLine {
  source: string;
  id?: string;
  text: string;
  masked?: string;
}

/** The lines of a fixture, each labelled by its tweet id or its line number. */
const fixture = (name: string): (FixtureLine & { label: string })[] =>
  readFileSync(path.resolve(import.meta.dirname, '../../fixtures/privacy', name), 'utf8')
    .trim()
    .split('\n')
    .map((line, i) => {
      const parsed = JSON.parse(line) as FixtureLine;
      return { ...parsed, label: parsed.id ?? `line ${i + 1}` };
    });

// Lines written for the tests speak of the sample crisis's brand; real lines are masked with no brand words.
const LATCHLY = brandWords(['LatchlySupport', 'Latchly']);
const keepFor = (source: string): ReadonlySet<string> => (source === 'written' ? LATCHLY : new Set());

describe('masking real-shaped lines (tests/fixtures/privacy)', () => {
  const masked = fixture('masked.jsonl');
  const kept = fixture('kept.jsonl');

  it('holds 30+ real lines from the shared data sets', () => {
    expect(masked.filter((l) => l.source !== 'written').length).toBeGreaterThanOrEqual(30);
  });

  it.each(masked)('masks names, serials and orders: $source $label', ({ source, text, masked: expected }) => {
    expect(maskPersonalData(text, keepFor(source))).toBe(expected);
    // Tokens are never taken for data again.
    expect(maskPersonalData(expected!, keepFor(source))).toBe(expected);
  });

  it.each(kept)('keeps brands, ordinary words, dates, prices and models: $source $label', ({ source, text }) => {
    expect(maskPersonalData(text, keepFor(source))).toBe(text);
  });
});

describe('names', () => {
  const none = new Set<string>();

  it('mask a word the lexicon does not know only where the place leaves no doubt', () => {
    expect(maskNames('Hey Varun, please DM us', none)).toBe('Hey [name], please DM us');
    expect(maskNames('Hey Varun why is it down', none)).toBe('Hey Varun why is it down');
    expect(maskNames('Hey Chris why is it down', none)).toBe('Hey [name] why is it down');
  });

  it('mask a first name opening or closing a phrase, and greetings and sign-offs in other forms', () => {
    expect(maskNames("'@dylan_in_nyc Dylan, we hear you", none)).toBe("'@dylan_in_nyc [name], we hear you");
    expect(maskNames('Good news, Nicole: firmware 4.2.1 fixes this.', none)).toBe('Good news, [name]: firmware 4.2.1 fixes this.');
    expect(maskNames('Hola Zuzy, lamento las molestias', none)).toBe('Hola [name], lamento las molestias');
    expect(maskNames('we can assist you better. Rgds, Ganesh', none)).toBe('we can assist you better. Rgds, [name]');
    // Names that are also words count where the place leaves no doubt.
    expect(maskNames('Hi Frank, we apologize', none)).toBe('Hi [name], we apologize');
    expect(maskNames('Hi, The app crashes', none)).toBe('Hi, The app crashes');
    expect(maskNames('Austin, TX is hot', none)).toBe('Austin, TX is hot');
  });

  it('take a surname, an initial or an ordinary-word surname', () => {
    expect(maskNames('Regards, Simone White', none)).toBe('Regards, [name]');
    expect(maskNames('Thanks Simone White for the help', none)).toBe('Thanks [name] for the help');
    expect(maskNames('Dear Olivia T. Kelly,', none)).toBe('Dear [name],');
    expect(maskNames("Hi Becca's mum here", none)).toBe("Hi [name]'s mum here");
  });

  it('leave public figures the lexicon knows, possessors, organisations and title brands', () => {
    for (const text of ['Thanks Obama', 'Hi Barack Obama, nice speech', "Hey, Taylor Swift's album is out", 'Dear Consumer Financial Protection Bureau,', 'Dear Bank Of Somewhere,', 'a Dr. Pepper please']) {
      expect(maskNames(text, none), text).toBe(text);
    }
  });

  it('mask agent signatures in the forms brand replies use', () => {
    const cases: [string, string][] = [
      ['DM us ^KM', 'DM us ^[name]'],
      ['DM us ^Tanuj https://t.co/iuwZCjz4Or', 'DM us ^[name] https://t.co/iuwZCjz4Or'],
      ["We'll check backstage /HC https://t.co/ldFdZRiNAt", "We'll check backstage /[name] https://t.co/ldFdZRiNAt"],
      ['Woohoo! -Sabi', 'Woohoo! -[name]'],
      ['see you there!- Anwar 😀', 'see you there!- [name] 😀'],
      ['please check.Thanks-Emir', 'please check.Thanks-[name]'],
      ['Try again. – Jo, Latchly Support', 'Try again. – [name], Latchly Support'],
      ['via email soon-Yana', 'via email soon-[name]'],
      ['DM me. *JPL', 'DM me. *[name]'],
      ['Shoot me a DM! *DannyHarvey https://t.co/x', 'Shoot me a DM! *[name] https://t.co/x'],
      ["I'll get this passed on. Enjoy! / Beth", "I'll get this passed on. Enjoy! / [name]"],
      ['Merci :) . ^ Ko', 'Merci :) . ^ [name]'],
      ['Which store did you buy this from? Robbie', 'Which store did you buy this from? [name]'],
    ];
    for (const [text, expected] of cases) expect(maskNames(text, LATCHLY), text).toBe(expected);
  });

  it('leave marks that are no signature', () => {
    const notSignatures = [
      'x^2 is wrong', 'open 24/7 and/or later', 'get the new Wi-Fi', 'switched to T-Mobile', 'go to https://t.co/Abc-Def', 'great service - Delta',
      'that is so ^LOL', 'so tired *sigh*', 'a protest, anti-Trump', 'answer yes / No', '@united just added one. Ty', 'I love Paris. Jordan',
    ];
    for (const text of notSignatures) {
      expect(maskNames(text, none), text).toBe(text);
    }
  });

  it("never mask the crisis's brand words, from its handles", () => {
    expect([...brandWords(['@LatchlySupport', 'Latchly_Official'])].sort()).toEqual(['latchly', 'latchly_official', 'latchlysupport', 'official', 'support']);
    const brandNamedBecca = createPrivacy({ maskPersonalData: true, pseudonymizeAuthors: false }, ['BeccaHome'], 's');
    expect(brandNamedBecca.text('Hi Becca, my lock is stuck')).toBe('Hi Becca, my lock is stuck');
    const latchly = createPrivacy({ maskPersonalData: true, pseudonymizeAuthors: false }, ['LatchlySupport'], 's');
    expect(latchly.text('Hi Becca, my lock is stuck')).toBe('Hi [name], my lock is stuck');
    expect(latchly.text('Hi Latchly, my lock is stuck')).toBe('Hi Latchly, my lock is stuck');
  });

  it('follow the maskPersonalData switch and reach report strings', () => {
    const off = createPrivacy({ maskPersonalData: false, pseudonymizeAuthors: false }, [], 's');
    expect(off.text('Regards, Simone Romero, order #123456789')).toBe('Regards, Simone Romero, order #123456789');
    const on = createPrivacy({ maskPersonalData: true, pseudonymizeAuthors: false }, [], 's');
    expect(filterDeep({ examples: ['Regards, Simone Romero'], messageId: 'Regards, Simone Romero' }, on)).toEqual({ examples: ['Regards, [name]'], messageId: 'Regards, Simone Romero' });
  });
});

describe('masking on real tweets (shared data)', () => {
  const texts = (relative: string, column = 'text'): string[] => {
    const file = sharedData(relative);
    if (!file.exists) return [];
    const rows = Papa.parse<Record<string, string>>(readFileSync(file.path, 'utf8').replace(/^\uFEFF/, ''), { header: true }).data;
    return rows.map((r) => r[column]).filter((t): t is string => typeof t === 'string' && t.length > 0);
  };
  const random = texts('twcs-random-5k/twcs_small.csv');
  const spotify = texts('twcs-brand-replies/SpotifyCares.csv');

  it.skipIf(random.length === 0)('gives the fast path the output of every pattern on 5,000 real tweets', () => {
    for (const text of random) expect(maskPersonalData(text), text).toBe(maskPersonalDataExhaustive(text));
  });

  it.skipIf(spotify.length === 0)("masks every Spotify agent's /XX signature and never the brand", () => {
    const signed = spotify.filter((t) => /\s\/[A-Z]{2,3}(?:\s+https?:\/\/\S+)*\s*$/.test(t));
    expect(signed.length).toBeGreaterThan(10_000);
    const keep = brandWords(['SpotifyCares']);
    for (const text of signed) {
      const out = maskPersonalData(text, keep);
      expect(out, text).toMatch(/\/\[name\](?:\s+https?:\/\/\S+)*\s*$/);
      expect(out.match(/Spotify/g)?.length ?? 0, text).toBe(text.match(/Spotify/g)?.length ?? 0);
    }
  });
});
