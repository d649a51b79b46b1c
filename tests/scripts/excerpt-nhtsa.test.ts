/**
 * The NHTSA sample quality portfolio: the committed excerpts are what
 * scripts/excerpt-nhtsa.ts cuts from ../shared (skipped, visibly, without it),
 * and Debrief's report counts every component per model and model year as an
 * independent count does (papaparse and yaml here, none of Debrief's code).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DATA_DIR, EXCERPT_FILE, MODELS, RECALLS_FILE, excerptNhtsa, excerptNhtsaRecalls, recallLabel } from '../../scripts/excerpt-nhtsa.ts';
import { parseFaultLibrary } from '../../src/analysis/config/fault-library.ts';
import { analyzeCrisis } from '../../src/analysis/pipeline.ts';
import { openNodeEngine } from '../../src/node/duckdb-node.ts';
import { nodeCrisisFiles } from '../../src/node/files.ts';
import { sharedData } from '../helpers/shared-data.ts';

const shared = sharedData('nhtsa-components-2015-2025/derived_complaints.csv');
const sharedRecalls = sharedData('nhtsa-components-2015-2025/derived_recalls.csv');
const LIBRARY = path.join(DATA_DIR, 'faults.yaml');

type Row = Record<string, string>;

/** Independent: code → id from data/faults.yaml as plain YAML; else the value's slug. */
function idOf(): (code: string) => string {
  const lib = (parseYaml(readFileSync(LIBRARY, 'utf8')) as { faults: Record<string, { codes?: string[] }> }).faults;
  const codes = new Map<string, string>();
  for (const [id, f] of Object.entries(lib)) for (const c of f.codes ?? []) codes.set(c.trim().toLowerCase(), id);
  return (code) => codes.get(code.trim().toLowerCase()) ?? code.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** Independent: a real calendar day inside the crises' window (crisis.yaml: 2014-01-01 … 2026-06-30, New York). */
function inWindow(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  if (d.getUTCMonth() !== +m[2]! - 1 || d.getUTCDate() !== +m[3]!) return false;
  return day >= '2014-01-01' && day <= '2026-06-30';
}

/** Independent counts: per fault, and per model year per fault; a complaint counts once per fault it names. */
function independentCounts(rows: Row[]): { kept: number; total: Map<string, number>; byYear: Map<string, Map<string, number>> } {
  const id = idOf();
  const total = new Map<string, number>();
  const byYear = new Map<string, Map<string, number>>();
  let kept = 0;
  for (const r of rows) {
    if (!inWindow(r.incident_date!)) continue;
    kept++;
    const ids = new Set(r.component!.split(',').map((s) => s.trim()).filter(Boolean).map(id));
    const year = byYear.get(r.year!) ?? new Map<string, number>();
    for (const f of ids) {
      total.set(f, (total.get(f) ?? 0) + 1);
      year.set(f, (year.get(f) ?? 0) + 1);
    }
    byYear.set(r.year!, year);
  }
  return { kept, total, byYear };
}

describe('excerpt-nhtsa', () => {
  it.skipIf(!shared.exists)('reproduces the committed excerpts byte for byte, and the full file has the figures SOURCE.md gives', () => {
    const text = readFileSync(shared.path, 'utf8');
    const all = Papa.parse<Row>(text, { header: true, skipEmptyLines: true }).data;
    expect(all).toHaveLength(33163);
    const makes = new Map<string, number>();
    for (const r of all) makes.set(r.make!, (makes.get(r.make!) ?? 0) + 1);
    expect(Object.fromEntries(makes)).toEqual({ FORD: 19848, TOYOTA: 8550, TESLA: 4765 });
    for (const e of excerptNhtsa(text)) {
      expect(readFileSync(path.join(DATA_DIR, e.slug, EXCERPT_FILE), 'utf8')).toBe(e.csv);
      expect(e.rows).toBe(all.filter((r) => r.model === e.model).length);
    }
  });

  it.skipIf(!sharedRecalls.exists)('reproduces the committed recall lists byte for byte: 55, 23 and 33 campaigns from 112, 37 and 130 rows', () => {
    const library = parseFaultLibrary(readFileSync(LIBRARY, 'utf8'), LIBRARY);
    const all = excerptNhtsaRecalls(readFileSync(sharedRecalls.path, 'utf8'), library);
    for (const e of all) expect(readFileSync(path.join(DATA_DIR, e.slug, RECALLS_FILE), 'utf8')).toBe(e.csv);
    expect(all.map((e) => [e.model, e.recalls, e.rows, e.mapped])).toEqual([
      ['Escape', 55, 112, 55],
      ['RAV4', 23, 37, 23],
      ['Model 3', 33, 130, 33],
    ]);
  });

  it('labels a recall by its campaign, system and part', () => {
    expect(recallLabel('18V894', 'EQUIPMENT:ELECTRICAL:ENGINE BLOCK HEATER')).toBe('Recall 18V894: Equipment – engine block heater');
    expect(recallLabel('21V1', 'POWER TRAIN:AUTOMATIC TRANSMISSION:GEAR POSITION INDICATION (PRNDL)')).toBe('Recall 21V1: Power train – gear position indication (PRNDL)');
    expect(recallLabel('16V2', 'ENGINE')).toBe('Recall 16V2: Engine');
    expect(recallLabel('20V635', 'ELECTRICAL SYSTEM:BODY CONTROL MODULE/BCM')).toBe('Recall 20V635: Electrical system – body control module/BCM');
  });

  it.each(MODELS.map((m) => [m.model, m.slug]))('%s: the report counts each component per model year as an independent count does', async (_model, slug) => {
    const dir = path.join(DATA_DIR, slug);
    const rows = Papa.parse<Row>(readFileSync(path.join(dir, EXCERPT_FILE), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const mine = independentCounts(rows);
    const engine = await openNodeEngine();
    try {
      const library = parseFaultLibrary(readFileSync(LIBRARY, 'utf8'), LIBRARY);
      const { report } = await analyzeCrisis(nodeCrisisFiles(dir), engine, { slug, faultLibrary: library });
      const faults = report.sections.faults!;
      expect(faults.considered).toBe(mine.kept);
      expect(report.counts.cases).toBe(mine.kept);
      // Every fault, in both directions.
      const reported = new Map(faults.pareto.filter((p) => p.count > 0).map((p) => [p.faultId, p.count]));
      expect(Object.fromEntries(reported)).toEqual(Object.fromEntries(mine.total));
      expect(faults.pareto.every((p) => p.kind === 'product')).toBe(true);
      // Multi-valued: shares of one kind sum above 100%.
      expect(faults.pareto.reduce((a, p) => a + p.share, 0)).toBeGreaterThan(1);
      // Per model year: the three most frequent components (ties by id) with their counts.
      const breakdown = report.sections.segments!.breakdowns.find((b) => b.field === 'year')!;
      for (const seg of breakdown.segments) {
        const year = mine.byYear.get(seg.value)!;
        const top = [...year].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3);
        expect(seg.topFaults.map((t) => [t.id, t.records]), `${slug} model year ${seg.value}`).toEqual(top);
      }
      expect(breakdown.segments.length).toBeGreaterThanOrEqual(5);
    } finally {
      await engine.close();
    }
  });
});
