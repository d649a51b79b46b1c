/**
 * Classification metrics for three-class sentiment: accuracy, per-class
 * precision/recall/F1, macro-F1 and the confusion matrix. Macro-F1 is the
 * headline figure because the data are ~70% negative: always answering
 * "negative" already scores ~0.72 accuracy but only ~0.28 macro-F1.
 */
import { LABELS, type SentimentLabel } from './model.ts';

/** Evaluation of predictions against gold labels. */
export interface SentimentMetrics {
  n: number;
  accuracy: number;
  macroF1: number;
  /** Per class, in LABELS order. */
  perClass: Record<SentimentLabel, { precision: number; recall: number; f1: number; support: number }>;
  /** confusion[gold][predicted], rows/columns in LABELS order. */
  confusion: number[][];
}

const IDX: Record<SentimentLabel, number> = { negative: 0, neutral: 1, positive: 2 };

/** Compute metrics; `gold` and `predicted` are parallel arrays. */
export function evaluate(gold: readonly SentimentLabel[], predicted: readonly SentimentLabel[]): SentimentMetrics {
  if (gold.length !== predicted.length) throw new Error('evaluate: gold/predicted length mismatch');
  const confusion = LABELS.map(() => LABELS.map(() => 0));
  for (let i = 0; i < gold.length; i++) {
    const row = confusion[IDX[gold[i] as SentimentLabel]] as number[];
    const c = IDX[predicted[i] as SentimentLabel];
    row[c] = (row[c] as number) + 1;
  }
  let correct = 0;
  let f1Sum = 0;
  const perClass = {} as SentimentMetrics['perClass'];
  LABELS.forEach((label, c) => {
    const tp = (confusion[c] as number[])[c] as number;
    correct += tp;
    const support = (confusion[c] as number[]).reduce((a, b) => a + b, 0);
    const predictedN = confusion.reduce((a, row) => a + (row[c] as number), 0);
    const precision = predictedN === 0 ? 0 : tp / predictedN;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    f1Sum += f1;
    perClass[label] = { precision, recall, f1, support };
  });
  const n = gold.length;
  return { n, accuracy: n === 0 ? 0 : correct / n, macroF1: f1Sum / LABELS.length, perClass, confusion };
}

/** Plain-text rendering of a confusion matrix, for logs and reports. */
export function formatConfusion(m: SentimentMetrics): string {
  const head = 'gold\\pred'.padEnd(10) + LABELS.map((l) => l.padStart(9)).join('');
  const rows = LABELS.map((l, r) => l.padEnd(10) + (m.confusion[r] as number[]).map((v) => String(v).padStart(9)).join(''));
  return [head, ...rows].join('\n');
}
