/**
 * The report's breakdowns (report.json `sections.segments`) as the explorer
 * filters them: each field, and the segments section's own SQL of a row's
 * segment (segments/fields.ts `segmentValuesSql`), so the explorer puts a
 * message or a case in the segment the report counted it in. Runs at build
 * time.
 */
import { segmentValuesSql } from '../analysis/sections/segments/fields.ts';
import type { ReportModel } from '../analysis/report/report-model.ts';
import type { TableName } from './tables.ts';

/** A breakdown of one table: its field, and SQL giving `id, value` for each row it counts (customer messages, or every case) over the table and its attributes. */
export interface TableSegment {
  field: string;
  sql: string;
  /** True when the field is an attribute: the explorer then needs the table's attributes (message_attributes or case_attributes). */
  attribute: boolean;
}

/** A message breakdown (kept name: the messages' {@link TableSegment}). */
export type MessageSegment = TableSegment;

/** The breakdowns of `table` in a report, in its order; empty without a segments section. */
export function tableSegments(report: ReportModel, table: TableName): TableSegment[] {
  return (report.sections.segments?.breakdowns ?? [])
    .filter((b) => b.table === table)
    .map((b) => ({ field: b.field, sql: segmentValuesSql({ field: b.field, table, source: b.source }), attribute: b.source === 'attribute' }));
}

/** The message breakdowns of a report, in its order; empty without a segments section. */
export function messageSegments(report: ReportModel): MessageSegment[] {
  return tableSegments(report, 'messages');
}
