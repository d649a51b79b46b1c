/**
 * Notebook charts (`<Chart sql=…>`) in the built-in style (issue 13 item 5):
 * 24-hour times in the crisis time zone, axis labels in words, and the text
 * scale of the built-in chart of their kind.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { TimelineSection } from '../../src/analysis/crisis/types.ts';
import { renderChart } from '../../src/site/charts/render.ts';
import { sqlChartSpec } from '../../src/site/charts/sql-chart.ts';
import { timeTickFormat } from '../../src/site/charts/time.ts';
import { themesChart } from '../../src/site/charts/topic-charts.ts';
import { timelineChart } from '../../src/site/charts/timeline-charts.ts';
import type { CellResult } from '../../src/site/sql-cells.ts';

const svgOf = (html: string) => parseHTML(`<div>${html}</div>`).document.querySelector('svg')!;
/** Tick labels of the x axis: each <text> of the axis group, its lines joined by "\n". */
function xTicks(html: string): string[] {
  // Plot's x-axis tick labels: the group shifted down by the tick and its padding, with text in it.
  const g = [...svgOf(html).querySelectorAll('g')].find((el) => /^translate\(0,\d/.test(el.getAttribute('transform') ?? '') && el.querySelector('text'));
  return [...(g?.querySelectorAll('text') ?? [])].map((t) => [...t.querySelectorAll('tspan')].map((s) => s.textContent).join('\n') || t.textContent!);
}
const allText = (html: string) => [...svgOf(html).querySelectorAll('text')].map((t) => t.textContent).join(' | ');

/** 36 hours of hourly counts from 00:00 New York time on 9 Oct 2024 (04:00 UTC), as DuckDB hands a TIMESTAMP. */
function hourly(): CellResult {
  const start = Date.parse('2024-10-09T04:00:00Z');
  return {
    columns: [{ name: 'hour', type: 'TIMESTAMP' }, { name: 'median_first_reply_hours', type: 'DOUBLE' }],
    rows: Array.from({ length: 36 }, (_, i) => ({ hour: start + i * 3_600_000, median_first_reply_hours: (i % 7) + 0.5 })),
  };
}

describe('a notebook chart over time', () => {
  const spec = sqlChartSpec(hourly(), { id: 'c1', mark: 'lineY', x: 'hour', y: 'median_first_reply_hours', zone: 'America/New_York' });
  const chart = renderChart(spec);

  it('ticks in 24-hour time in the crisis time zone, the day under the first tick and at midnight', () => {
    const ticks = xTicks(chart.svg);
    expect(ticks.length).toBeGreaterThan(4);
    expect(ticks.join(' ')).not.toMatch(/AM|PM/);
    for (const t of ticks) expect(t.split('\n')[0]).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
    // 04:00 UTC is midnight in New York (EDT): the axis starts at 00:00 on 9 Oct, and the next midnight is 10 Oct.
    expect(ticks[0]).toBe('00:00\n9 Oct');
    expect(ticks).toContain('00:00\n10 Oct');
    expect(ticks.filter((t) => t.includes('\n'))).toHaveLength(2);
    expect(spec.caption).toContain('times in America/New_York, 24-hour clock');
  });

  it('names its axes and title in words, units in parentheses', () => {
    const text = allText(chart.svg);
    expect(text).toContain('Median first reply (hours)');
    expect(text).toContain('Hour');
    expect(text).not.toContain('median_first_reply_hours');
    expect(text).not.toMatch(/[↑→]/);
    expect(spec.title).toBe('Median first reply (hours) by hour');
  });

  it('is drawn at the volume timeline\'s size and 11 px text, so both show at one text size wherever they stand', () => {
    const timeline = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../golden/smartlock-firmware-2024/report.json'), 'utf8')).sections.timeline as TimelineSection;
    const built = renderChart(timelineChart(timeline)!);
    expect(svgOf(chart.svg).getAttribute('viewBox')?.split(' ')[2]).toBe(svgOf(built.svg).getAttribute('viewBox')?.split(' ')[2]);
    expect(svgOf(chart.svg).getAttribute('style')).toContain('font-size:11px');
    expect(svgOf(chart.narrowSvg).getAttribute('width')).toBe('320');
  });
});

describe('other notebook charts', () => {
  it('is as wide as the built-in bar charts, its long names wrapped whole, its axis named in words', () => {
    const names = ['Incorrect information on your report', "Problem with a credit reporting company's investigation into an existing problem", 'Fees or interest'];
    const result: CellResult = { columns: [{ name: 'issue', type: 'VARCHAR' }, { name: 'complaint_share', type: 'DOUBLE' }], rows: names.map((issue, i) => ({ issue, complaint_share: 0.5 - i * 0.2 })) };
    const chart = renderChart(sqlChartSpec(result, { id: 'c2', mark: 'barX', x: 'complaint_share', y: 'issue', zone: 'UTC' }));
    const themes = renderChart(themesChart({ themes: [{ id: 't', label: 'app', phrases: [], phrasesTotal: 0, messageCount: 3, share: 0.5, volume: [], representatives: [] }], themesTotal: 1 } as never)!);
    expect(svgOf(chart.svg).getAttribute('width')).toBe(svgOf(themes.svg).getAttribute('width'));
    const drawn = [...svgOf(chart.svg).querySelectorAll('text')].map((t) => [...t.querySelectorAll('tspan')].map((s) => s.textContent).join(' ') || t.textContent);
    for (const n of names) expect(drawn).toContain(n);
    expect(chart.svg).not.toContain('…');
    expect(allText(chart.svg)).toContain('Complaint share');
    expect(allText(chart.svg)).not.toContain('complaint_share');
  });

  it('draws a DATE on its own day, not shifted by the zone', () => {
    const day = Date.parse('2024-10-09T00:00:00Z');
    const result: CellResult = { columns: [{ name: 'day', type: 'DATE' }, { name: 'n', type: 'BIGINT' }], rows: [0, 1, 2].map((i) => ({ day: day + i * 86_400_000, n: i + 1 })) };
    const ticks = xTicks(renderChart(sqlChartSpec(result, { id: 'c3', mark: 'lineY', x: 'day', y: 'n', zone: 'America/New_York' })).svg);
    // Shifted to New York time it would start at 20:00 on 8 Oct.
    expect(ticks[0]).toBe('00:00\n9 Oct');
    expect(ticks.join(' ')).not.toContain('8 Oct');
  });
});

describe('24-hour time ticks', () => {
  const at = (iso: string) => new Date(iso);
  const format = (isos: string[], axis: 'x' | 'y' = 'x') => {
    const ticks = isos.map(at);
    return ticks.map((d, i) => timeTickFormat(axis)(d, i, ticks));
  };

  it('writes hours as 00–23 with the day where it changes, days under their month, months under their year', () => {
    expect(format(['2024-10-09T18:00Z', '2024-10-10T00:00Z', '2024-10-10T06:00Z', '2024-10-10T12:00Z'])).toEqual(['18:00\n9 Oct', '00:00\n10 Oct', '06:00', '12:00']);
    expect(format(['2024-10-30T00:00Z', '2024-10-31T00:00Z', '2024-11-01T00:00Z'])).toEqual(['30\nOct', '31', '1\nNov']);
    expect(format(['2024-11-01T00:00Z', '2024-12-01T00:00Z', '2025-01-01T00:00Z'])).toEqual(['Nov\n2024', 'Dec', 'Jan\n2025']);
    expect(format(['2023-01-01T00:00Z', '2024-01-01T00:00Z'])).toEqual(['2023', '2024']);
    expect(format(['2024-10-09T18:30Z', '2024-10-09T18:45Z'], 'y')).toEqual(['9 Oct 18:30', '9 Oct 18:45']);
  });
});
