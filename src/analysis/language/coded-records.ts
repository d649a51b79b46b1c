/**
 * Records of sources with a fault column (`columns: { fault: component }`):
 * the column is kept as an attribute of its own name (config/crisis-config.ts),
 * read here per record of that source.
 */
import type { AnalysisContext } from '../runner/analysis.ts';
import { CASE_PREFIX } from '../model.ts';
import type { CodedRecord } from '../nlp/faults/structured.ts';

/** The fault column of one source, as report.json names it. */
export interface CodeColumn {
  file: string;
  column: string;
  /** Separator of several faults in one cell; '' when each cell is one fault. */
  delimiter: string;
}

/** Coded records (cases as `case:<id>`, in table order, each with its source's delimiter), their ids, and the columns. */
export function codedRecords(ctx: AnalysisContext): { records: CodedRecord[]; ids: Set<string>; columns: CodeColumn[] } {
  const columns: CodeColumn[] = ctx.config.sources.filter((s) => s.faultColumn).map((s) => ({ file: s.file, column: s.faultColumn!, delimiter: s.faultDelimiter ?? ',' }));
  const records: CodedRecord[] = [];
  const byFile = new Map(columns.map((c) => [c.file, c]));
  const read = (id: string, createdAt: number, sourceFile: string, attributes: Record<string, string>) => {
    const col = byFile.get(sourceFile);
    if (col) records.push({ id, createdAt, value: attributes[col.column] ?? null, delimiter: col.delimiter });
  };
  if (columns.length) {
    for (const m of ctx.messages) if (!m.isBrand) read(m.id, m.createdAt, m.sourceFile, m.attributes);
    for (const c of ctx.cases) read(CASE_PREFIX + c.id, c.openedAt, c.sourceFile, c.attributes);
  }
  return { records, ids: new Set(records.map((r) => r.id)), columns };
}
