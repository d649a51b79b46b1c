import { describe, expect, it } from 'vitest';
import { detectSpikes, type SpikeOptions } from '../../../src/analysis/crisis/spikes.ts';
import { defaultSpikeOptions } from '../../../src/analysis/crisis/timeline.ts';
import { mulberry32 } from '../../../src/analysis/random.ts';

const HOUR = 3_600_000;

/** Noise around a level: level ± up to `spread`, seeded. */
function noise(n: number, level: number, spread: number, seed = 1): number[] {
  const random = mulberry32(seed);
  return Array.from({ length: n }, () => Math.max(0, Math.round(level + (random() * 2 - 1) * spread)));
}

const options: SpikeOptions = { window: 24, season: 0, seasonsBack: 7, k: 3, minHistory: 24, maxIgnore: 72, minExcess: 3, sustain: 2, contain: 3 };

describe('spike detection', () => {
  it('finds nothing in plain noise', () => {
    const r = detectSpikes(noise(300, 20, 5), options);
    expect(r.episodes).toEqual([]);
  });

  it('finds onset, peak and containment of a generated surge', () => {
    const series = noise(200, 20, 4);
    const surge = [60, 120, 250, 400, 300, 200, 150, 100, 80, 60];
    surge.forEach((v, i) => (series[100 + i] = v));
    const r = detectSpikes(series, options);
    expect(r.episodes).toHaveLength(1);
    const [e] = r.episodes;
    expect(e.onset).toBe(100);
    expect(e.peak).toBe(103);
    expect(e.containment).toBe(110);
    expect(e.lastAnomalous).toBe(109);
    expect(e.levelShift).toBe(false);
    // The surge never became its own baseline.
    expect(r.buckets[108].baseline).toBeLessThan(25);
    expect(e.excess).toBeGreaterThan(1500);
  });

  it('separates two episodes and leaves a single stray bucket alone', () => {
    const series = noise(300, 10, 3, 7);
    series[50] = 25; // one moderate bucket: anomalous but not sustained
    for (let i = 100; i < 106; i++) series[i] = 80;
    for (let i = 200; i < 203; i++) series[i] = 60;
    const r = detectSpikes(series, options);
    expect(r.buckets[50].anomalous).toBe(true);
    expect(r.episodes.map((e) => [e.onset, e.containment])).toEqual([
      [100, 106],
      [200, 203],
    ]);
  });

  it('counts a single extreme bucket as an onset', () => {
    const series = noise(100, 10, 2, 3);
    series[60] = 200;
    const r = detectSpikes(series, options);
    expect(r.episodes.map((e) => [e.onset, e.peak, e.containment])).toEqual([[60, 60, 61]]);
  });

  it('reports a surge still running at the end of the data as not contained', () => {
    const series = noise(100, 10, 2, 4);
    for (let i = 90; i < 100; i++) series[i] = 50 + i;
    const r = detectSpikes(series, options);
    expect(r.episodes).toHaveLength(1);
    expect(r.episodes[0]).toMatchObject({ onset: 90, peak: 99, containment: null });
  });

  it('uses the whole series as baseline while history is short (data starting mid-crisis)', () => {
    const series = [300, 500, 400, ...noise(97, 20, 4, 5)];
    const r = detectSpikes(series, options);
    expect(r.buckets[0].method).toBe('global');
    expect(r.episodes[0]).toMatchObject({ onset: 0, peak: 1, containment: 3 });
  });

  it('does not flag a daily rhythm once a seasonal baseline is available, but flags a night-time surge', () => {
    // 14 days of hourly volume: ~10 at night, ~100 at midday.
    const random = mulberry32(11);
    const series = Array.from({ length: 14 * 24 }, (_, i) => Math.round(55 - 45 * Math.cos((2 * Math.PI * (i % 24)) / 24) + (random() * 2 - 1) * 4));
    // Night surge on day 10 at 03:00–05:59: busy for a night, quiet for a midday.
    for (let h = 3; h < 6; h++) series[10 * 24 + h] = 70;
    const o = defaultSpikeOptions(HOUR, 14 * 24 * HOUR);
    expect(o.season).toBe(24);
    const r = detectSpikes(series, o);
    expect(r.buckets[10 * 24 + 3].method).toBe('seasonal');
    expect(r.episodes.map((e) => e.onset)).toEqual([10 * 24 + 3]);
    expect(r.episodes[0].containment).toBe(10 * 24 + 6);
  });

  it('treats a surge that outlasts maxIgnore as a level shift and lets the baseline catch up', () => {
    const series = [...noise(100, 10, 2, 8), ...noise(200, 60, 6, 9)];
    const r = detectSpikes(series, { ...options, maxIgnore: 24 });
    expect(r.episodes).toHaveLength(1);
    const [e] = r.episodes;
    expect(e.onset).toBe(100);
    expect(e.levelShift).toBe(true);
    expect(e.containment).not.toBeNull();
    expect(e.containment!).toBeLessThan(150);
    expect(r.buckets[299].baseline).toBeGreaterThan(50);
  });
});
