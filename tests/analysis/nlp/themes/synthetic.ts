/**
 * Small made-up crisis data with known answers, for unit tests.
 * Deterministic: variation comes from fixed word lists, not randomness.
 */
import type { TextMessage } from '../../../../src/analysis/nlp/phrases/types.ts';

const HOUR = 3_600_000;
export const T0 = Date.UTC(2024, 0, 10, 0, 0, 0);


/** Complaint templates per topic; `{n}` and `{c}` vary deterministically. */
export const TOPICS = {
  battery: [
    '@AcmePhone my battery overheats and the charger gets hot {c}',
    'the battery drains in an hour, charger does nothing @AcmePhone',
    'battery swelling on my phone, is the charger safe? https://t.co/abc{n}',
    'Phone battery got so hot it burned my hand, charger unplugged now',
    '@AcmePhone battery fire risk?? my charger smells burnt',
  ],
  refund: [
    '@AcmePhone still waiting for my refund after {n} days',
    'where is my refund, returned the order weeks ago {c}',
    'refund never arrived, customer support keeps saying wait',
    'I want a refund for this order @AcmePhone',
  ],
  screen: [
    'my screen cracked after one drop {c}',
    'screen flickers green every morning @AcmePhone',
    'cracked screen again, the glass is so thin',
    'touch screen stopped responding after the update {n}',
  ],
} as const;

/** Boilerplate a brand or customer might write; must never become a theme. */
export const BOILERPLATE_TEXTS = [
  '@AcmePhone please DM us your details and we will look into it',
  'thanks so much! hello and good morning',
  'Hi @AcmePhone please help, thanks',
];

/** Deterministic filler: a per-message number (numbers never become phrases). */
function fill(template: string, i: number): string {
  return template.replace('{n}', String((i * 7) % 50 + 2)).replace('{c}', `#${1000 + i * 37}`);
}

/**
 * `count` messages on one topic, spread over hours from `start`. Each joins
 * two of the topic's templates (every ordered pair in turn), so that the
 * texts are not near-identical copies of a few (which count once as
 * evidence); a pair comes round again only after all the others.
 */
export function topicMessages(topic: keyof typeof TOPICS, count: number, start: number, idPrefix: string, sentiment?: TextMessage['sentiment']): TextMessage[] {
  const templates = TOPICS[topic];
  const t = templates.length;
  return Array.from({ length: count }, (_, i) => ({
    id: `${idPrefix}${i}`,
    text: `${fill(templates[i % t]!, i)} ${fill(templates[(i % t + 1 + (Math.floor(i / t) % (t - 1))) % t]!, i + 1)}`,
    createdAt: start + (i % 24) * HOUR + i * 1000,
    isBrand: false,
    ...(sentiment ? { sentiment } : {}),
  }));
}

export { HOUR };
