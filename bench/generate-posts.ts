/**
 * Realistic crisis posts for benchmarks: complaint, question, praise and brand
 * reply templates with slots, mentions, URLs, emoji, and retweet storms
 * (about a third of posts repeat an earlier text, as in real floods). Seeded.
 */

import { mulberry32 } from '../src/analysis/random.ts';

const BRANDS = ['@acmehome', '@skyair', '@fastbank', '@streamly', '@gridpower'];
const OBJECTS = ['lock', 'app', 'flight', 'bag', 'card', 'router', 'order', 'refund', 'account', 'subscription', 'charger', 'booking'];
const SYMPTOMS = [
  "my {o} won't open", 'my {o} keeps crashing', 'the {o} is broken again', 'still no {o} after 3 weeks', 'charged twice for my {o}',
  'my {o} was cancelled without notice', 'been on hold for 2 hours about my {o}', 'lost my {o} and nobody is responding', 'the {o} has been delayed 5 hours',
  "can't log in to my {o}", 'my {o} stopped working after the update', 'never received my {o}',
];
const OPENERS = ['', 'Hey {b} ', '{b} ', 'Seriously {b}, ', 'Wow {b} ', 'Day 3: ', 'PSA: '];
const CLOSERS = ['', ' #fail', ' 😡', ' This is ridiculous.', ' Thanks for nothing.', ' Any update?', ' https://t.co/{u}', ' !!!', ' so frustrated', ' 🙄🙄'];
const OTHER = [
  'Thank you {b} for sorting my {o} so quickly! 🙏', 'Loving the new {o} from {b}', '{b} what time does the {o} desk open tomorrow?',
  'Does anyone know if the {o} issue at {b} is fixed yet?', 'Great service from {b} today, the {o} team were lovely', 'Is {b} down for everyone or just me?',
];
const REPLIES = [
  "We're sorry to hear about your {o}. Please send us a DM with your order number and we'll take a look.",
  'Hi there, we apologise for the trouble with your {o}. Can you DM us your details?',
  "Thanks for your patience! Your {o} issue has been resolved. Let us know if there's anything else.",
  'We hear you and our team is working on a fix for the {o} right now.',
];

/** `n` post texts, about a third of them repeats of earlier ones (retweets, copy-paste). */
export function generatePosts(n: number, seed = 42): string[] {
  const rand = mulberry32(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const fill = (t: string) =>
    t.replace(/\{b\}/g, () => pick(BRANDS)).replace(/\{o\}/g, () => pick(OBJECTS)).replace(/\{u\}/g, () => Math.floor(rand() * 1e9).toString(36));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.33 && out.length > 10) out.push(`RT ${out[Math.floor(rand() * out.length)]}`.slice(0, 280));
    else if (r < 0.75) out.push(fill(pick(OPENERS) + pick(SYMPTOMS) + pick(CLOSERS) + pick(CLOSERS)));
    else if (r < 0.9) out.push(fill(pick(OTHER)));
    else out.push(fill(`@user${Math.floor(rand() * 1e5)} ${pick(REPLIES)}`));
  }
  return out;
}
