/**
 * Throughput of the privacy filter's text masking (e-mails, phones, serial
 * and order numbers, names), single-threaded, as the bundle writer applies it
 * to every published text. Wired into `npm run bench` by bench/run.ts.
 */
import { createPrivacy } from '../src/analysis/report/privacy.ts';

/** Minimum number of texts masked per measurement, so timings are stable. */
const MIN_TEXTS = 200_000;

/**
 * Mask `texts` (repeated until at least 200k) with the default settings of a
 * crisis and report texts per second and the share of texts changed.
 */
export async function benchPrivacy(texts: string[]): Promise<{ postsPerSecond: number; changedShare: number }> {
  if (texts.length === 0) return { postsPerSecond: 0, changedShare: 0 };
  const privacy = createPrivacy({ maskPersonalData: true, pseudonymizeAuthors: false }, ['acmehome', 'skyair', 'fastbank'], 'bench');
  const warm = Math.min(texts.length, 5_000);
  for (let i = 0; i < warm; i++) privacy.text(texts[i] as string);
  const rounds = Math.max(1, Math.ceil(MIN_TEXTS / texts.length));
  let changed = 0; // consumed below so the work cannot be optimised away
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const t of texts) if (privacy.text(t) !== t) changed++;
  }
  const seconds = (performance.now() - t0) / 1000;
  return { postsPerSecond: (rounds * texts.length) / seconds, changedShare: changed / (rounds * texts.length) };
}
