/**
 * Lists the site shows only the first items of say "N of M", and their CSV
 * downloads hold all M rows (issue 10). M counts every distinct item, the
 * empty category "(none)" included.
 */
import { describe, expect, it } from 'vitest';
import { responseAnalysis } from '../../src/analysis/crisis/response.ts';
import type { PlaybookSection, ResponseSection } from '../../src/analysis/crisis/types.ts';
import type { Theme, ThemesResult } from '../../src/analysis/nlp/themes/types.ts';
import { renderChart } from '../../src/site/charts/render.ts';
import { caseCategoriesChart } from '../../src/site/charts/response-charts.ts';
import { faultParetoChart, themesChart } from '../../src/site/charts/topic-charts.ts';
import type { FaultView, FaultsView } from '../../src/site/faults.ts';
import { caseGroupTable, sequencesTable, shownOf } from '../../src/site/lists.ts';
import { memoryCrisisFiles, runCrisis } from '../analysis/crisis/helpers.ts';
import { NAMED_COUNTS, TOTAL_CASES, manyCategoriesCsv } from '../fixtures/crisis/many-categories.ts';

/** Data lines of a CSV (header left out). */
const dataLines = (csv: string) => csv.trimEnd().split('\n').slice(1);

describe('case categories: 27 named and the empty ones', () => {
  const cases = runCrisis(memoryCrisisFiles({ 'tickets.csv': manyCategoriesCsv() }), [responseAnalysis]).then((r) => (r.report.sections.response as ResponseSection).cases!);
  const categories = NAMED_COUNTS.length + 1;

  it('the chart draws the 10 largest of 28 categories, says so, and its CSV has all 28', async () => {
    const c = await cases;
    const spec = caseCategoriesChart(c)!;
    expect(spec.rows).toHaveLength(10);
    const covered = NAMED_COUNTS.slice(0, 10).reduce((a, b) => a + b, 0);
    expect(spec.caption).toContain(`The 10 largest of ${categories} issue categories (${covered} of ${TOTAL_CASES} cases; the CSV has all ${categories})`);
    expect(spec.caption).toContain('“(none)”: no category in the export');
    const lines = dataLines(renderChart(spec).csv);
    expect(lines).toHaveLength(categories);
    expect(lines.some((l) => l.startsWith('(none),4,'))).toBe(true);
  });

  it('the response page table shows 15 of 28 and its CSV has all 28', async () => {
    const c = await cases;
    const table = caseGroupTable('category', c.byCategory);
    expect(table.shown).toHaveLength(15);
    expect(table.total).toBe(categories);
    expect(table.caption).toBe(`Cases by category: 15 of ${categories} categories, most cases first; “(none)”: not given in the export`);
    const lines = dataLines(table.csv);
    expect(lines).toHaveLength(categories);
    expect(lines.map((l) => Number(l.split(',')[1])).reduce((a, b) => a + b, 0)).toBe(TOTAL_CASES);
  });
});

describe('other top-N lists', () => {
  it('playbook step orders: 10 of 12 shown, 12 in the CSV', () => {
    const steps = ['acknowledge', 'offline', 'apologise', 'resolve', 'close_loop'] as const;
    const sequences = Array.from({ length: 12 }, (_, i) => ({ steps: steps.filter((_, k) => (i + 1) & (1 << k)), conversations: 20 - i }));
    const playbook = { steps: steps.map((step) => ({ step, label: step })), sequences } as unknown as PlaybookSection;
    const table = sequencesTable(playbook);
    expect(table.shown).toHaveLength(10);
    expect(table.caption).toBe('Most common step orders: 10 of 12 orders that occurred, most conversations first');
    expect(dataLines(table.csv)).toHaveLength(12);
    expect(dataLines(table.csv)[0]).toBe('acknowledge,20');
  });

  it('themes: 8 drawn of the 10 the report describes of 25 found; the CSV has the 10', () => {
    const theme = (i: number): Theme => ({ id: `t${i}`, label: `theme ${i}`, phrases: [], phrasesTotal: 0, messageCount: 100 - i, share: 0.1, volume: [], representatives: [] });
    const t = { themes: Array.from({ length: 10 }, (_, i) => theme(i)), themesTotal: 25 } as unknown as ThemesResult;
    const spec = themesChart(t)!;
    expect(spec.rows).toHaveLength(8);
    expect(spec.caption).toMatch(/^The 8 largest of the 10 strongest of 25 themes found \(the CSV has all 10\)/);
    expect(dataLines(renderChart(spec).csv)).toHaveLength(10);
  });

  it('faults: 10 drawn of the 12 that matched; the CSV has the 12', () => {
    const fault = (i: number): FaultView => ({ id: `f${i}`, label: `fault ${i}`, count: i < 12 ? 30 - i : 0, share: 0.05, cumulativeShare: 0.5, firstSeen: null, lastSeen: null, volume: [], exampleIds: [], candidate: false });
    const view: FaultsView = { unit: 'messages', considered: 400, classified: 300, bucketMs: 3_600_000, bucketStarts: [], consideredVolume: [], services: [], classifiedByKind: { product: 300, service: 0 }, codeColumns: [], faults: Array.from({ length: 13 }, (_, i) => fault(i)), candidates: [], candidatesTotal: 0 };
    const spec = faultParetoChart(view)!;
    expect(spec.rows).toHaveLength(10);
    expect(spec.caption).toContain('the 10 most frequent of 12 faults that matched (the CSV has all 12)');
    expect(dataLines(renderChart(spec).csv)).toHaveLength(12);
  });

  it('words "N of M" only when something is left out', () => {
    expect(shownOf(10, 1234)).toBe('10 of 1,234');
    expect(shownOf(3, 3)).toBe('3');
  });
});
