/**
 * The report bundle: everything known about one analysed crisis, written by
 * `debrief analyze` and read by the site (and by anyone's own tools). It is
 * the only thing pages see: no page opens the export, runs an analysis or
 * chooses an example. Privacy is applied once, when the bundle is written.
 *
 * ```
 * <bundle>/
 *   manifest.json             format version, slug, input key, every file with its size and SHA-256
 *   report.json               the report model (typed by ReportModel; JSON Schema in schema/report.schema.json)
 *   messages.arrow            Arrow IPC stream: every message in time order, canonical and analysis columns
 *   cases.arrow               the same for cases (tickets, complaints)
 *   message_attributes.arrow  id, key, value: export columns kept beside the canonical ones
 *   case_attributes.arrow
 *   messages.csv, cases.csv   the downloads (formula-safe); cases.csv only when there are cases
 *   list-<name>.csv           rankings in full (every author, every engaged post, every theme…) whose
 *                             report.json sections keep the top N: "N of M" with all M here
 *   excerpts.json             the rows pages quote: the first pages of messages and cases, and every quoted one
 * ```
 */

/** Changes when a file of the bundle changes shape or meaning. */
export const BUNDLE_VERSION = 1;

/** File names inside a bundle. */
export const BUNDLE_FILES = {
  manifest: 'manifest.json',
  report: 'report.json',
  messages: 'messages.arrow',
  cases: 'cases.arrow',
  messageAttributes: 'message_attributes.arrow',
  caseAttributes: 'case_attributes.arrow',
  messagesCsv: 'messages.csv',
  casesCsv: 'cases.csv',
  excerpts: 'excerpts.json',
} as const;

/** The SQL tables a bundle holds (as notebooks' SQL cells see them), by file. */
export const BUNDLE_TABLES = [
  { table: 'messages', file: BUNDLE_FILES.messages },
  { table: 'cases', file: BUNDLE_FILES.cases },
  { table: 'message_attributes', file: BUNDLE_FILES.messageAttributes },
  { table: 'case_attributes', file: BUNDLE_FILES.caseAttributes },
] as const;

/** Messages kept in excerpts.json in time order: what the site's paged messages table shows. */
export const EXCERPT_MESSAGES = 1000;
/** Cases kept in excerpts.json by opening time. */
export const EXCERPT_CASES = 100;

/** One file of a bundle as the manifest lists it. */
export interface BundleFileEntry {
  name: string;
  bytes: number;
  sha256: string;
}

/** `manifest.json`. */
export interface BundleManifest {
  bundleVersion: number;
  slug: string;
  /** What the bundle was computed from (inputs and code); a bundle whose key differs is stale. */
  inputKey: string;
  /** Row counts of the tables. */
  rows: { messages: number; cases: number; messageAttributes: number; caseAttributes: number };
  /** Every other file, sorted by name. */
  files: BundleFileEntry[];
}
