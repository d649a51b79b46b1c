/**
 * The report model: everything a report page shows, computed once and written
 * as `report.json`. Pages render it and nothing else. Field names are camelCase;
 * `schemaVersion` changes when a field changes meaning or disappears.
 */
import type { AmplifiersSection, CoverageSection, ListTotal, PlaybookSection, ResponseSection, TimelineSection } from '../crisis/types.ts';
import type { CrisisEvent } from '../config/crisis-events.ts';
import type { Ledger } from '../ingest/ledger.ts';
import type { SentimentSection } from '../language/sentiment-analysis.ts';
import type { CandidateFault, FaultsResult, FaultSummary } from '../nlp/faults/types.ts';
import type { ThemesResult } from '../nlp/themes/types.ts';
import type { TicketsSection } from '../sections/tickets/schema.ts';
import type { SegmentsSection } from '../sections/segments/schema.ts';

export const SCHEMA_VERSION = 1;

export interface CrisisInfo {
  /** Directory name under `data/`. */
  slug: string;
  title: string;
  /** crisis.yaml `shortTitle`, for tables across crises; absent when not set. */
  shortTitle?: string;
  timezone: string;
  brandHandles: string[];
  /** Time actually covered by the loaded data (ISO, UTC); null when nothing loaded. */
  window: { start: string | null; end: string | null };
  /** The window set in crisis.yaml, if any. */
  configuredWindow: { start: string | null; end: string | null } | null;
  sla: {
    firstResponseMinutes: number;
    /** Resolution target in hours per priority (crisis.yaml `sla.resolutionHours`); absent when not configured. */
    resolutionHours?: Record<string, number>;
  };
  businessHours: { days: number[]; start: string; end: string };
  privacy: { maskPersonalData: boolean; pseudonymizeAuthors: boolean };
  /** What Debrief assumed because the crisis did not say. */
  assumptions: string[];
  /**
   * What the company did and when (crisis.yaml `events:`: detected, declared,
   * statement, mitigated, fix, resolved, recall, other), sorted by time, `at`
   * in ISO UTC; empty when crisis.yaml lists none. Absent in reports written
   * before events existed (read as none).
   */
  events?: CrisisEvent[];
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
  /**
   * What became of every record read, per source. Its `alerts` (sources that
   * lost all or most of their records) are the report's loudest warnings: the
   * site shows them as banners at the top of the crisis summary.
   */
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
export interface FaultsSection extends Omit<FaultsResult, 'assignments' | 'positions' | 'pareto'> {
  pareto: FaultParetoRow[];
  /** Cases whose narrative was classified (or whose fault column was read), and how many got a fault. */
  casesConsidered: number;
  casesClassified: number;
  /** Records whose faults come from a fault column (`columns: { fault: … }`) rather than their text; absent without one. */
  codedRecords?: number;
  /** The fault columns, per source: a record counts once per fault its cell names. */
  codeColumns?: { file: string; column: string; delimiter: string }[];
}

/** The `themes` section: what people talk about, and what the themes were found in. */
export interface ThemesSection extends Omit<ThemesResult, 'ranking' | 'contextRanking'> {
  source: 'messages' | 'cases';
}

/**
 * Every section an analysis can add, each typed by the module that computes
 * it. A section is absent when the data cannot support it (no messages, no
 * taxonomy, …). `schema/report.schema.json` is generated from this type.
 * A list cut to its first N items has a sibling `…Total` with how many there
 * were (see `ListTotal` in crisis/types.ts); other lists are complete.
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
  /** At most 50: recurring complaints no configured fault covers, most messages first. */
  candidateFaults?: CandidateFault[];
  /** Candidate faults found in all (present with `candidateFaults`; see `ListTotal`). */
  candidateFaultsTotal?: ListTotal;
  /** Service-desk figures over the cases: resolution, SLA attainment, backlog, reopens (only when the cases carry ticket fields). */
  tickets?: TicketsSection;
  /** The crisis split by each crisis.yaml `segments:` field, the segments' key figures side by side (only when crisis.yaml names segments). */
  segments?: SegmentsSection;
}
