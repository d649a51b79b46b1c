/**
 * Invariant (issue 10): on every sample crisis and every real data set the tests load, the totals
 * of each breakdown equal what the ledger loaded — nothing leaks out of a figure silently.
 * The real data sets (../shared/data) skip visibly when absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CrisisFiles } from '../../src/analysis/ingest/ingest-crisis.ts';
import { memoryCrisisFiles } from '../../src/analysis/ingest/ingest-crisis.ts';
import { analyzeCrisis } from '../../src/analysis/pipeline.ts';
import { readFaultLibraryFor } from '../../src/node/fault-library-file.ts';
import { nodeCrisisFiles } from '../../src/node/files.ts';
import { openNodeEngine } from '../../src/node/duckdb-node.ts';
import { sharedData } from './crisis/helpers.ts';
import { partitionLeaks } from './partition-checks.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SLOW = 600_000;

async function leaksOf(files: CrisisFiles, faultLibrary?: ReturnType<typeof readFaultLibraryFor>) {
  const engine = await openNodeEngine();
  try {
    const result = await analyzeCrisis(files, engine, { slug: 'totals', faultLibrary });
    return { result, leaks: partitionLeaks(result) };
  } finally {
    await engine.close();
  }
}

/** A real data set's files with a crisis.yaml (fault taxonomy, column mapping) written for the test. */
function withYaml(dir: string, file: string, yaml: string): CrisisFiles {
  return memoryCrisisFiles({ 'crisis.yaml': yaml, [file]: readFileSync(path.join(dir, file)) });
}
const taxonomy = (name: string) => readFileSync(path.join(ROOT, 'tests/fixtures/taxonomies', `${name}.yaml`), 'utf8');

const samples = readdirSync(path.join(ROOT, 'data')).filter((d) => existsSync(path.join(ROOT, 'data', d, 'crisis.yaml')));

describe('totals agree on the sample crises', () => {
  it('has sample crises to check', () => expect(samples.length).toBeGreaterThanOrEqual(2));
  it.each(samples)('%s', async (slug) => {
    // With the site's fault library, as `debrief analyze` reads them: the NHTSA recalls name library faults.
    const dir = path.join(ROOT, 'data', slug);
    const { result, leaks } = await leaksOf(nodeCrisisFiles(dir), readFaultLibraryFor(dir));
    expect(leaks).toEqual([]);
    expect(result.report.ledger.alerts).toEqual([]);
  }, SLOW);

  it('the incident audit log of issue 10 (cases, many versions per incident, a leap-day incident)', async () => {
    const { result, leaks } = await leaksOf(nodeCrisisFiles(path.join(ROOT, 'tests/fixtures/ingest/incident-log')));
    expect(leaks).toEqual([]);
    expect(result.report.counts.cases).toBe(300);
  }, SLOW);
});

const twcsHead = sharedData('twcs-head-5k');
const twcsRandom = sharedData('twcs-random-5k');
const replies = sharedData('twcs-brand-replies');
const airline = sharedData('airline-sentiment');
const cfpb = sharedData('cfpb-complaints-sample');
const nhtsa = sharedData('nhtsa-complaints-sample');

describe('totals agree on the real data sets', () => {
  it.skipIf(!twcsHead.present)('twcs-head-5k', async () => expect((await leaksOf(nodeCrisisFiles(twcsHead.dir))).leaks).toEqual([]), SLOW);
  it.skipIf(!twcsRandom.present)('twcs-random-5k', async () => expect((await leaksOf(nodeCrisisFiles(twcsRandom.dir))).leaks).toEqual([]), SLOW);
  it.skipIf(!replies.present)('twcs-brand-replies', async () => expect((await leaksOf(nodeCrisisFiles(replies.dir))).leaks).toEqual([]), SLOW);
  it.skipIf(!airline.present)('airline-sentiment, with the airline fault taxonomy', async () => {
    const { result, leaks } = await leaksOf(withYaml(airline.dir, 'Tweets-dev.csv', taxonomy('airline')));
    expect(result.report.sections.faults).toBeDefined();
    expect(leaks).toEqual([]);
  }, SLOW);
  it.skipIf(!cfpb.present)('cfpb-complaints-sample, with the CFPB fault taxonomy', async () => {
    const { result, leaks } = await leaksOf(withYaml(cfpb.dir, 'complaints_sample.csv', taxonomy('cfpb')));
    expect(result.report.sections.faults).toBeDefined();
    expect(leaks).toEqual([]);
  }, SLOW);
  it.skipIf(!nhtsa.present)('nhtsa complaints (positional columns)', async () => {
    const yaml = 'sources:\n  - file: complaints.txt\n    table: cases\n    columns: { id: 1, company: 3, product: 5, category: 12, opened_at: 16, text: 20 }\n';
    expect((await leaksOf(withYaml(nhtsa.dir, 'complaints.txt', yaml))).leaks).toEqual([]);
  }, SLOW);
});
