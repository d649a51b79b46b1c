/**
 * The City of Boston's 311 service requests of 2015 (../shared/data/
 * boston-311-2015, see its SOURCE.md: 158 CSVs of one export, one per case
 * type) as a Debrief crisis. The data directory is read-only and carries no
 * crisis.yaml, so the crisis is the shared files plus the crisis.yaml below,
 * which maps every file the same way.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { CrisisFiles } from '../../../../src/analysis/ingest/ingest-crisis.ts';
import { nodeFileSource } from '../../../../src/node/files.ts';

/**
 * How each file maps to a case: the work queue is the assignment group
 * (`team`), `TARGET_DT` the service-level due time, `OnTime_Status`
 * (ONTIME / OVERDUE) the export's own SLA flag. The export has no priority.
 * Every other column is kept as a case attribute.
 */
export const BOSTON_COLUMNS = {
  id: 'CASE_ENQUIRY_ID',
  opened_at: 'OPEN_DT',
  closed_at: 'CLOSED_DT',
  due_at: 'TARGET_DT',
  sla_met: 'OnTime_Status',
  status: 'CASE_STATUS',
  category: 'TYPE',
  subcategory: 'REASON',
  team: 'QUEUE',
  channel: 'Source',
  text: 'CASE_TITLE',
};

/** crisis.yaml for the export's files (local times in Boston, no offsets). */
export function bostonCrisisYaml(files: readonly string[]): string {
  const columns = `{ ${Object.entries(BOSTON_COLUMNS).map(([k, v]) => `${k}: ${v}`).join(', ')} }`;
  const sources = files.map((f) => `  - file: ${JSON.stringify(f)}\n    format: generic\n    table: cases\n    columns: ${columns}\n`).join('');
  return `title: Boston 311 service requests, 2015\ntimezone: America/New_York\nsources:\n${sources}`;
}

/** The CSV files of the export, sorted. */
export function bostonFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.csv')).sort();
}

/** The shared directory as a crisis: its CSVs plus the generated crisis.yaml. */
export function bostonCrisisFiles(dir: string): CrisisFiles {
  const files = bostonFiles(dir);
  const yaml = bostonCrisisYaml(files);
  return {
    async list() {
      return ['crisis.yaml', ...files].sort();
    },
    async readText(name) {
      return name === 'crisis.yaml' ? yaml : null;
    },
    open(name) {
      return nodeFileSource(path.join(dir, name), name);
    },
  };
}
