/**
 * The report's message breakdowns (report.json `sections.segments`) as the
 * explorer filters them: each field, and the segments section's own SQL of a
 * message's segment (segments/fields.ts `segmentValuesSql`), so the explorer
 * puts a message in the segment the report counted it in. Breakdowns of
 * cases are left out: the explorer shows messages. Runs at build time.
 */
import { segmentValuesSql } from '../analysis/sections/segments/fields.ts';
import type { ReportModel } from '../analysis/report/report-model.ts';

/** A message breakdown: its field, and SQL giving `id, value` for each customer message (over `messages` and `message_attributes`). */
export interface MessageSegment {
  field: string;
  sql: string;
  /** True when the field is an attribute: the explorer then needs the message_attributes table. */
  attribute: boolean;
}

/** The message breakdowns of a report, in its order; empty without a segments section. */
export function messageSegments(report: ReportModel): MessageSegment[] {
  return (report.sections.segments?.breakdowns ?? [])
    .filter((b) => b.table === 'messages')
    .map((b) => ({ field: b.field, sql: segmentValuesSql({ field: b.field, table: 'messages', source: b.source }), attribute: b.source === 'attribute' }));
}
