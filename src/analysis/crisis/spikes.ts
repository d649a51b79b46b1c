/**
 * Spike detection on a bucketed volume series, pure and deterministic.
 *
 * Baseline: the median of recent "clean" buckets, where a bucket already
 * judged anomalous is replaced by its own baseline. A long spike therefore
 * never becomes its own baseline (a plain rolling median would absorb a
 * two-day surge after a day and declare it over). With enough history the
 * baseline is seasonal: the same slot on previous days (or weekdays), since
 * support traffic has a strong daily rhythm and a quiet-night baseline would
 * flag every morning.
 *
 * A surge that outlasts `maxIgnore` buckets, or a seasonal slot anomalous
 * three seasons in a row, is a new level rather than a spike (a sample whose
 * collection ramps up, a permanent change in traffic): from then on its
 * buckets enter the baseline as they are, the baseline catches up, and the
 * episode is marked `levelShift` when it lasted beyond `maxIgnore`.
 *
 * Band: baseline + k·σ with σ = max(1.4826·MAD, √baseline, 1) — the MAD is
 * the robust spread; the Poisson floor keeps sparse series (baseline 0 or 1,
 * MAD 0) from flagging every stray message.
 */
import { mad, median, round } from './stats.ts';

/** Tuning of {@link detectSpikes}; all counts are in buckets. */
export interface SpikeOptions {
  /** Trailing buckets in the non-seasonal baseline. */
  window: number;
  /** Buckets per season (24 for hourly buckets with a daily rhythm); 0 for none. */
  season: number;
  /** Seasons looked back for a seasonal baseline (used when ≥ 3 are available). */
  seasonsBack: number;
  /** Band half-width in σ. */
  k: number;
  /** Fewer clean buckets than this before a bucket: use the whole series' median/MAD instead. */
  minHistory: number;
  /** Longest anomalous stretch kept out of the baseline; longer ones are treated as a level shift. */
  maxIgnore: number;
  /** A bucket must also exceed its baseline by at least this many records. */
  minExcess: number;
  /** Consecutive anomalous buckets that make an onset (a single bucket above baseline + 2·k·σ also does). */
  sustain: number;
  /** Consecutive in-band buckets that end an episode. */
  contain: number;
}

/** Per-bucket verdict. */
export interface SpikeBucket {
  baseline: number;
  upper: number;
  anomalous: boolean;
  /** Which baseline applied: same slot in earlier seasons, trailing window, or whole-series fallback. */
  method: 'seasonal' | 'trailing' | 'global';
}

/** One episode, as bucket indices. */
export interface SpikeEpisode {
  onset: number;
  peak: number;
  /** First bucket of the sustained return into the band; null when the data ends first. */
  containment: number | null;
  /** Last anomalous bucket of the episode. */
  lastAnomalous: number;
  /** Sum over the episode of volume above baseline. */
  excess: number;
  /** True when the surge lasted beyond `maxIgnore` and the baseline was let up to meet it. */
  levelShift: boolean;
}

export interface SpikeResult {
  buckets: SpikeBucket[];
  episodes: SpikeEpisode[];
}

const MAD_TO_SIGMA = 1.4826;

/** Finds anomalous buckets and groups them into onset → peak → containment episodes. */
export function detectSpikes(series: readonly number[], options: SpikeOptions): SpikeResult {
  const n = series.length;
  const globalMedian = median(series) ?? 0;
  const globalMad = mad(series, globalMedian);
  const clean: number[] = [];
  const buckets: SpikeBucket[] = [];
  // Start of the current anomalous stretch (gaps shorter than `contain` do not end it), or -1.
  let stretch = -1;
  let calm = 0;
  // Seasonal baselines: for each slot, how many seasons in a row it was anomalous. A slot busy at the same
  // time every day (a shifted rhythm) is its own new normal even though calm buckets separate its runs.
  const slotRun = new Array<number>(Math.max(options.season, 1)).fill(0);
  for (let i = 0; i < n; i++) {
    let samples: number[] = [];
    let method: SpikeBucket['method'] = 'trailing';
    if (options.season > 0) {
      for (let s = 1; s <= options.seasonsBack && i - s * options.season >= 0; s++) samples.push(clean[i - s * options.season]);
      if (samples.length >= 3) method = 'seasonal';
      else samples = [];
    }
    if (method === 'trailing') {
      samples = clean.slice(Math.max(0, i - options.window), i);
      if (samples.length < options.minHistory) method = 'global';
    }
    const baseline = method === 'global' ? globalMedian : median(samples)!;
    const spread = method === 'global' ? globalMad : mad(samples, baseline);
    const sigma = Math.max(MAD_TO_SIGMA * spread, Math.sqrt(baseline), 1);
    const upper = baseline + options.k * sigma;
    const anomalous = series[i] > upper && series[i] - baseline >= options.minExcess;
    buckets.push({ baseline, upper, anomalous, method });
    if (anomalous) {
      if (stretch < 0) stretch = i;
      calm = 0;
    } else if (stretch >= 0 && ++calm >= options.contain) stretch = -1;
    const slot = options.season > 0 ? i % options.season : 0;
    const seasonsInARow = options.season > 0 && anomalous ? slotRun[slot] : 0;
    if (options.season > 0) slotRun[slot] = anomalous ? slotRun[slot] + 1 : 0;
    // The spike is left out of later baselines (replaced by what was expected) unless it has become the new normal.
    const ignore = anomalous && i - stretch < options.maxIgnore && seasonsInARow < 3;
    clean.push(ignore ? baseline : series[i]);
  }
  return { buckets, episodes: groupEpisodes(series, buckets, options) };
}

