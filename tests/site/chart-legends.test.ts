/**
 * Chart legends (issue 13 item 5): the hour × weekday heatmap has a colour
 * scale and a caption true in light and dark mode; the timeline's "Surge" and
 * "Normal band" swatches show against the page (>= 3:1) in light, dark and print.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageSection, TimelineSection } from '../../src/analysis/crisis/types.ts';
import { rampSteps, swatchClass, swatchStyle } from '../../src/site/charts/legend.ts';
import { coverageChart } from '../../src/site/charts/response-charts.ts';
import { HEAT_OPACITY, type LegendItem } from '../../src/site/charts/spec.ts';
import { timelineChart } from '../../src/site/charts/timeline-charts.ts';
import { astroTestEnv, type AstroTestEnv } from './astro-env.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const report = JSON.parse(readFileSync(path.join(ROOT, 'tests/golden/smartlock-firmware-2024/report.json'), 'utf8'));
const css = readFileSync(path.join(ROOT, 'src/styles/site.css'), 'utf8');

type Mode = 'light' | 'dark' | 'print';

/** Top-level blocks of a style sheet: each rule's prelude and body (braces matched, comments dropped). */
function blocks(text: string): { prelude: string; body: string }[] {
  const src = text.replace(/\/\*[\s\S]*?\*\//g, '');
  const out: { prelude: string; body: string }[] = [];
  let depth = 0;
  let start = 0;
  let open = 0;
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '{' && depth++ === 0) open = i;
    else if (src[i] === '}' && --depth === 0) {
      out.push({ prelude: src.slice(start, open).trim(), body: src.slice(open + 1, i) });
      start = i + 1;
    } else if (src[i] === ';' && depth === 0) start = i + 1;
  }
  return out;
}

/** The custom properties site.css gives `:root` in a mode: plain rules, then the mode's @media blocks, in file order. */
function variables(mode: Mode): Map<string, string> {
  const vars = new Map<string, string>();
  const take = (body: string) => {
    for (const d of body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) vars.set(d[1]!, d[2]!.trim());
  };
  for (const { prelude, body } of blocks(css)) {
    if (prelude === ':root') take(body);
    const media = /^@media\s+(.+)$/.exec(prelude)?.[1];
    const applies = media !== undefined && ((mode === 'dark' && /prefers-color-scheme:\s*dark/.test(media)) || (mode === 'print' && media.trim() === 'print'));
    if (applies) for (const inner of blocks(body)) if (inner.prelude === ':root') take(inner.body);
  }
  return vars;
}

type Rgba = [number, number, number, number];

function parseColor(text: string): Rgba {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(text);
  const hex = /^#([0-9a-f]{6})$/i.exec(short ? `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}` : text);
  if (hex) return [0, 2, 4].map((i) => parseInt(hex[1]!.slice(i, i + 2), 16)).concat(1) as Rgba;
  const rgba = /^rgba?\(([^)]+)\)$/.exec(text);
  if (rgba) {
    const [r, g, b, a = '1'] = rgba[1]!.split(',').map((s) => s.trim());
    return [Number(r), Number(g), Number(b), Number(a)];
  }
  throw new Error(`cannot read colour ${text}`);
}

/** A colour of the legend (`var(--x)` or a literal) in a mode, composited over the page background. */
function resolve(color: string, mode: Mode): [number, number, number] {
  const vars = variables(mode);
  const lookup = (c: string): string => {
    const v = /^var\((--[\w-]+)\)$/.exec(c);
    return v ? lookup(vars.get(v[1]!) ?? `missing ${v[1]}`) : c;
  };
  const [br, bg, bb] = parseColor(lookup('var(--bg)'));
  const [r, g, b, a] = parseColor(lookup(color));
  return [r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a)];
}

