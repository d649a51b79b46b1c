/** A finished analysis as /analyze/ shows it: the summary page's KPI and chart functions on the shared report, and its ledger. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/analysis/report/report-model.ts';
import { analysisView } from '../../src/analyzer/report-view.ts';
import { headlineKpis } from '../../src/site/kpis.ts';

const golden = (slug: string) => JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../golden', slug, 'report.json'), 'utf8')) as ReportModel;

describe('analysisView', () => {
  it('shows the summary’s headline KPIs, the volume, sentiment, themes and faults charts, and the ledger', () => {
    const report = golden('smartlock-firmware-2024');
    const view = analysisView(report);
    expect(view.kpis.map((k) => [k.name, k.text])).toEqual(headlineKpis(report).map((k) => [k.name, k.text]));
    expect(view.kpis.find((k) => k.name === 'messages')?.text).toBe(report.counts.messages.toLocaleString('en-US'));
    expect(view.charts.map((c) => c.id)).toEqual(['timeline', 'sentiment', 'themes', 'faults']);
    expect(view.charts.every((c) => c.rows.length > 0)).toBe(true);
    expect(view.messages).toBe(report.counts.messages);
    expect(view.ledger.totals.loaded).toBe(report.ledger.totals.loaded);
    expect(view.subtitle).toBe('7–17 Oct 2024 EDT · 11,257 messages · times in America/New_York (EDT)');
    // Each source's notes are listed with its file, after crisis.yaml's assumptions.
    const notes = report.ledger.sources.flatMap((s) => s.notes.map((n) => `${s.file}: ${n}`));
    expect(view.assumptions).toEqual([...report.crisis.assumptions, ...notes]);
  });

  it('charts only what the report has: a cases-only crisis draws no message timeline', () => {
    const report = golden('cfpb-credit-bureaus-2019');
    const view = analysisView(report);
    expect(report.counts.messages).toBe(0);
    expect(view.messages).toBe(0);
    expect(view.subtitle).toContain(`${report.counts.cases.toLocaleString('en-US')} cases`);
    for (const c of view.charts) expect(c.rows.length).toBeGreaterThan(0);
    const bare = analysisView({ ...report, sections: {} });
    expect(bare.charts).toEqual([]);
  });
});
