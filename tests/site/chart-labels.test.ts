/**
 * Chart labels never collide or get cut (issue 13 item 5): long category
 * names wrap onto further lines with the axis given their room, rotated band
 * names stay above the caption, and a share after every bar that says
 * nothing bar by bar ("· 100%") is left out.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { ResponseSection } from '../../src/analysis/crisis/types.ts';
import type { FaultView, FaultsView } from '../../src/site/faults.ts';
import { categoryAxis, rotatedLabelsMargin, sharesTellApart, textPx, wrapLabel } from '../../src/site/charts/axis-labels.ts';
import { renderChart } from '../../src/site/charts/render.ts';
import { caseCategoriesChart, responseBandsChart } from '../../src/site/charts/response-charts.ts';
import { faultParetoChart } from '../../src/site/charts/topic-charts.ts';

const golden = (slug: string) => JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../golden/${slug}/report.json`), 'utf8'));
const svgOf = (html: string) => parseHTML(`<div>${html}</div>`).document.querySelector('svg')!;
/** Each <text> as drawn: its lines (tspans) joined by spaces. */
const texts = (html: string) => [...svgOf(html).querySelectorAll('text')].map((t) => {
  const spans = [...t.querySelectorAll('tspan')];
  return (spans.length ? spans.map((s) => s.textContent) : [t.textContent]).join(' ');
});

describe('wrapping', () => {
  it('breaks between words within the width and drops no character; a word wider than a line is broken inside', () => {
    const text = "Problem with a credit reporting company's investigation into an existing problem";
    const lines = wrapLabel(text, 190);
    expect(lines.join(' ')).toBe(text);
    expect(lines.length).toBe(3);
    for (const l of lines) expect(textPx(l)).toBeLessThanOrEqual(190);
    const long = wrapLabel('Supercalifragilisticexpialidocious words', 60);
    expect(long.join('').replace(/ /g, '')).toBe('Supercalifragilisticexpialidociouswords');
    expect(long.length).toBeGreaterThan(2);
    for (const l of long) expect(textPx(l)).toBeLessThanOrEqual(60);
    expect(wrapLabel('', 50)).toEqual(['']);
  });

  it('measures capitals wider than lower case (a margin by character count cut "TRANSUNION INTERMEDIATE")', () => {
    expect(textPx('TRANSUNION INTERMEDIATE')).toBeGreaterThan(23 * 6.2 + 10);
    expect(textPx('illicit')).toBeLessThan(7 * 6.2);
  });

  it('widens the axis until every name fits on two lines, within the margin', () => {
    const names = ['Incorrect information on your report', "Problem with a credit reporting company's investigation into an existing problem", 'Fees or interest'];
    const axis = categoryAxis(names);
    expect(axis.lines).toBe(2);
    expect(axis.rowHeight).toBe(32);
    const longest = Math.max(...names.flatMap((n) => axis.tickFormat(n).split('\n')).map(textPx));
    expect(axis.marginLeft).toBeGreaterThanOrEqual(longest + 9);
    expect(axis.marginLeft).toBeLessThanOrEqual(280);
    expect(categoryAxis(['Billing', 'Lockout']).rowHeight).toBe(22);
  });
});

describe('CFPB cases by issue', () => {
  const spec = caseCategoriesChart((golden('cfpb-credit-bureaus-2019').sections.response as ResponseSection).cases!)!;
  const chart = renderChart(spec);

  it('draws every issue name whole, on up to two lines, none cut with "…"', () => {
    const drawn = texts(chart.svg);
    for (const r of spec.rows) expect(drawn).toContain(r.category);
    expect(drawn).toContain('Took or threatened to take negative or legal action');
    expect(chart.svg).not.toContain('…');
    expect(chart.narrowSvg).not.toContain('…');
    for (const r of spec.rows) expect(texts(chart.narrowSvg)).toContain(r.category);
  });

  it('writes no "· 100%" after the bars when every issue was answered on time, and says so once', () => {
    expect(spec.rows.every((r) => r.timely_share === 1)).toBe(true);
    expect(chart.svg).not.toContain('·');
    expect(chart.narrowSvg).not.toContain('·');
    expect(spec.caption).toContain('answered on time: 100% in every issue drawn');
    expect(spec.caption).not.toContain('after each bar');
  });
});

describe('shares after bars', () => {
  it('tell something only when they differ between bars, or one bar is part of a whole', () => {
    expect(sharesTellApart([1, 1, 1])).toBe(false);
    expect(sharesTellApart([0.3, 0.3])).toBe(false);
    expect(sharesTellApart([1])).toBe(false);
    expect(sharesTellApart([0.4])).toBe(true);
    expect(sharesTellApart([0.5, 0.25, null])).toBe(true);
    expect(sharesTellApart([null, null])).toBe(false);
  });

  it('a Pareto of one fault is its count, not "· 100% · Σ 100%"', () => {
    const f: FaultView = { id: 'f', label: 'Lock bricked', count: 12, share: 1, cumulativeShare: 1, firstSeen: null, lastSeen: null, volume: [], exampleIds: [], candidate: false } as unknown as FaultView;
    const view = { unit: 'messages', considered: 40, classified: 12, bucketMs: 3_600_000, bucketStarts: [], consideredVolume: [], services: [], classifiedByKind: { product: 12, service: 0 }, codeColumns: [], faults: [f], candidates: [], candidatesTotal: 0 } as unknown as FaultsView;
    const chart = renderChart(faultParetoChart(view)!);
    expect(texts(chart.svg)).toContain('12');
    expect(texts(chart.svg).filter((t) => t?.includes('%'))).toEqual([]);
    expect(chart.caption).toContain('(of 12 classified messages)');
  });
});

describe('first response bands', () => {
  it('leave room under the bars for the longest rotated band name ("3 days or more")', () => {
    const report = golden('smartlock-firmware-2024');
    const spec = responseBandsChart(report.sections.response as ResponseSection, report.counts.brandMessages)!;
    const names = spec.rows.map((r) => r.band as string);
    expect(names).toContain('3 days or more');
    // The label's drop at 25°, its height and the tick: what 44 px did not hold.
    const needed = 9 + textPx('3 days or more') * Math.sin((25 * Math.PI) / 180) + 11 * Math.cos((25 * Math.PI) / 180);
    expect(needed).toBeGreaterThan(44);
    expect(spec.plot.marginBottom).toBe(rotatedLabelsMargin(names, 25));
    expect(spec.plot.marginBottom).toBeGreaterThanOrEqual(needed);
    expect(spec.plot.height! - spec.plot.marginBottom!).toBe(126);
  });
});
