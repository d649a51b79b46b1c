/**
 * Faults as the site shows them: `report.sections.faults` (the taxonomy
 * Pareto, with the examples the analysis chose) and
 * `report.sections.candidateFaults` (recurring complaints no configured fault
 * covers), in one shape.
 */
import type { FaultKind, FaultSummary } from '../analysis/nlp/faults/types.ts';
import type { ReportModel } from '../analysis/report/report-model.ts';
import { formatZonedDate } from './format.ts';

/** One fault with its examples: a Pareto row (or a candidate shaped like one) under its own id. */
export interface FaultView extends Omit<FaultSummary, 'faultId' | 'kind'> {
  id: string;
  /** Product fault or service failure; absent (read as product) in bundles written before kinds, and for candidates. */
  kind?: FaultKind;
  /** Up to five example message ids (cases as `case:<id>`), earliest first. */
  exampleIds: string[];
  /** True for a candidate fault (discovered, not in the taxonomy). */
  candidate: boolean;
}

/** Faults of one crisis. */
export interface FaultsView {
  /** What was classified, for sentences like "42 cases": a crisis of tickets only has no messages. */
  unit: 'messages' | 'cases' | 'messages and cases';
  considered: number;
  classified: number;
  bucketMs: number;
  bucketStarts: number[];
  /** Records in scope per bucket (the rate denominators); empty in bundles written before it. */
  consideredVolume: number[];
  /** Product faults: the Pareto. */
  faults: FaultView[];
  /** Service failures (waiting for support, no reply), kept apart from the product Pareto. */
  services: FaultView[];
  /** Records with a fault of each kind (the share denominators). */
  classifiedByKind: Record<FaultKind, number>;
  /** The fault columns the faults were read from, when a source has one (a record counts once per fault it names). */
  codeColumns: { file: string; column: string; delimiter: string }[];
  /** At most 50 (the analysis's cut): the most frequent candidate faults. */
  candidates: FaultView[];
  /** Candidate faults found in all (the M of "50 of M"). */
  candidatesTotal: number;
}

const MAX_EXAMPLES = 5;

/** Builds the faults view; null when the report has neither faults nor candidates. */
export function faultsView(report: ReportModel): FaultsView | null {
  const section = report.sections.faults;
  const candidates = report.sections.candidateFaults ?? [];
  if (!section && !candidates.length) return null;
  const all: FaultView[] = (section?.pareto ?? []).map(({ faultId, ...f }) => ({ ...f, id: faultId, candidate: false }));
  const faults = all.filter((f) => (f.kind ?? 'product') === 'product');
  const services = all.filter((f) => f.kind === 'service');
  // First and last seen come from the analysis, over every message of the candidate (its examples are only the first three).
  const candidateViews: FaultView[] = candidates.map((c) => ({
    id: `candidate:${c.key}`,
    label: c.label,
    count: c.count,
    share: 0,
    cumulativeShare: 0,
    firstSeen: c.firstSeen,
    lastSeen: c.lastSeen,
    volume: [],
    exampleIds: c.exampleIds.slice(0, MAX_EXAMPLES),
    candidate: true,
  }));
  const casesClassified = section?.casesClassified ?? 0;
  return {
    unit: report.counts.messages === 0 ? 'cases' : casesClassified > 0 ? 'messages and cases' : 'messages',
    considered: section?.considered ?? 0,
    classified: section?.classified ?? 0,
    bucketMs: section?.bucketMs ?? 3_600_000,
    bucketStarts: section?.bucketStarts ?? [],
    consideredVolume: section?.consideredVolume ?? [],
    faults,
    services,
    classifiedByKind: section?.classifiedByKind ?? { product: section?.classified ?? 0, service: 0 },
    codeColumns: section?.codeColumns ?? [],
    candidates: candidateViews,
    candidatesTotal: report.sections.candidateFaultsTotal ?? candidateViews.length,
  };
}

/** The most frequent product fault of the taxonomy (else candidate) with at least one message: a service failure is never the top fault. */
export function topFault(view: FaultsView | null): FaultView | null {
  if (!view) return null;
  return view.faults.find((f) => f.count > 0) ?? view.candidates.find((c) => c.count > 0) ?? null;
}

/**
 * First and last seen of a fault as pages show them: the date in the
 * crisis's time zone `zone` with the abbreviation in force then (`7 Oct 2024
 * EDT`), `–` when unknown. A complaint at 22:30 in New York on 7 Oct is
 * 8 Oct in UTC: every page dates it by the crisis's clock.
 */
export function faultSeen(fault: Pick<FaultView, 'firstSeen' | 'lastSeen'>, zone: string): { firstSeen: string; lastSeen: string } {
  const date = (ms: number | null) => (ms === null ? '–' : formatZonedDate(ms, zone));
  return { firstSeen: date(fault.firstSeen), lastSeen: date(fault.lastSeen) };
}
