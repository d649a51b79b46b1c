/**
 * Faults across crises (Arquero): rates per 1,000 in scope, kinds apart, –
 * where a crisis lacks the fault, one meaning per id; and, on the real NHTSA
 * Ford Escape data with its recalls, each fault's rate before and after its
 * last recall as an independent count finds (papaparse and yaml here).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseFaultLibrary } from '../../src/analysis/config/fault-library.ts';
import { analyzeCrisis } from '../../src/analysis/pipeline.ts';
import { openNodeEngine } from '../../src/node/duckdb-node.ts';
import { nodeCrisisFiles } from '../../src/node/files.ts';
import type { LoadedCrisis } from '../../src/site/crises.ts';
import { faultFixChart } from '../../src/site/fault-fix-chart.ts';
import { faultsAcross, faultsAcrossCsv, formatRate } from '../../src/site/faults-all.ts';
import { renderChart } from '../../src/site/charts/render.ts';

const H = 3_600_000;
const row = (faultId: string, label: string, kind: 'product' | 'service', count: number, volume: number[]) => ({ faultId, label, kind, count, share: 0, cumulativeShare: 0, firstSeen: count ? 0 : null, lastSeen: count ? H : null, volume, exampleIds: [] });
const crisis = (slug: string, considered: number, pareto: ReturnType<typeof row>[]): LoadedCrisis =>
  ({
    slug,
    report: {
      crisis: { slug, title: `Crisis ${slug}`, timezone: 'America/New_York', window: {} },
      counts: { messages: considered, cases: 0 },
      sections: { faults: { version: 'faults-3', considered, classified: 0, classifiedByKind: { product: 0, service: 0 }, consideredVolume: [considered / 2, considered / 2], pareto, bucketMs: H, bucketStarts: [0, H], casesConsidered: 0, casesClassified: 0 } },
    },
  }) as unknown as LoadedCrisis;

describe('faultsAcross', () => {
  const a = crisis('a', 1000, [row('engine', 'Engine', 'product', 50, [20, 30]), row('support-delay', 'Waiting for support', 'service', 400, [200, 200])]);
  const b = crisis('b', 200, [row('engine', 'Engine', 'product', 0, [0, 0]), row('brakes', 'Brakes', 'product', 30, [10, 20])]);

  it('ranks product faults by rate per 1,000, service failures after them, and gives – where a crisis lacks the fault', () => {
    const rows = faultsAcross([a, b]);
    expect(rows.map((r) => [r.key, r.kind, r.total, r.pooledRate])).toEqual([
      ['brakes', 'product', 30, 150],
      ['engine', 'product', 50, (1000 * 50) / 1200],
      ['support-delay', 'service', 400, 400],
    ]);
    expect(rows[1]!.rates).toEqual({ a: 50, b: 0 });
    expect('a' in rows[0]!.rates).toBe(false);
    expect(rows.map((r) => r.page)).toEqual(['brakes', 'engine', 'support-delay']);
    expect(formatRate(rows[1]!.pooledRate)).toBe('41.7');
    expect(faultsAcrossCsv(rows).split('\n')[0]).toContain('rate_per_1000');
  });

  it('stops when two crises give one id another label or kind, naming both', () => {
    const c = crisis('c', 100, [row('support-delay', 'Cannot reach anyone', 'service', 5, [2, 3])]);
    expect(() => faultsAcross([a, c])).toThrow(/fault "support-delay": "Waiting for support" \(service\) in a vs "Cannot reach anyone" \(service\) in c/);
  });
});

describe('after its fix, on the NHTSA Ford Escape complaints and recalls', () => {
  const ROOT = path.resolve(import.meta.dirname, '../..');
  const dir = path.join(ROOT, 'data/nhtsa-ford-escape-2015-2025');
  const LIBRARY = path.join(ROOT, 'data/faults.yaml');

  it('compares each recalled fault\'s rate before and after its last recall as an independent count does', { timeout: 120_000 }, async () => {
    const engine = await openNodeEngine();
    let crisis: LoadedCrisis;
    try {
      const { report } = await analyzeCrisis(nodeCrisisFiles(dir), engine, { slug: 'nhtsa-ford-escape-2015-2025', faultLibrary: parseFaultLibrary(readFileSync(LIBRARY, 'utf8'), LIBRARY) });
      crisis = { slug: 'nhtsa-ford-escape-2015-2025', report } as LoadedCrisis;
    } finally {
      await engine.close();
    }
    const rows = faultsAcross([crisis]);
    const recalled = rows.filter((r) => r.byCrisis[0]!.afterFix);
    // Independent: complaints as days (New York midnight) with their faults; recalls from recalls.csv.
    const lib = (parseYaml(readFileSync(LIBRARY, 'utf8')) as { faults: Record<string, { codes?: string[] }> }).faults;
    const idOf = (code: string) => Object.keys(lib).find((k) => (lib[k]!.codes ?? []).some((c) => c.toLowerCase() === code.trim().toLowerCase())) ?? code.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    // Midnight in New York: 05:00 UTC in winter (EST), 04:00 in summer (EDT).
    const hourInNy = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', hourCycle: 'h23' });
    const nyMidnight = (day: string) => {
      const guess = Date.parse(`${day}T05:00:00Z`);
      return guess - Number(hourInNy.format(guess)) * 3_600_000;
    };
    const complaints = Papa.parse<Record<string, string>>(readFileSync(path.join(dir, 'complaints.csv'), 'utf8'), { header: true, skipEmptyLines: true })
      .data.filter((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.incident_date!) && r.incident_date! >= '2014-01-01' && r.incident_date! <= '2026-06-30' && !Number.isNaN(Date.parse(r.incident_date!)))
      .map((r) => ({ ms: nyMidnight(r.incident_date!), faults: new Set(r.component!.split(',').filter((p) => p.trim()).map(idOf)) }));
    const recalls = Papa.parse<Record<string, string>>(readFileSync(path.join(dir, 'recalls.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const section = crisis!.report.sections.faults!;
    const origin = section.bucketStarts[0]!;
    const week = section.bucketMs;
    expect(week).toBe(7 * 86_400_000);
    const bucketOf = (ms: number) => origin + Math.floor((ms - origin) / week) * week;

    // The library faults the Escape's recalls name (all 55 campaigns are tied to one), and what the comparison says on each.
    expect(Object.fromEntries(recalled.map((r) => [r.key, [r.byCrisis[0]!.fixes.length, r.byCrisis[0]!.afterFix!.verdict]]))).toEqual({
      engine: [6, 'came back after its fix'],
      'power-train': [6, 'fell after its fix'],
      structure: [1, 'fell after its fix'],
      'electrical-system': [11, 'came back after its fix'],
      'fuel-propulsion': [6, 'came back after its fix'],
      'service-brakes': [3, 'fell after its fix'],
      'forward-collision-avoidance': [1, 'came back after its fix'],
      'air-bags': [3, 'fell after its fix'],
      'back-over-prevention': [6, 'came back after its fix'],
      'electronic-stability-control': [1, 'too few to tell'],
      equipment: [3, 'too few to tell'],
      'latches-locks': [2, 'fell after its fix'],
      'seat-belts': [2, 'too few to tell'],
      seats: [1, 'too few to tell'],
      tires: [1, 'came back after its fix'],
      visibility: [2, 'too few to tell'],
    });
    for (const r of recalled) {
      const b = r.byCrisis[0]!;
      const a = b.afterFix!;
      const mine = recalls.filter((x) => x.faults!.split(';').includes(r.key)).sort((x, y) => (x.at! < y.at! ? -1 : 1));
      expect(b.fixes.map((e) => e.id)).toEqual(mine.map((x) => x.id));
      const fixMs = nyMidnight(mine.at(-1)!.at!.slice(0, 10));
      expect(Date.parse(a.fix.at)).toBe(fixMs);
      const first = Math.min(...complaints.filter((c) => c.faults.has(r.key)).map((c) => bucketOf(c.ms)));
      const before = complaints.filter((c) => bucketOf(c.ms) >= first && bucketOf(c.ms) + week <= fixMs);
      const after = complaints.filter((c) => bucketOf(c.ms) >= fixMs);
      expect([a.before.records, a.before.inScope, a.after.records, a.after.inScope], r.key).toEqual([before.filter((c) => c.faults.has(r.key)).length, before.length, after.filter((c) => c.faults.has(r.key)).length, after.length]);
      // The verdict follows from the rates and a z-test computed here.
      const [x1, n1, x2, n2] = [a.before.records, a.before.inScope, a.after.records, a.after.inScope];
      const p = (x1 + x2) / (n1 + n2);
      const z = (x2 / n2 - x1 / n1) / Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
      // Too few when a cell would expect under 5 records at equal rates, or when nothing came after a fall the test cannot show.
      const tooFew = Math.min(n1 * p, n2 * p, n1 * (1 - p), n2 * (1 - p)) < 5;
      expect(a.verdict, r.key).toBe(tooFew ? 'too few to tell' : z < -1.959964 ? 'fell after its fix' : x2 === 0 ? 'too few to tell' : 'came back after its fix');
    }
    // The CSV carries it; the fault page's chart marks the recalls (ticks beyond 15, letters below) and lists them in its description.
    const csv = faultsAcrossCsv(rows).split('\n');
    expect(csv[0]).toContain('fix_events,last_fix_at,last_fix,rate_before_last_fix,rate_after_last_fix,after_fix,after_fix_p_value');
    expect(csv.find((l) => l.startsWith('power-train,'))).toContain(',fell after its fix,');
    const engineRow = recalled.find((r) => r.key === 'electrical-system')!;
    const chart = faultFixChart(engineRow.page!, engineRow.label, engineRow.byCrisis[0]!)!;
    expect(chart.markers).toHaveLength(11);
    expect(chart.spec.summary).toContain('11 fix or recall events marked: A, Recall 15V406: Electrical system – instrument cluster/panel (24 Jun 2015 EDT)');
    const svg = renderChart(chart.spec).svg;
    expect(svg).toContain('>K<');
  });
});