function groupEpisodes(series: readonly number[], buckets: SpikeBucket[], options: SpikeOptions): SpikeEpisode[] {
  const n = series.length;
  const extreme = (i: number) => series[i] > buckets[i].baseline + 2 * (buckets[i].upper - buckets[i].baseline);
  const sustained = (i: number) => {
    if (extreme(i)) return true;
    for (let j = i; j < i + options.sustain; j++) if (j >= n || !buckets[j].anomalous) return false;
    return true;
  };
  const episodes: SpikeEpisode[] = [];
  let i = 0;
  while (i < n) {
    if (!buckets[i].anomalous || !sustained(i)) {
      i++;
      continue;
    }
    const onset = i;
    let containment: number | null = null;
    let calm = 0;
    for (let j = onset + 1; j < n; j++) {
      calm = buckets[j].anomalous ? 0 : calm + 1;
      if (calm === options.contain) {
        containment = j - options.contain + 1;
        break;
      }
    }
    const end = containment ?? n;
    let peak = onset;
    let lastAnomalous = onset;
    let excess = 0;
    for (let j = onset; j < end; j++) {
      if (series[j] > series[peak]) peak = j;
      if (buckets[j].anomalous) lastAnomalous = j;
      excess += Math.max(0, series[j] - buckets[j].baseline);
    }
    // A long surge whose containment came back into the band it rose from is back to normal, not a new normal.
    const outlasted = lastAnomalous - onset >= options.maxIgnore;
    const levelShift = outlasted && (containment === null || !backInBand(series, containment, options.contain, buckets[onset].upper));
    episodes.push({ onset, peak, containment, lastAnomalous, excess, levelShift });
    i = end;
  }
  return episodes;
}

/** True when the `count` buckets from `from` are all within `upper` (the band the surge rose from). */
function backInBand(series: readonly number[], from: number, count: number, upper: number): boolean {
  for (let j = from; j < Math.min(from + count, series.length); j++) if (series[j] > upper) return false;
  return true;
}

/** What a peak's multiple of its baseline needs (see {@link peakMultiple}). */
export interface MultipleContext {
  /** Bucket width in ms. */
  bucketMs: number;
  /** Bucket width as the pages name it (`15m`, `1h`…), for the reason. */
  bucketLabel: string;
  /** True when the first bucket of the series holds only part of its span (the data starts inside it). */
  firstBucketPartial: boolean;
}

/** Records per bucket below which a baseline is too sparse for a multiple. */
export const MIN_MULTIPLE_BASELINE = 1;

const DAY_MS = 86_400_000;

/**
 * A peak's volume ÷ its baseline, or why there is none ("no baseline yet: …").
 * The rule: buckets shorter than a day need a seasonal baseline (the same time
 * of day on at least 3 earlier days: traffic has a daily rhythm, and a trailing
 * baseline compares a morning with the night before it); day and week buckets
 * need a full trailing window of complete buckets before the peak (or a
 * seasonal one); and the baseline must expect at least
 * {@link MIN_MULTIPLE_BASELINE} record per bucket. A whole-series fallback,
 * a partial first day or a baseline of nearly nothing gives a multiple that
 * says nothing.
 */
export function peakMultiple(volume: number, peak: number, verdict: SpikeBucket, options: SpikeOptions, c: MultipleContext): { multiple: number | null; reason: string | null } {
  const none = (why: string) => ({ multiple: null, reason: `no baseline yet: ${why}` });
  if (verdict.method === 'global') return none(`fewer than ${options.window} buckets of ${c.bucketLabel} before the peak to compare it with`);
  if (verdict.method === 'trailing') {
    if (c.bucketMs < DAY_MS) return none(`fewer than 3 earlier days to compare the same time of day with (only the previous ${options.window} buckets of ${c.bucketLabel})`);
    if (peak - (c.firstBucketPartial ? 1 : 0) < options.window) return none(`the ${options.window} buckets before the peak include a partial first ${c.bucketLabel}`);
  }
  if (verdict.baseline < MIN_MULTIPLE_BASELINE) return none(`the baseline is under ${MIN_MULTIPLE_BASELINE} record per ${c.bucketLabel}, too sparse for a multiple`);
  return { multiple: round(volume / verdict.baseline, 1), reason: null };
}
