/** The faults analysis on the sample CFPB crisis (cases only): per-case faults and evidence reach cases.csv. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { analyzeCrisis } from '../../../src/analysis/pipeline.ts';
import { openNodeEngine } from '../../../src/node/duckdb-node.ts';
import { nodeCrisisFiles } from '../../../src/node/files.ts';

const BUREAUS = path.resolve(import.meta.dirname, '../../../data/cfpb-credit-bureaus-2019');

describe.skipIf(!existsSync(BUREAUS))('faults analysis on a cases-only crisis', () => {
  it('writes each classified complaint, its fault and the matching words to cases.csv', async () => {
    const engine = await openNodeEngine();
    const r = await analyzeCrisis(nodeCrisisFiles(BUREAUS), engine, { slug: 'bureaus' }).finally(() => engine.close());
    expect(r.messages).toHaveLength(0);
    expect(r.caseColumnNames).toEqual(['themes', 'fault', 'fault_evidence']);
    const rows = Papa.parse<Record<string, string>>(r.casesCsv(), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(1341);
    const faults = r.report.sections.faults as { classified: number; casesClassified: number };
    expect(rows.filter((row) => row['fault']).length).toBe(faults.classified);
    expect(faults.casesClassified).toBe(148);
    // The evidence is the narrative's own words.
    const late = rows.find((row) => row['id'] === '3156234')!;
    expect(late).toMatchObject({ fault: 'inaccurate-account', fault_evidence: 'late payment' });
    expect(late['text']).toContain('first late payment in XX/XX/XXXX');
    for (const row of rows.filter((x) => x['fault'])) expect(row['text']!.toLowerCase()).toContain(row['fault_evidence']!.toLowerCase());
    expect(rows.filter((row) => row['themes']).length).toBeGreaterThan(100);
  });
});
