/**
 * Typed access to `report.sections`. A bundle's report is typed by
 * `ReportSections` and checked by its bundle version when loaded, so pages
 * read sections as they are: a section is there when the data supported it.
 */
import type { ReportModel, ReportSections } from '../analysis/report/report-model.ts';

export type Sections = ReportSections;

/** The sections of a report. */
export function sections(report: ReportModel): Sections {
  return report.sections;
}

/** Reads a dotted path (`response.conversations.time.medianSeconds`) from an object. */
export function readPath(root: unknown, dotted: string): unknown {
  let node: unknown = root;
  for (const part of dotted.split('.')) {
    if (node === null || node === undefined) return undefined;
    if (Array.isArray(node) && /^\d+$/.test(part)) node = node[Number(part)];
    else if (typeof node === 'object') node = (node as Record<string, unknown>)[part];
    else return undefined;
  }
  return node;
}
