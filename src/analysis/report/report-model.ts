/**
 * The report model: everything a report page shows, computed once and written
 * as `report.json`. Pages render it and nothing else. Field names are camelCase;
 * `schemaVersion` changes when a field changes meaning or disappears.
 */
import type { AmplifiersSection, CoverageSection, PlaybookSection, ResponseSection, TimelineSection } from '../crisis/types.ts';
import type { Ledger } from '../ingest/ledger.ts';
import type { SentimentSection } from '../language/sentiment-analysis.ts';
import type { CandidateFault, FaultsResult, FaultSummary } from '../nlp/faults/types.ts';
import type { ThemesResult } from '../nlp/themes/types.ts';

export const SCHEMA_VERSION = 1;

export interface CrisisInfo {
  /** Directory name under `data/`. */
  slug: string;
  title: string;
  timezone: string;
  brandHandles: string[];
  /** Time actually covered by the loaded data (ISO, UTC); null when nothing loaded. */
  window: { start: string | null; end: string | null };
  /** The window set in crisis.yaml, if any. */
  configuredWindow: { start: string | null; end: string | null } | null;
  sla: { firstResponseMinutes: number };
  businessHours: { days: number[]; start: string; end: string };
  privacy: { maskPersonalData: boolean; pseudonymizeAuthors: boolean };
  /** What Debrief assumed because the crisis did not say. */
  assumptions: string[];
}

export interface Counts {
  messages: number;
  cases: number;
  inboundMessages: number;
  brandMessages: number;
  authors: number;
  conversations: number;
  channels: { channel: string; messages: number }[];
}

export interface ReportModel {
  schemaVersion: number;
  generator: { name: 'debrief'; version: string };
  crisis: CrisisInfo;
  counts: Counts;
  ledger: Ledger;
  /** Sections added by analyses; absent when the data cannot support them. */
  sections: ReportSections;
}

/** A fault of the Pareto with the examples every page quotes for it. */
export interface FaultParetoRow extends FaultSummary {
  /** Up to five example ids (cases as `case:<id>`), earliest first, one per distinct text. */
  exampleIds: string[];
}

/** The `faults` section: the taxonomy Pareto over messages and case narratives. */
export interface FaultsSection extends Omit<FaultsResult, 'assignments' | 'pareto'> {
  pareto: FaultParetoRow[];
  /** Cases whose narrative was classified, and how many got a fault. */
  casesConsidered: number;
  casesClassified: number;
}

/** The `themes` section: what people talk about, and what the themes were found in. */
export interface ThemesSection extends ThemesResult {
  source: 'messages' | 'cases';
}

/**
 * Every section an analysis can add, each typed by the module that computes
 * it. A section is absent when the data cannot support it (no messages, no
 * taxonomy, …). `schema/report.schema.json` is generated from this type.
 */
export interface ReportSections {
  sentiment?: SentimentSection;
  timeline?: TimelineSection;
  response?: ResponseSection;
  coverage?: CoverageSection;
  playbook?: PlaybookSection;
  amplifiers?: AmplifiersSection;
  themes?: ThemesSection;
  faults?: FaultsSection;
  candidateFaults?: CandidateFault[];
}
