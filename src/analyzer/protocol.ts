/**
 * Messages between the `/analyze/` page and its worker (analyze-worker.ts).
 * The page sends the chosen files once; the worker answers with progress
 * lines, then the report and the bundle, or an error.
 */

/** Page → worker: everything the analysis needs; the files' buffers are transferred, not copied. */
export interface AnalyzeRequest {
  files: { name: string; bytes: Uint8Array }[];
  slug: string;
  /** The site's fault library as the page embeds it (fault-library-embed.ts). */
  faultLibraryJson: string;
  /** DuckDB-WASM from the site itself: the module's parts, and its worker, as absolute URLs. */
  duckdb: { wasmParts: string[]; worker: string };
}

/**
 * Worker → page. The report comes as soon as the analysis is done, the bundle
 * (slower to write: every table as Arrow and CSV) after it.
 */
export type AnalyzeReply =
  | { type: 'step'; message: string }
  | {
      type: 'report';
      /** report.json as the bundle holds it (privacy applied), byte for byte. */
      reportJson: string;
      /** Seconds from the request to the report. */
      seconds: number;
    }
  | {
      type: 'bundle';
      /** The bundle as a .zip (bundle-archive.ts). */
      archive: Uint8Array;
    }
  | { type: 'error'; message: string };