/** WCAG contrast ratio of two opaque colours. */
function contrast(x: [number, number, number], y: [number, number, number]): number {
  const lum = (c: [number, number, number]) => {
    const [r, g, b] = c.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [hi, lo] = [lum(x), lum(y)].sort((a, b) => b - a);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** The most visible part of a swatch against the page: its outline when it has one, else its fill. */
function swatchContrast(item: LegendItem, mode: Mode): number {
  const bg = resolve('var(--bg)', mode);
  const fill = contrast(resolve(item.color, mode), bg);
  return item.edge ? Math.max(fill, contrast(resolve(item.edge, mode), bg)) : fill;
}

describe('the hour × weekday heatmap', () => {
  const coverage = report.sections.coverage as CoverageSection;
  const spec = coverageChart(coverage)!;

  it('has a colour legend from 0 to the busiest cell, in the opacities the cells are drawn at', () => {
    const max = Math.max(...coverage.grid.map((g) => g.inbound));
    const ramp = spec.legend!.find((l) => l.shape === 'ramp')!;
    expect(ramp).toMatchObject({ label: 'Customer messages', color: 'var(--c-accent)', ends: ['0', String(max)] });
    expect(spec.plot.opacity).toMatchObject({ domain: [0, max], range: [...HEAT_OPACITY] });
    const steps = rampSteps(ramp);
    expect(steps).toHaveLength(5);
    expect(steps[0]).toBe(`background:var(--c-accent);opacity:${HEAT_OPACITY[0]}`);
    expect(steps.at(-1)).toBe(`background:var(--c-accent);opacity:${HEAT_OPACITY[1]}`);
    expect(spec.legend!.map((l) => l.label)).toContain('business hours');
  });

  it('says what the colour means in words true in light and dark mode', () => {
    expect(spec.caption).not.toMatch(/darker|lighter/);
    expect(spec.caption).toContain('stronger colour = more');
  });
});

describe('timeline legend swatches', () => {
  const spec = timelineChart(report.sections.timeline as TimelineSection)!;
  const item = (label: string) => spec.legend!.find((l) => l.label === label)!;

  for (const mode of ['light', 'dark', 'print'] as const) {
    it(`"Surge" and "Normal band" stand out from the page at 3:1 or more (${mode})`, () => {
      for (const label of ['Surge', 'Normal band']) {
        expect(item(label).shape).toBe('band');
        expect(swatchContrast(item(label), mode), `${label} in ${mode}`).toBeGreaterThanOrEqual(3);
      }
      // The surge's own pale fill would not: that is why the swatch is outlined.
      expect(contrast(resolve('var(--c-phase)', mode), resolve('var(--bg)', mode))).toBeLessThan(1.5);
    });
  }

  it('draws a band swatch with its fill and outline, a line swatch as a line', () => {
    const surge = item('Surge');
    expect(swatchClass(surge)).toBe('legend-band');
    expect(swatchStyle(surge)).toBe('background:var(--c-phase);border-color:var(--c-phase-edge)');
    expect(swatchClass(item('Customer messages'))).toBe('legend-line');
    expect(css).toMatch(/\.legend i\.legend-band \{[^}]*border: 1\.5px solid/);
  });
});

describe('ChartFigure draws the legend', () => {
  let env: AstroTestEnv;
  beforeAll(async () => {
    env = await astroTestEnv();
  }, 120_000);
  afterAll(() => env?.close());

  async function figure(spec: NonNullable<ReturnType<typeof coverageChart>>) {
    const { renderChart } = await env.load<typeof import('../../src/site/charts/render.ts')>('/src/site/charts/render.ts');
    const mod = await env.load<{ default: unknown }>('/src/components/ChartFigure.astro');
    const html = await env.container.renderToString(mod.default as never, { props: { chart: renderChart(spec), slug: 'x', path: 'x/' } });
    return parseHTML(html).document;
  }

  it('the heatmap with its scale: the label, 0, five steps of the cells\' colour, the busiest cell', async () => {
    const coverage = report.sections.coverage as CoverageSection;
    const doc = await figure(coverageChart(coverage)!);
    const ramp = doc.querySelector('.legend .legend-ramp')!;
    expect(ramp.textContent!.replace(/\s+/g, ' ').trim()).toBe(`Customer messages 0 ${Math.max(...coverage.grid.map((g) => g.inbound))}`);
    const steps = [...ramp.querySelectorAll('.ramp i')].map((i) => i.getAttribute('style'));
    expect(steps).toHaveLength(5);
    expect(steps[0]).toContain('var(--c-accent)');
  });

  it('the timeline with outlined band swatches', async () => {
    const doc = await figure(timelineChart(report.sections.timeline as TimelineSection)!);
    const surge = [...doc.querySelectorAll('.legend li')].find((li) => li.textContent!.trim() === 'Surge')!.querySelector('i')!;
    expect(surge.getAttribute('class')).toContain('legend-band');
    expect(surge.getAttribute('style')).toBe('background:var(--c-phase);border-color:var(--c-phase-edge)');
  });
});
