/**
 * Generates `schema/report.schema.json`, the JSON Schema of `report.json`,
 * from the TypeScript type `ReportModel` (src/analysis/report/report-model.ts),
 * so people's own tools (Python, BI) can read reports. A test fails when the
 * committed schema and the types drift apart: run `npm run schema` after
 * changing a section's type.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the schema is committed. */
export const SCHEMA_FILE = path.join(ROOT, 'schema/report.schema.json');

/** The schema as JSON text (sorted as the generator emits it: stable for the same types). */
export function reportSchemaText(): string {
  const schema = createGenerator({
    path: path.join(ROOT, 'src/analysis/report/report-model.ts'),
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    type: 'ReportModel',
    skipTypeCheck: true,
    // Unknown fields are an error: a field a reader does not expect is a schema change.
    additionalProperties: false,
  }).createSchema('ReportModel');
  schema.$id = 'https://debrief.invalid/schema/report.schema.json';
  schema.title = 'Debrief report.json';
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, reportSchemaText());
  process.stdout.write(`wrote ${path.relative(ROOT, SCHEMA_FILE)}\n`);
}
