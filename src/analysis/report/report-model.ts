/**
 * The report model: everything a report page shows, computed once and written
 * as `report.json`. Pages render it and nothing else. Field names are camelCase;
 * `schemaVersion` changes when a field changes meaning or disappears.
 */
import type { Ledger } from '../ingest/ledger.ts';

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
  sections: Record<string, unknown>;
}
