/**
 * The segments section on a hand-made social export
 * (tests/fixtures/segments/brand-lines): every expected figure below is worked
 * out by hand from messages.csv, in the comments beside it. Sentiment labels
 * and themes come from stand-in analyses with fixed answers, so the figures
 * do not move with the sentiment model or theme discovery.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { responseAnalysis } from '../../../../src/analysis/crisis/response.ts';
import { faultsAnalysis } from '../../../../src/analysis/language/faults-analysis.ts';
import type { AnalyzeResult } from '../../../../src/analysis/pipeline.ts';
import { setColumn, type Analysis } from '../../../../src/analysis/runner/analysis.ts';
import type { Theme } from '../../../../src/analysis/nlp/themes/types.ts';
import { segmentsAnalysis } from '../../../../src/analysis/sections/segments/analysis.ts';
import type { SegmentBreakdown, SegmentFigures, SegmentsSection } from '../../../../src/analysis/sections/segments/schema.ts';
import { memoryCrisisFiles, runCrisis } from '../../crisis/helpers.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../../../fixtures/segments/brand-lines');

/** Sentiment by message id; the brand's b1 is "negative" on purpose: brand messages must not count. */
const SENTIMENT: Record<string, string> = { c1: 'negative', c2: 'negative', c3: 'positive', c4: 'negative', c5: 'neutral', c6: 'negative', c7: 'positive', c8: 'neutral', b1: 'negative', b2: 'neutral', b5: 'neutral' };
/** Themes by message id (`;`-joined, as the themes analysis writes them). */
const THEMES: Record<string, string> = { c1: 'delivery;orders', c2: 'refund;orders', c3: 'support', c4: 'app', c5: 'app;account', c6: 'delivery', c7: 'app' };

const fixedSentiment: Analysis = {
  name: 'sentiment',
  sections: [],
  columns: ['sentiment'],
  async run(ctx) {
    for (const m of ctx.messages) setColumn(ctx, m.id, 'sentiment', SENTIMENT[m.id]!);
  },
};

const theme = (id: string): Theme => ({ id, label: `theme ${id}`, phrases: [], phrasesTotal: 0, messageCount: 0, share: 0, volume: [], representatives: [] });

const fixedThemes: Analysis = {
  name: 'themes',
  sections: ['themes'],
  columns: ['themes'],
  async run(ctx) {
    const ids = ['app', 'delivery', 'orders', 'account', 'refund', 'support'];
    ctx.report.sections.themes = {
      source: 'messages', version: 'fixed', messageCount: 8, distinctTexts: 8, discoverySample: 8, weighting: 'background', bucketMs: 3_600_000, bucketStarts: [],
      themes: ids.map(theme), themesTotal: ids.length, emerging: [], contextTerms: [], contextTermsTotal: 0,
    };
    for (const [id, themes] of Object.entries(THEMES)) setColumn(ctx, id, 'themes', themes);
  },
};

const ANALYSES = [fixedSentiment, fixedThemes, responseAnalysis, faultsAnalysis, segmentsAnalysis];

let result: AnalyzeResult;
let s: SegmentsSection;
const by = (field: string) => s.breakdowns.find((b) => b.field === field)!;
const seg = (field: string, value: string) => by(field).segments.find((x) => x.value === value)!;

beforeAll(async () => {
  result = await runCrisis(FIXTURE, ANALYSES);
  s = result.report.sections.segments!;
}, 60_000);

/** Checks that a breakdown's segments add up to its overall row, and the overall row to the crisis. */
function expectAddsUp(b: SegmentBreakdown, r: AnalyzeResult) {
  const sum = (k: (f: SegmentFigures) => number) => b.segments.reduce((n, f) => n + k(f), 0);
  expect(b.omittedVolume).toBe(0);
  expect(sum((f) => f.volume)).toBe(b.overall.volume);
  expect(b.overall.volume).toBe(r.report.counts.inboundMessages);
  expect(sum((f) => f.conversations ?? 0)).toBe(r.report.counts.conversations);
  expect(sum((f) => f.negative)).toBe(b.overall.negative);
  expect(sum((f) => f.labelled)).toBe(b.overall.labelled);
  expect(sum((f) => f.slaDecided)).toBe(b.overall.slaDecided);
  expect(sum((f) => f.slaMet)).toBe(b.overall.slaMet);
  expect(sum((f) => f.firstResponse.n)).toBe(b.overall.firstResponse.n);
}

