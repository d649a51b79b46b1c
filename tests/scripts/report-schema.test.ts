/** The shipped JSON Schema of report.json is the one the TypeScript types give (run `npm run schema` after changing a section's type). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportSchemaText, SCHEMA_FILE } from '../../scripts/report-schema.ts';

describe('schema/report.schema.json', () => {
  it('is up to date with ReportModel', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(reportSchemaText());
  });

  it('documents every section the report can have', () => {
    const schema = JSON.parse(reportSchemaText());
    const sections = schema.definitions.ReportSections.properties;
    expect(Object.keys(sections).sort()).toEqual(['amplifiers', 'candidateFaults', 'candidateFaultsTotal', 'coverage', 'faults', 'playbook', 'response', 'segments', 'sentiment', 'themes', 'tickets', 'timeline']);
    expect(schema.definitions.ReportSections.description).toMatch(/Every section an analysis can add/);
  });
});
