/**
 * Charts on phones (issue 13): every chart is also drawn 320 px wide, bar
 * charts with each name on its own line above its bar; and the paths of both
 * renderings are written compactly (relative moves) without moving a point.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { FaultView, FaultsView } from '../../src/site/faults.ts';
import type { Theme, ThemesResult } from '../../src/analysis/nlp/themes/types.ts';
import { NARROW_WIDTH } from '../../src/site/charts/narrow.ts';
import { compactPath, renderChart } from '../../src/site/charts/render.ts';
import { faultParetoChart, themesChart } from '../../src/site/charts/topic-charts.ts';

/** The absolute points (in tenths of a pixel) a path of M/L/Z or M/h/v/l/Z visits; `Z` as null. */
function points(d: string): ([number, number] | null)[] {
  const tokens = d.match(/[MLZhvl]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? [];
  const out: ([number, number] | null)[] = [];
  let x = 0;
  let y = 0;
  let start: [number, number] = [0, 0];
  let command = '';
  const tenths = (s: string) => Math.round(Number(s) * 10);
  for (let i = 0; i < tokens.length; ) {
    if (/[MLZhvl]/.test(tokens[i]!)) command = tokens[i++]!;
    if (command === 'Z') {
      out.push(null);
      [x, y] = start;
      command = '';
      continue;
    }
    if (command === 'M' || command === 'L') [x, y] = [tenths(tokens[i++]!), tenths(tokens[i++]!)];
    else if (command === 'h') x += tenths(tokens[i++]!);
    else if (command === 'v') y += tenths(tokens[i++]!);
    else if (command === 'l') [x, y] = [x + tenths(tokens[i++]!), y + tenths(tokens[i++]!)];
    else throw new Error(`unexpected ${tokens[i]} in ${d}`);
    if (command === 'M') start = [x, y];
    out.push([x, y]);
  }
  return out;
}

describe('compactPath', () => {
  it('writes steps as h/v and other lines as l, visiting the rounded points', () => {
    expect(compactPath('M0,0L10,0L10,5L12.25,7.5Z')).toBe('M0,0h10v5l2.3,2.5Z');
    expect(compactPath('M44,170L-6,170')).toBe('M44,170h-50');
    expect(compactPath('M0.04,0.5L0.5,-0.5')).toBe('M0,.5l.5-1');
  });

  it('puts every point of a long path where rounding each coordinate would, with no drift', () => {
    // A deterministic wiggly path with full-precision coordinates, several subpaths, steps and zero-length segments.
    let seed = 7;
    const next = () => ((seed = (seed * 48271) % 2147483647) / 2147483647) * 400 - 50;
    const parts: string[] = [];
    for (let sub = 0; sub < 3; sub++) {
      parts.push(`M${next()},${next()}`);
      for (let i = 0; i < 400; i++) {
        const x = next();
        parts.push(`L${x},${next()}`, `L${x},${next()}`, i % 50 === 0 ? `L${x},${next()}L${x},${next()}` : '');
      }
      parts.push('Z');
    }
    const d = parts.join('');
    const compact = compactPath(d)!;
    expect(compact.length).toBeLessThan(d.length / 2);
    expect(points(compact)).toEqual(points(d));
  });

  it('leaves curves, arcs and relative commands alone (null)', () => {
    expect(compactPath('M0,0C1,1,2,2,3,3')).toBeNull();
    expect(compactPath('M0,0A5,5,0,0,1,10,10')).toBeNull();
    expect(compactPath('M0,0h5')).toBeNull();
  });
});

describe('phone rendering', () => {
  it(`draws every chart a second time ${NARROW_WIDTH} px wide at the same 11 px text, the desktop rendering as before`, () => {
    const rows = [{ day: 'Mon', n: 3 }, { day: 'Tue', n: 5 }];
    const chart = renderChart({ id: 't', title: 'T', caption: '', summary: 'S', columns: ['day', 'n'], rows, plot: { width: 1180, marks: [Plot.barY(rows, { x: 'day', y: 'n' })] } });
    const svg = (html: string) => parseHTML(`<div>${html}</div>`).document.querySelector('svg')!;
    expect(svg(chart.svg).getAttribute('viewBox')).toBe('0 0 1180 180');
    expect(svg(chart.narrowSvg).getAttribute('viewBox')).toBe(`0 0 ${NARROW_WIDTH} 180`);
    expect(svg(chart.narrowSvg).getAttribute('style')).toContain('font-size:11px');
  });

  it('themes and faults on a phone: each name whole on its own line, full width, the value after the bar', () => {
    const long = 'Charged twice for the replacement keypad order';
    // Shares differ from bar to bar: a share the same on every bar is not written after them (labels.ts).
    const fault = (i: number): FaultView => ({ id: `f${i}`, label: i === 0 ? long : `fault ${i}`, count: 30 - i, share: 0.05 - i * 0.01, cumulativeShare: 0.5, firstSeen: null, lastSeen: null, volume: [], exampleIds: [], candidate: false });
    const view: FaultsView = { unit: 'messages', considered: 400, classified: 300, bucketMs: 3_600_000, bucketStarts: [], consideredVolume: [], services: [], classifiedByKind: { product: 300, service: 0 }, codeColumns: [], faults: Array.from({ length: 4 }, (_, i) => fault(i)), candidates: [], candidatesTotal: 0 };
    const theme = (i: number): Theme => ({ id: `t${i}`, label: i === 0 ? 'firmware update / lock bricked overnight' : `theme ${i}`, phrases: [], phrasesTotal: 0, messageCount: 100 - i, share: 0.1 - i * 0.02, volume: [], representatives: [] });
    const themes = { themes: Array.from({ length: 3 }, (_, i) => theme(i)), themesTotal: 3 } as unknown as ThemesResult;
    for (const [spec, name, value] of [
      [faultParetoChart(view)!, long, '30 · 5% · Σ 50%'],
      [themesChart(themes)!, 'firmware update / lock bricked overnight', '100 · 10%'],
    ] as const) {
      const svg = parseHTML(`<div>${renderChart(spec).narrowSvg}</div>`).document.querySelector('svg')!;
      const texts = [...svg.querySelectorAll('text')].map((t) => t.textContent);
      expect(texts).toContain(name);
      expect(texts).toContain(value);
      expect(svg.getAttribute('width')).toBe(String(NARROW_WIDTH));
      // One row per bar, names not beside the bars: the bars start at the left edge.
      const bars = [...svg.querySelectorAll('rect')];
      expect(bars).toHaveLength(spec.rows.length);
      for (const bar of bars) expect(Number(bar.getAttribute('x'))).toBeLessThan(2);
    }
  });
});