describe('segments on the brand-lines fixture', () => {
  it('has one breakdown per segments: field, in crisis.yaml order, without crossing them', () => {
    expect(s.breakdowns.map((b) => [b.field, b.source, b.table, b.slaBasis, b.segmentsTotal])).toEqual([
      ['line', 'attribute', 'messages', 'firstResponse', 4],
      ['channel', 'field', 'messages', 'firstResponse', 2],
      ['region', 'attribute', 'messages', 'firstResponse', 1],
    ]);
  });

  it('orders segments by volume (ties by value) and keeps records without a value as "(none)", counted', () => {
    // Customer messages: Alpha c1 c2 c3, Beta c4 c5 c7, no line c6, Gamma c8. Brand messages (no line) are not customer messages.
    expect(by('line').segments.map((x) => [x.value, x.volume, x.share])).toEqual([
      ['Alpha', 3, 0.375],
      ['Beta', 3, 0.375],
      ['(none)', 1, 0.125],
      ['Gamma', 1, 0.125],
    ]);
    expect(s.notes).toContain('line: 1 customer message(s) without a value form the segment "(none)".');
  });

  it('adds up: segment volumes, conversations, negatives, SLA counts and response times sum to the overall row and the crisis', () => {
    for (const b of s.breakdowns) expectAddsUp(b, result);
  });

  it('counts negative customer messages only, over labelled ones', () => {
    // Alpha c1 c2 negative, c3 positive; Beta c4 of c4 c5 c7; (none) c6; Gamma c8 neutral. b1 (brand, "negative") is left out.
    expect(by('line').segments.map((x) => [x.value, x.negative, x.labelled, x.negativeShare])).toEqual([
      ['Alpha', 2, 3, 0.6667],
      ['Beta', 1, 3, 0.3333],
      ['(none)', 1, 1, 1],
      ['Gamma', 0, 1, 0],
    ]);
    expect(by('line').overall).toMatchObject({ negative: 4, labelled: 8, negativeShare: 0.5 });
  });

  it('places a conversation in the segment of its first customer message, and measures first response as the response section', () => {
    // Alpha: c1 answered by b1 after 1800 s, c2 by b2 after 7200 s (c3 replies inside c1's conversation) → median 4500, p90 1800 + 0.9·5400.
    expect(seg('line', 'Alpha')).toMatchObject({ conversations: 2, firstResponse: { n: 2, medianSeconds: 4500, p90Seconds: 6660 }, slaDecided: 2, slaMet: 1, slaShare: 0.5 });
    // Beta: c4 unanswered, c5 answered after 600 s, c7 unanswered → 1 of 3 within 60 min.
    expect(seg('line', 'Beta')).toMatchObject({ conversations: 3, firstResponse: { n: 1, medianSeconds: 600, p90Seconds: 600 }, slaDecided: 3, slaMet: 1, slaShare: 0.3333 });
    // Overall: 600, 1800, 7200 → median 1800, p90 1800 + 0.8·5400; 2 of 6 conversations within the SLA.
    expect(by('line').overall).toMatchObject({ conversations: 6, firstResponse: { n: 3, medianSeconds: 1800, p90Seconds: 6120 }, slaShare: 0.3333 });
    expect(seg('channel', 'twitter')).toMatchObject({ volume: 5, conversations: 4, negativeShare: 0.6, firstResponse: { n: 2, medianSeconds: 4500, p90Seconds: 6660 }, slaShare: 0.25 });
    expect(seg('channel', 'facebook')).toMatchObject({ volume: 3, conversations: 2, negativeShare: 0.3333, firstResponse: { n: 1, medianSeconds: 600, p90Seconds: 600 }, slaShare: 0.5 });
  });

  it('a one-segment breakdown gives the crisis-wide response figures', () => {
    const [eu] = by('region').segments;
    const conv = result.report.sections.response!.conversations!;
    expect(eu!.value).toBe('EU');
    expect(eu!.volume).toBe(result.report.counts.inboundMessages);
    expect(eu!.conversations).toBe(conv.conversations);
    expect(eu!.firstResponse).toEqual({ n: conv.time.n, medianSeconds: conv.time.medianSeconds, p90Seconds: conv.time.p90Seconds });
    expect(eu!.slaShare).toBe(conv.withinSlaShare);
    expect({ ...eu!, value: 'all' }).toEqual(by('region').overall);
  });

  it('says why a figure is not measurable instead of writing 0', () => {
    // (none): c6 starts a conversation nobody answered — no time, but a measured 0 of 1 within the SLA (unanswered counts as missed).
    expect(seg('line', '(none)')).toMatchObject({
      firstResponse: { n: 0, medianSeconds: null, p90Seconds: null },
      firstResponseNotMeasurable: 'no conversation of this segment has a brand reply',
      slaDecided: 1, slaMet: 0, slaShare: 0,
    });
    // Gamma: c8 replies inside c4's conversation, so no conversation starts in Gamma.
    expect(seg('line', 'Gamma')).toMatchObject({
      conversations: 0,
      firstResponse: { n: 0, medianSeconds: null, p90Seconds: null },
      firstResponseNotMeasurable: 'no conversation starts with a customer message of this segment',
      slaShare: null,
      slaShareNotMeasurable: 'no conversation starts with a customer message of this segment',
    });
    for (const b of s.breakdowns) for (const f of [b.overall, ...b.segments]) {
      if (f.firstResponse.medianSeconds === null) expect(f.firstResponseNotMeasurable).toBeTruthy();
      if (f.slaShare === null) expect(f.slaShareNotMeasurable).toBeTruthy();
      if (f.negativeShare === null) expect(f.negativeShareNotMeasurable).toBeTruthy();
    }
  });

  it('lists the top three themes and faults of each segment with N of M', () => {
    // Alpha: orders (c1, c2), then delivery, refund, support once each: the first two by id, 3 of 4.
    expect(seg('line', 'Alpha').topThemes).toEqual([
      { id: 'orders', label: 'theme orders', records: 2, share: 0.6667 },
      { id: 'delivery', label: 'theme delivery', records: 1, share: 0.3333 },
      { id: 'refund', label: 'theme refund', records: 1, share: 0.3333 },
    ]);
    expect(seg('line', 'Alpha').topThemesTotal).toBe(4);
    expect(seg('line', 'Beta').topThemes.map((t) => [t.id, t.records])).toEqual([['app', 3], ['account', 1]]);
    expect(by('line').overall.topThemes.map((t) => [t.id, t.records])).toEqual([['app', 3], ['delivery', 2], ['orders', 2]]);
    expect(by('line').overall.topThemesTotal).toBe(6);
    // Faults of the negative customer messages: c1 late, c2 refund, c4 app, c6 late.
    expect(seg('line', 'Alpha').topFaults).toEqual([
      { id: 'late', label: 'Late delivery', records: 1, share: 0.3333 },
      { id: 'refund', label: 'Refund missing', records: 1, share: 0.3333 },
    ]);
    expect(by('line').overall.topFaults.map((t) => [t.id, t.records])).toEqual([['late', 2], ['app', 1], ['refund', 1]]);
    // Gamma mentions nothing: an empty list, measured.
    expect(seg('line', 'Gamma')).toMatchObject({ topThemes: [], topThemesTotal: 0, topFaults: [], topFaultsTotal: 0 });
    expect(seg('line', 'Gamma').topThemesNotMeasurable).toBeUndefined();
  });

  it('flags segments with few records and keeps them', () => {
    expect(s.fewRecordsBelow).toBe(30);
    expect(by('line').segments.every((x) => x.fewRecords)).toBe(true);
    expect(s.notes).toContain('line: 4 of 4 segments have fewer than 30 records; read their shares and times with care.');
  });

  it('is the same report twice (deterministic)', async () => {
    const again = await runCrisis(FIXTURE, ANALYSES);
    expect(JSON.stringify(again.report.sections.segments)).toBe(JSON.stringify(s));
  });
});

