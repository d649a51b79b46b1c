/**
 * `debrief new` on a crisis that already has its exports: the notebook takes
 * its title from crisis.yaml and fits what the crisis holds — a complaints
 * crisis opens with cases, resolution and backlog, not "we received 0
 * messages" — and every figure, chart and query in it works on the real
 * analysed bundle.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BUNDLE_TABLES } from '../../src/analysis/bundle/layout.ts';
import type { ReportModel } from '../../src/analysis/report/report-model.ts';
import { newCrisis } from '../../src/cli/new.ts';
import { openNodeEngine } from '../../src/node/duckdb-node.ts';
import { CHART_NAMES } from '../../src/site/chart-specs.ts';
import { kpi } from '../../src/site/kpis.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

/** A project root holding a copy of a sample crisis (crisis.yaml and exports, no notebook). */
function projectWith(sample: string, files: string[]): { root: string; dir: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'debrief-new-fit-'));
  const dir = path.join(root, 'data', sample);
  mkdirSync(dir, { recursive: true });
  for (const f of ['crisis.yaml', ...files]) copyFileSync(path.join(ROOT, 'data', sample, f), path.join(dir, f));
  return { root, dir };
}

/** Values of attribute `name` on `<tag>` elements outside MDX comments (the template's help lists examples). */
const attr = (mdx: string, tag: string, name: string) => [...mdx.replace(/\{\/\*[\s\S]*?\*\/\}/g, '').matchAll(new RegExp(`<${tag} [^>]*?${name}="([^"]+)"`, 'g'))].map((m) => m[1]!);

describe('debrief new on an existing crisis', () => {
  it('a complaints crisis gets a cases notebook whose every figure, chart and query works on its bundle', { timeout: 120_000 }, async () => {
    const { root, dir } = projectWith('cfpb-credit-bureaus-2019', ['complaints.csv']);
    // Before analysis: the shape comes from crisis.yaml's sources (format cfpb → cases).
    const before = await newCrisis(root, 'cfpb-credit-bureaus-2019');
    expect(before.created).toEqual([path.join(root, 'reports/cfpb-credit-bureaus-2019.mdx')]);
    const mdx = readFileSync(before.created[0]!, 'utf8');
    expect(mdx).toContain('title: "Post-incident review: Credit bureau complaints to the CFPB, spring 2019"');
    expect(mdx).not.toMatch(/we received|<Kpi name="messages"|Messages per channel/);
    // Complaints carry no service-desk fields: their responses, not resolution and backlog.
    expect(mdx).toContain('## Responses to the cases');
    expect(mdx).toContain('<Kpi name="response.cases.timely" />');
    expect(before.next).toContain('cases only');

    // After analysis the bundle decides, and it agrees.
    const bundle = path.join(root, '.debrief/bundles/cfpb-credit-bureaus-2019');
    await run(process.execPath, [path.join(ROOT, 'bin/debrief.mjs'), 'analyze', dir, '--out', bundle, '--quiet', '--workers', '0']);
    const report = JSON.parse(readFileSync(path.join(bundle, 'report.json'), 'utf8')) as ReportModel;
    expect(report.sections.tickets).toBeUndefined();
    // Every figure resolves to a value or says why it is not measurable, never a bare "–".
    for (const name of attr(mdx, 'Kpi', 'name')) expect(kpi(report, name), name).toSatisfy((k: ReturnType<typeof kpi>) => k.value !== null || !!k.notMeasurable);
    for (const name of attr(mdx, 'Chart', 'name')) expect(CHART_NAMES as readonly string[]).toContain(name);
    const engine = await openNodeEngine();
    try {
      for (const { table, file } of BUNDLE_TABLES) await engine.loadArrow(table, new Uint8Array(readFileSync(path.join(bundle, file))));
      const queries = attr(mdx, 'Query', 'sql');
      expect(queries.length).toBeGreaterThanOrEqual(2);
      for (const sql of queries) expect((await engine.query(sql)).length, sql).toBeGreaterThan(0);
    } finally {
      await engine.close();
    }
  });

  it('a crisis with posts and tickets gets the social review with a cases part; a fresh scaffold gets the social one', async () => {
    const { root } = projectWith('smartlock-firmware-2024', ['posts.csv', 'tickets.json']);
    const mixed = readFileSync((await newCrisis(root, 'smartlock-firmware-2024')).created[0]!, 'utf8');
    expect(mixed).toContain('<Kpi name="messages" />');
    expect(mixed).toContain('### Resolution and service level');
    expect(mixed).toContain('<Chart name="open-cases" />');
    const fresh = await newCrisis(root, 'router-outage-2024');
    expect(fresh.created.map((f) => path.relative(root, f))).toEqual(['data/router-outage-2024/crisis.yaml', 'reports/router-outage-2024.mdx']);
    const scaffold = readFileSync(fresh.created[1]!, 'utf8');
    expect(scaffold).toContain('<Kpi name="messages" />');
    expect(scaffold).not.toContain('Resolution and service level');
    await expect(newCrisis(root, 'router-outage-2024')).rejects.toThrow(/already exists/);
  });
});
