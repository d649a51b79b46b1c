/**
 * Which of a crisis's bundle files the explorer serves and fetches for each
 * table: the table's own file, and its attributes when a segment of that
 * table is an attribute. A table without rows is neither offered nor served
 * (the messages always are: a crisis with neither shows its 0 messages).
 * Runs at build time.
 */
import { BUNDLE_FILES } from '../analysis/bundle/layout.ts';
import type { ReportModel } from '../analysis/report/report-model.ts';
import { tableSegments } from './segments.ts';
import { TABLE_NAMES, type TableName } from './tables.ts';

const FILES = {
  messages: { table: BUNDLE_FILES.messages, attributes: BUNDLE_FILES.messageAttributes },
  cases: { table: BUNDLE_FILES.cases, attributes: BUNDLE_FILES.caseAttributes },
} as const;

/** The tables the explorer offers for a report: those with rows (the messages when neither has any). */
export function exploredTables(report: ReportModel): TableName[] {
  const withRows = TABLE_NAMES.filter((t) => report.counts[t] > 0);
  return withRows.length ? withRows : ['messages'];
}

/** The bundle files one table needs: its own, and its attributes when one of its segments is an attribute. */
export function tableFiles(report: ReportModel, table: TableName): { table: string; attributes: string | null } {
  const attribute = tableSegments(report, table).some((s) => s.attribute);
  return { table: FILES[table].table, attributes: attribute ? FILES[table].attributes : null };
}

/** Every bundle file the explorer serves for a report, each once. */
export function servedFiles(report: ReportModel): string[] {
  return exploredTables(report).flatMap((t) => {
    const f = tableFiles(report, t);
    return f.attributes ? [f.table, f.attributes] : [f.table];
  });
}
