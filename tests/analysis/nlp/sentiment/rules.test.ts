/**
 * One test per rule of the lexicon scorer (mode 'rules'), plus the same
 * behaviours through the default hybrid scorer where the brief requires it.
 */
import { describe, expect, it } from 'vitest';
import { createSentimentScorer } from '../../../../src/analysis/nlp/sentiment/index.ts';
import { analyzeRules } from '../../../../src/analysis/nlp/sentiment/rules.ts';
import { tokenize } from '../../../../src/analysis/nlp/sentiment/tokenize.ts';

const rules = createSentimentScorer({ mode: 'rules' });
const hybrid = createSentimentScorer();
const sum = (text: string): number => analyzeRules(tokenize(text)).sum;

describe('sentiment rules', () => {
  it('negation flips polarity ("not good", "don\'t like", "never again")', () => {
    expect(sum('the flight was good')).toBeGreaterThan(0);
    expect(sum('the flight was not good')).toBeLessThan(0);
    expect(sum('not bad at all')).toBeGreaterThan(0);
    expect(rules("I don't hate it").label).toBe('positive');
    expect(rules('I will never fly with you again').label).toBe('negative');
  });

  it('negation scope stops at clause punctuation', () => {
    expect(sum('not sure. the crew was great')).toBeCloseTo(sum('the crew was great'), 5);
  });

  it('intensifiers, ALL CAPS and "!!!" raise magnitude', () => {
    const base = sum('the flight was good');
    expect(sum('the flight was very good')).toBeGreaterThan(base);
    expect(sum('the flight was extremely good')).toBeGreaterThan(base);
    expect(sum('the flight was GOOD')).toBeGreaterThan(base);
    expect(sum('the flight was good!!!')).toBeGreaterThan(base);
    expect(sum('the flight was slightly good')).toBeLessThan(base);
  });

  it('"but" contrast: the clause after it weighs more', () => {
    expect(rules('the crew was nice but the flight was 3 hours late').label).toBe('negative');
    expect(rules('the flight was late but the crew was amazing').label).toBe('positive');
    expect(analyzeRules(tokenize('nice crew but late')).contrast).toBe(true);
  });

  it('emoji and emoticons carry sentiment', () => {
    expect(rules('the flight 😡').label).toBe('negative');
    expect(rules('my bag 👍').label).toBe('positive');
    expect(rules('thanks 🙏').label).toBe('positive');
    expect(rules('landed :)').label).toBe('positive');
    expect(rules('landed :(').label).toBe('negative');
  });

  it('customer-service cues generic lexicons miss are negative', () => {
    for (const text of [
      'still waiting for my refund',
      'on hold for 2 hours',
      'no one is responding to my emails',
      'you lost my bag',
      'my flight was delayed',
      'flight cancelled',
      'worst airline ever',
      'thanks for nothing',
    ]) {
      expect(rules(text).label, text).toBe('negative');
    }
  });

  it('sarcastic thanks after a complaint is negative; sincere thanks positive', () => {
    const sarcastic = analyzeRules(tokenize('Delayed 4 hours and no info. Thanks a lot'));
    expect(sarcastic.cues).toContain('sarcasm');
    expect(sarcastic.compound).toBeLessThan(0);
    expect(rules('Thanks a lot, you were great').label).toBe('positive');
    expect(rules('thank you so much!').label).toBe('positive');
    expect(rules('Thank you').label).toBe('positive');
  });

  it('hashtags count, with emphasis (#fail)', () => {
    expect(rules('#fail').label).toBe('negative');
    expect(rules('another day, another #unitedfail').label).toBe('negative');
  });

  it('neutral questions and plain information stay neutral', () => {
    for (const text of [
      'what time does the flight leave?',
      'Is there wifi on flight 123?',
      'Can I bring my dog on board?',
      '@united check out https://t.co/xyz',
    ]) {
      expect(rules(text).label, text).toBe('neutral');
    }
  });
});

describe('hybrid scorer on the same behaviours', () => {
  it('negation', () => {
    expect(hybrid('the flight was good').label).toBe('positive');
    expect(hybrid('the flight was not good').label).toBe('negative');
    expect(hybrid('the flight was not great').label).toBe('negative');
  });

  it('"but" contrast', () => {
    expect(hybrid('the crew was nice but the flight was 3 hours late').label).toBe('negative');
    expect(hybrid('the flight was late but the crew was amazing').label).toBe('positive');
  });

  it('emoji', () => {
    expect(hybrid('the flight 😡').label).toBe('negative');
    expect(hybrid('great flight 👍').label).toBe('positive');
    expect(hybrid('thanks for the help 🙏').label).toBe('positive');
  });

  it('customer-service cues', () => {
    expect(hybrid('still waiting for my refund').label).toBe('negative');
    expect(hybrid('on hold for 2 hours').label).toBe('negative');
    expect(hybrid('no one is responding to my emails').label).toBe('negative');
    expect(hybrid('you lost my bag').label).toBe('negative');
    expect(hybrid('Delayed 4 hours and no info. Thanks a lot').label).toBe('negative');
  });

  it('thanks', () => {
    expect(hybrid('thank you so much!').label).toBe('positive');
    expect(hybrid('Thank you').label).toBe('positive');
  });

  it('neutral questions', () => {
    expect(hybrid('what time does the flight leave?').label).toBe('neutral');
    expect(hybrid('Is there wifi on flight 123?').label).toBe('neutral');
    expect(hybrid('Can I bring my dog on board?').label).toBe('neutral');
  });
});
