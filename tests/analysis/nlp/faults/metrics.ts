/** Macro-F1 over a fixed label set; a missing prediction counts as wrong. */
export interface F1Report {
  macroF1: number;
  perLabel: Record<string, { precision: number; recall: number; f1: number; support: number }>;
}

/** Score predictions against gold labels (pairs of gold label, predicted label or null). */
export function macroF1(labels: readonly string[], pairs: ReadonlyArray<readonly [string, string | null]>): F1Report {
  const perLabel: F1Report['perLabel'] = {};
  let sum = 0;
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const [gold, pred] of pairs) {
      if (gold === label && pred === label) tp++;
      else if (gold === label) fn++;
      else if (pred === label) fp++;
    }
    const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
    const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perLabel[label] = { precision, recall, f1, support: tp + fn };
    sum += f1;
  }
  return { macroF1: sum / labels.length, perLabel };
}

/** A printable table of a report. */
export function formatReport(name: string, report: F1Report): string {
  const rows = Object.entries(report.perLabel).map(
    ([label, r]) => `  ${label.padEnd(24)} P ${r.precision.toFixed(2)}  R ${r.recall.toFixed(2)}  F1 ${r.f1.toFixed(3)}  (n=${r.support})`,
  );
  return `[faults] ${name}: macro-F1 ${report.macroF1.toFixed(3)}\n${rows.join('\n')}`;
}

/** The airline set's nine negative reasons (as annotators wrote them) → the fault ids both airline taxonomies use. */
export const AIRLINE_GOLD: Record<string, string> = {
  'Customer Service Issue': 'customer_service',
  'Late Flight': 'late_flight',
  'Cancelled Flight': 'cancelled_flight',
  'Lost Luggage': 'lost_luggage',
  'Bad Flight': 'bad_flight',
  'Flight Booking Problems': 'booking_problems',
  'Flight Attendant Complaints': 'flight_attendant',
  longlines: 'long_lines',
  'Damaged Luggage': 'damaged_luggage',
};
