/** The home page's portfolio (Arquero): figures per crisis from bundles' reports, "not measurable" with reasons (never 0), newest first, reviews' open items. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src/analysis/report/messages-csv.ts';
import type { ReportModel } from '../../src/analysis/report/report-model.ts';
import type { LoadedCrisis } from '../../src/site/crises.ts';
import type { ActionItem, NotebookMeta } from '../../src/site/notebook-meta.ts';
import { actionsText, portfolio, portfolioCsv } from '../../src/site/portfolio.ts';

/** The checked-in golden bundles' reports: real figures of the two sample crises. */
const golden = (slug: string): LoadedCrisis => ({ slug, report: JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../golden/${slug}/report.json`), 'utf8')) as ReportModel }) as LoadedCrisis;
const SMARTLOCK = golden('smartlock-firmware-2024');
const CFPB = golden('cfpb-credit-bureaus-2019');
/** 15 Jan 2026, 12:00 UTC: a build date after every due date below but one. */
const BUILT = Date.UTC(2026, 0, 15, 12);

const item = (due: string, status: ActionItem['status'] = 'open'): ActionItem => ({ action: `do ${due}`, owner: 'Ops', due, status, done: '' });
const review = (crisis: string, status: NotebookMeta['status'], actions: ActionItem[]): NotebookMeta => ({ crisis, title: `Review of ${crisis}`, authors: [], status, date: '2026-01-01', actions });

/** A bare crisis: whatever the test puts in its report, nothing else. */
function bare(slug: string, end: string | null, report: { counts?: Partial<ReportModel['counts']>; sections?: Record<string, unknown> } = {}): LoadedCrisis {
  return {
    slug,
    report: {
      crisis: { slug, title: `Crisis ${slug}`, timezone: 'Europe/Berlin', window: { start: end && '2025-03-01T00:00:00Z', end }, sla: { firstResponseMinutes: 60 }, businessHours: { days: [1], start: '09:00', end: '17:00' } },
      counts: { messages: 0, cases: 0, inboundMessages: 0, brandMessages: 0, authors: 0, conversations: 0, channels: [], ...report.counts },
      sections: report.sections ?? {},
    },
  } as unknown as LoadedCrisis;
}

describe('portfolio: figures per crisis from the sample bundles', () => {
  const rows = portfolio([CFPB, SMARTLOCK], [review('smartlock-firmware-2024', 'draft', [item('2025-11-01'), item('2026-02-01'), item('2025-10-01', 'done')])], BUILT);
  const [smartlock, cfpb] = rows;

  it('orders newest first whatever the input order', () => {
    expect(rows.map((r) => r.slug)).toEqual(['smartlock-firmware-2024', 'cfpb-credit-bureaus-2019']);
    expect(portfolio([SMARTLOCK, CFPB], [], BUILT).map((r) => r.slug)).toEqual(['smartlock-firmware-2024', 'cfpb-credit-bureaus-2019']);
  });

  it('a social crisis: messages (and its cases beside), severity not measurable with the timeline’s reason, conversations’ median response', () => {
    const r = SMARTLOCK.report;
    expect(smartlock!.dates).toBe('7–17 Oct 2024 EDT');
    expect(smartlock!.size).toMatchObject({ unit: 'messages', value: r.counts.messages, text: '11,257 messages', note: 'and 1,319 cases' });
    // The flagship surge has too little history before it for a baseline: never a multiple of a floor, never 0.
    expect(smartlock!.severity.value).toBeNull();
    expect(smartlock!.severity.text).toBe('not measurable');
    expect(smartlock!.severity.notMeasurable).toMatch(/^no baseline yet: fewer than 3 earlier days/);
    expect(smartlock!.severity.note).toBe('peak 292 customer messages per hour, 9 Oct 2024, 14:00 EDT');
    expect(smartlock!.response).toMatchObject({ basis: 'conversations', value: r.sections.response!.conversations!.time.medianSeconds, text: '5.8 h', note: 'median of 2,086 answered conversations' });
    // The most frequent product fault of the Pareto (the language analysis decides the counts).
    const top = r.sections.faults!.pareto.find((f) => (f.kind ?? 'product') === 'product' && f.count > 0)!;
    const n = (x: number) => x.toLocaleString('en-US');
    expect(smartlock!.topFault).toMatchObject({ label: top.label, value: top.count, of: r.sections.faults!.considered, candidate: false, note: `${n(top.count)} of ${n(r.sections.faults!.considered)} messages and cases in scope` });
  });

  it('a complaints crisis: cases, the peak multiple, response not measurable with the export’s reason', () => {
    expect(cfpb!.dates).toBe('18 Feb 2019 EST – 28 Apr 2019 EDT');
    expect(cfpb!.size).toMatchObject({ unit: 'cases', value: 1341, text: '1,341 cases' });
    expect(cfpb!.size.note).toBeUndefined();
    expect(cfpb!.severity).toEqual({ value: 21, text: '×21', note: 'peak 84 cases per day, 5 Apr 2019 EDT' });
    expect(cfpb!.response).toEqual({ basis: 'cases', value: null, text: 'not measurable', notMeasurable: CFPB.report.sections.response!.cases!.firstResponseNotMeasurable });
    expect(cfpb!.topFault.note).toMatch(/^\d+ of 158 cases in scope$/);
  });

  it('review status and open action items: past due by the build date, none for a crisis without a review', () => {
    expect(smartlock!.review).toEqual({ status: 'draft', actions: 3, open: 2, pastDue: 1 });
    expect(actionsText(smartlock!.review!)).toBe('2 of 3 action items open · 1 past due');
    expect(cfpb!.review).toBeNull();
  });

  it('the CSV holds every crisis in the page’s order, raw values, reasons beside the nulls', () => {
    const csv = portfolioCsv(rows).split('\n');
    expect(csv[0]!.split(',').slice(0, 8)).toEqual(['crisis', 'title', 'timezone', 'start', 'end', 'size', 'size_unit', 'severity_peak_multiple']);
    expect(csv).toHaveLength(4);
    const top = smartlock!.topFault;
    expect(csv[1]).toMatch(/^smartlock-firmware-2024,"Latchly .*",America\/New_York,.*,11257,messages,,"peak 292 .*",no baseline yet: .*,conversations,20773.5,,/);
    expect(csv[1]!.endsWith(`,${csvCell(top.label)},${top.value},${top.of},false,,draft,3,2,1`)).toBe(true);
    expect(csv[2]).toContain(',1341,cases,21,');
    expect(csv[2]).toContain(',cases,,the export has no first-response times for cases,');
  });
});

describe('portfolio: what the data cannot support is not measurable, with the reason', () => {
  it('no timeline, response or faults section: each says why', () => {
    const [r] = portfolio([bare('empty', '2025-03-02T00:00:00Z', { counts: { cases: 12 } })], [], BUILT);
    expect(r!.severity).toEqual({ value: null, text: 'not measurable', notMeasurable: 'the report has no timeline' });
    expect(r!.response).toEqual({ basis: 'cases', value: null, text: 'not measurable', notMeasurable: 'the report has no response section' });
    expect(r!.topFault).toMatchObject({ value: null, label: null, text: 'not measurable', notMeasurable: expect.stringMatching(/^the report has no faults section/) });
  });

  it('a timeline without a surge, messages without a brand reply, faults with nothing in scope', () => {
    const c = bare('quiet', '2025-03-02T00:00:00Z', {
      counts: { messages: 40, inboundMessages: 40, brandMessages: 0 },
      sections: {
        timeline: { source: 'messages', timezone: 'Europe/Berlin', bucket: { id: '1h' }, detection: { series: 'inbound' }, episodes: [], mainEpisodeIndex: null },
        response: { conversations: { time: { n: 0, medianSeconds: null, p90Seconds: null } } },
        faults: { considered: 0, classified: 0, pareto: [], classifiedByKind: { product: 0, service: 0 } },
      },
    });
    const [r] = portfolio([c], [], BUILT);
    expect(r!.severity.notMeasurable).toBe('no surge: volume stayed within its normal band');
    expect(r!.response.notMeasurable).toBe('the export contains no brand messages');
    expect(r!.topFault.notMeasurable).toBe('no messages were in scope for fault classification');
    for (const f of [r!.severity, r!.response, r!.topFault]) expect(f.value).toBeNull();
  });

  it('faults in scope but none found is "none found", not a fault of 0', () => {
    const c = bare('clean', '2025-03-02T00:00:00Z', { counts: { cases: 30 }, sections: { faults: { considered: 30, classified: 0, pareto: [{ faultId: 'x', label: 'X', kind: 'product', count: 0, share: 0, cumulativeShare: 0, firstSeen: null, lastSeen: null, volume: [] }] } } });
    expect(portfolio([c], [], BUILT)[0]!.topFault).toMatchObject({ value: null, text: 'none found', label: null, of: 30, note: 'no product fault in the 30 cases in scope' });
  });

  it('a candidate fault stands in when no configured fault was found, without the taxonomy’s "M"', () => {
    const c = bare('found', '2025-03-02T00:00:00Z', { counts: { messages: 50 }, sections: { candidateFaults: [{ key: 'hinge|broke', label: 'hinge broke', object: 'hinge', count: 7, firstSeen: 0, lastSeen: 1, exampleIds: [] }] } });
    expect(portfolio([c], [], BUILT)[0]!.topFault).toEqual({ value: 7, text: 'hinge broke', label: 'hinge broke', of: null, candidate: true, note: '7 messages, candidate fault (not in the taxonomy)' });
  });

  it('a review without action items has none open (measured); reviews of unknown crises are left out; ties by slug; no data last', () => {
    const rows = portfolio([bare('b', '2025-03-02T00:00:00Z'), bare('none', null), bare('a', '2025-03-02T00:00:00Z')], [review('a', 'final', []), review('ghost', 'draft', [item('2020-01-01')])], BUILT);
    expect(rows.map((r) => r.slug)).toEqual(['a', 'b', 'none']);
    expect(rows[0]!.review).toEqual({ status: 'final', actions: 0, open: 0, pastDue: 0 });
    expect(actionsText(rows[0]!.review!)).toBe('no action items');
    expect(rows[1]!.review).toBeNull();
    expect(rows[2]!.dates).toBe('no data');
    expect(actionsText({ status: 'final', actions: 2, open: 0, pastDue: 0 })).toBe('all 2 action items done');
    expect(portfolio([], [], BUILT)).toEqual([]);
  });
});