describe('segments configuration', () => {
  const files = (yaml: string) => memoryCrisisFiles({ 'crisis.yaml': yaml, 'messages.csv': readFileSync(path.join(FIXTURE, 'messages.csv'), 'utf8') });
  const yaml = (segments: string) => `brand: { handles: [acme] }\nsources:\n  - file: messages.csv\n    format: generic\nsegments: ${segments}\n`;

  it('rejects a name that is no field of the data, naming it and listing what is available', async () => {
    const run = runCrisis(files(yaml('[line, airline, priority]')), [segmentsAnalysis]);
    await expect(run).rejects.toMatchObject({ name: 'ConfigError' });
    const error = (await run.then(
      () => new Error('no error'),
      (e: Error) => e,
    ));
    expect(error.message).toContain('segments[1]: "airline" — not a field or kept attribute of this crisis\'s messages. Available: message fields: channel; message attributes: line, region.');
    expect(error.message).toContain('segments[2]: "priority" — no customer message has a priority (map it in sources[].columns).');
    expect(error.message).not.toContain('segments[0]');
  });

  it('writes no section when crisis.yaml names no segments', async () => {
    const r = await runCrisis(files(yaml('[]')), [segmentsAnalysis]);
    expect(r.report.sections.segments).toBeUndefined();
  });
});
