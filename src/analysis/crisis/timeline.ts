/**
 * `timeline`: volume per time bucket (by channel, customer vs brand, and by
 * sentiment when available), surges found against a rolling baseline and
 * cut into onset → peak → containment episodes, the brand's first response
 * relative to each onset, and key moments for chart annotations.
 */
import { setColumn, type Analysis, type AnalysisContext } from '../runner/analysis.ts';
import type { Message } from '../model.ts';
import { bucketGrid, bucketIndexSql, bucketMs, bucketStart, chooseBucket, dateOnly, robustDomain, sortedMessageTimes, sortedTimes, type BucketGrid } from './buckets.ts';
import { NOTION_DEFINITIONS, customerMessageSql, pickMainEpisode } from './notions.ts';
import { MIN_MULTIPLE_BASELINE, detectSpikes, peakMultiple, type MultipleContext, type SpikeBucket, type SpikeEpisode, type SpikeOptions } from './spikes.ts';
import { engagedCandidates, replyCountsOf, type Candidates } from './engagement.ts';
import { num } from './sql.ts';
import { round } from './stats.ts';
import { MOST_ENGAGED_MOMENTS, engagedMoments, engagedMomentsWhere, firstBrandReplyToEpisode, firstBrandResponse, iso } from './timeline-moments.ts';
import { sentimentColumnLabel, sentimentCounter, type SentimentCounter } from './timeline-sentiment.ts';
import type { BucketId, KeyMoment, TimelineBucket, TimelineEpisode, TimelineSection } from './types.ts';

/** Options of {@link createTimelineAnalysis}. */
export interface TimelineOptions {
  /** Bucket width; chosen from the covered span when absent. */
  bucket?: BucketId;
  /** Overrides of the spike detector's tuning (see {@link defaultSpikeOptions}). */
  detection?: Partial<SpikeOptions>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const TIMELINE_DEFINITIONS: Record<string, string> = {
  bucket:
    'Volume is counted in buckets chosen from the span of the data (5 min to 1 week, aiming at 50–300 buckets) in the crisis time zone: sub-day buckets have a fixed width on the local hour grid; days run from local midnight and weeks from Monday (a DST change makes one day 23 or 25 hours long). Records that carry only a date are never split finer than a day.',
  domain:
    'The curve covers every record, unless a few strays far from the bulk of the data (the central 99% of records plus 10% of its length on each side) would force coarser buckets than the bulk needs: those are counted (domain.excludedBefore, domain.excludedAfter) and left off the curve.',
  baseline:
    'Baseline: the median of recent buckets (the same time of day on up to 7 previous days once a week of data exists; otherwise the previous day or so of buckets). Buckets already judged anomalous enter later baselines at their expected value, so a long surge is never compared with itself.',
  band: 'Normal band: baseline + 3σ, where σ is the larger of 1.4826 × the median absolute deviation of the baseline buckets and √baseline (the spread of random arrivals). A bucket above the band by at least the minimum excess is anomalous.',
  onset: 'Onset: the first bucket of a sustained anomaly — two anomalous buckets in a row, or one bucket more than 6σ above its baseline.',
  peak: `Peak: the busiest bucket of the episode; its multiple is volume ÷ baseline. A multiple is given only against a baseline with enough history — for buckets shorter than a day, the same time of day on 3 or more earlier days (a trailing baseline would compare a morning with the night); for day and week buckets, a full window of complete buckets before the peak — that expects at least ${MIN_MULTIPLE_BASELINE} record per bucket; otherwise it is “no baseline yet”, with the reason.`,
  levelShift:
    'Level shift: a surge that lasts beyond about three days (one baseline window for daily or weekly buckets) stops being ignored by the baseline, which then rises to meet it; such an episode ends when the baseline has caught up, and may mark a new normal (or a sample whose collection ramped up) rather than a spike.',
  containment: 'Containment: the first bucket of a sustained return into the band (several consecutive normal buckets, at least an hour’s worth). An episode without one runs to the end of the export: the export ends during the surge (which says nothing of when it stopped). A surge that outlasted the baseline and settled above the band it rose from is a new normal, never “back to normal”.',
  firstBrandResponse: 'First brand response: the brand’s first public message at or after the onset, in any conversation; first reply to the episode (the “first brand reply” on the chart): its first public message that replies to a customer message posted during the episode, or follows one in the same conversation.',
  engagement: 'Engagement: likes + shares + replies where the export has them; otherwise replies present in the data.',
  mainEpisode: NOTION_DEFINITIONS.mainEpisode,
};

/** Detector tuning for a bucket width and span (in ms). */
export function defaultSpikeOptions(bucketMs: number, spanMs: number): SpikeOptions {
  const perDay = DAY / bucketMs;
  const subDay = bucketMs < DAY;
  const window = subDay ? Math.min(48, Math.max(12, Math.round(perDay))) : bucketMs === DAY ? 14 : 8;
  return {
    window,
    // Daily rhythm for sub-day buckets once a week of data exists; weekly rhythm for daily buckets over 4 weeks.
    season: subDay && spanMs >= 7 * DAY ? perDay : bucketMs === DAY && spanMs >= 28 * DAY ? 7 : 0,
    seasonsBack: 7,
    k: 3,
    // A partial window would judge the first day by its first few (often night-time) buckets.
    minHistory: window,
    // Surges longer than ~3 days (or one window of day/week buckets) are treated as a new level.
    maxIgnore: subDay ? Math.max(window, Math.round(3 * perDay)) : window,
    minExcess: 3,
    sustain: 2,
    contain: subDay ? Math.max(3, Math.ceil(HOUR / bucketMs)) : 2,
  };
}

/** A timeline analysis with the given options. */
export function createTimelineAnalysis(options: TimelineOptions = {}): Analysis {
  return {
    name: 'timeline',
    // Volume is split by sentiment when the sentiment column exists.
    needsColumns: ['sentiment'],
    sections: ['timeline'],
    columns: ['spike_episode'],
    async run(ctx) {
      const section = await computeTimeline(ctx, options);
      if (section) ctx.report.sections.timeline = section;
    },
  };
}

/** The timeline with buckets chosen from the span. */
export const timelineAnalysis: Analysis = createTimelineAnalysis();

async function computeTimeline(ctx: AnalysisContext, options: TimelineOptions): Promise<TimelineSection | null> {
  const source = ctx.messages.length ? 'messages' : ctx.cases.length ? 'cases' : null;
  if (!source) return null;
  const times = source === 'messages' ? sortedMessageTimes(ctx.messages) : sortedTimes(ctx.cases, (c) => c.openedAt);
  const datesOnly = dateOnly(times, ctx.config.timezone);
  const domain = robustDomain(times, datesOnly ? DAY : 0)!;
  const bucketId = options.bucket ?? chooseBucket(domain.end - domain.start, datesOnly ? DAY : 0);
  const grid = bucketGrid(domain.start, domain.end, bucketId, ctx.config.timezone);
  const buckets = await countBuckets(ctx, source, grid, domain.start, domain.end);

  // Customers drive a crisis; brand replies follow it. Cases are all customer-opened, so their total is the series.
  const inboundTotal = buckets.reduce((s, b) => s + b.inbound, 0);
  const seriesName = source === 'messages' && inboundTotal > 0 ? 'inbound' : 'total';
  const series = buckets.map((b) => b[seriesName]);
  const spikeOptions = { ...defaultSpikeOptions(grid.ms, domain.end - domain.start), ...options.detection };
  const spikes = detectSpikes(series, spikeOptions);
  spikes.buckets.forEach((s, i) => Object.assign(buckets[i], { baseline: round(s.baseline, 2), upper: round(s.upper, 2), anomalous: s.anomalous, baselineMethod: s.method }));

  // An episode still running at the end runs to the last record (inclusive).
  const episodes: TimelineEpisode[] = [];
  const multipleContext: MultipleContext = { bucketMs: grid.ms, bucketLabel: bucketId, firstBucketPartial: domain.start > bucketStart(grid, 0) };
  for (const [i, e] of spikes.episodes.entries())
    episodes.push(await episode(ctx, source, e, i + 1, grid, series, spikes.buckets, domain.end + 1, spikeOptions, multipleContext));
  let engaged: KeyMoment[] = [];
  let sentiment: SentimentCounter | null = null;
  if (source === 'messages') {
    const labelOf = sentimentColumnLabel(ctx);
    sentiment = labelOf && sentimentCounter(buckets, grid.ms, labelOf);
    const candidates = await engagedCandidates(ctx.engine, engagedMomentsWhere(domain.start, domain.end), MOST_ENGAGED_MOMENTS);
    const found = walkMessages(ctx, episodes, grid, candidates, sentiment);
    engaged = engagedMoments(found, await replyCountsOf(ctx.engine, candidates.ids));
  }

  const channelTotals = new Map<string, number>();
  for (const b of buckets) for (const [c, n] of Object.entries(b.byChannel)) channelTotals.set(c, (channelTotals.get(c) ?? 0) + n);
  const section: TimelineSection = {
    source,
    timezone: ctx.config.timezone,
    bucket: { id: bucketId, ms: grid.ms, chosenBy: options.bucket ? 'option' : 'span', dateOnly: datesOnly },
    domain: { start: iso(domain.start), end: iso(domain.end), excludedBefore: domain.excludedBefore, excludedAfter: domain.excludedAfter },
    detection: {
      series: seriesName,
      windowBuckets: spikeOptions.window,
      seasonBuckets: spikeOptions.season,
      k: spikeOptions.k,
      minExcess: spikeOptions.minExcess,
      sustainBuckets: spikeOptions.sustain,
      containBuckets: spikeOptions.contain,
      description: describe(spikeOptions, bucketId, seriesName),
    },
    channels: [...channelTotals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c),
    buckets,
    episodes,
    // Decided here once; the timeline's consumers (KPIs, chart, themes, faults) read it.
    mainEpisodeIndex: pickMainEpisode(episodes)?.index ?? null,
    keyMoments: keyMoments(episodes, engaged),
    definitions: TIMELINE_DEFINITIONS,
  };
  sentiment?.finish(section);
  return section;
}

/** Counts per bucket, channel and direction, in SQL. */
async function countBuckets(ctx: AnalysisContext, source: 'messages' | 'cases', grid: BucketGrid, start: number, end: number): Promise<TimelineBucket[]> {
  const time = source === 'messages' ? 'created_at' : 'opened_at';
  const brand = source === 'messages' ? 'is_brand' : 'false';
  const customer = source === 'messages' ? customerMessageSql(null) : 'true';
  const result = await ctx.engine.query(`
    SELECT ${bucketIndexSql(grid, time)} AS b,
           coalesce(channel, 'unknown') AS channel, count(*) AS total,
           count(*) FILTER (WHERE ${customer}) AS inbound, count(*) FILTER (WHERE ${brand}) AS brand
    FROM ${source} WHERE epoch_ms(${time}) BETWEEN ${start} AND ${end}
    GROUP BY 1, 2`);
  const buckets: TimelineBucket[] = Array.from({ length: grid.count }, (_, i) => ({
    start: iso(bucketStart(grid, i)), total: 0, inbound: 0, brand: 0, byChannel: {}, baseline: 0, upper: 0, anomalous: false, baselineMethod: 'global',
  }));
  // Rows arrive in no particular order; channel keys are inserted sorted so the JSON is stable.
  result.sort((a, b) => num(a.b) - num(b.b) || String(a.channel).localeCompare(String(b.channel)));
  for (const r of result) {
    const bucket = buckets[num(r.b)];
    bucket.total += num(r.total);
    bucket.inbound += num(r.inbound);
    bucket.brand += num(r.brand);
    bucket.byChannel[String(r.channel)] = num(r.total);
  }
  return buckets;
}

async function episode(
  ctx: AnalysisContext,
  source: 'messages' | 'cases',
  e: SpikeEpisode,
  index: number,
  grid: BucketGrid,
  series: number[],
  verdicts: SpikeBucket[],
  dataEnd: number,
  options: SpikeOptions,
  multipleContext: MultipleContext,
): Promise<TimelineEpisode> {
  const onsetAt = bucketStart(grid, e.onset);
  const endAt = e.containment === null ? dataEnd : bucketStart(grid, e.containment);
  const stop = e.containment ?? series.length;
  let volume = 0;
  for (let i = e.onset; i < stop; i++) volume += series[i];
  const peakBaseline = verdicts[e.peak].baseline;
  const { multiple, reason } = peakMultiple(series[e.peak], e.peak, verdicts[e.peak], options, multipleContext);
  return {
    index,
    onset: { at: iso(onsetAt), bucketIndex: e.onset, volume: series[e.onset], baseline: round(verdicts[e.onset].baseline, 2) },
    peak: { at: iso(bucketStart(grid, e.peak)), bucketIndex: e.peak, volume: series[e.peak], baseline: round(peakBaseline, 2), multiple, ...(reason === null ? {} : { multipleNotMeasurable: reason }) },
    containment: e.containment === null ? null : { at: iso(endAt), bucketIndex: e.containment },
    lastAnomalous: { at: iso(bucketStart(grid, e.lastAnomalous)), bucketIndex: e.lastAnomalous },
    durationMinutes: Math.round((endAt - onsetAt) / 60_000),
    ongoing: e.containment === null,
    levelShift: e.levelShift,
    volume,
    excessVolume: round(e.excess, 1),
    firstBrandResponse: source === 'messages' ? await firstBrandResponse(ctx.engine, onsetAt) : null,
    firstBrandReplyToEpisode: source === 'messages' ? await firstBrandReplyToEpisode(ctx.engine, onsetAt, endAt) : null,
  };
}

/**
 * The one loop over every message: the per-message column `spike_episode`
 * (the episode a message was posted in, null outside any; not set when there
 * is no episode), customer messages counted per bucket and sentiment, and
 * the `candidates` picked out.
 */
function walkMessages(ctx: AnalysisContext, episodes: TimelineEpisode[], grid: BucketGrid, candidates: Candidates, sentiment: SentimentCounter | null): Message[] {
  const spans = episodes.map((e) => ({
    index: e.index,
    from: bucketStart(grid, e.onset.bucketIndex),
    to: bucketStart(grid, e.containment?.bucketIndex ?? grid.count),
  }));
  const found: Message[] = [];
  for (const m of ctx.messages) {
    if (spans.length) {
      let index: number | null = null;
      for (const x of spans)
        if (m.createdAt >= x.from && m.createdAt < x.to) {
          index = x.index;
          break;
        }
      setColumn(ctx, m.id, 'spike_episode', index);
    }
    if (candidates.has(m)) found.push(m);
    sentiment?.add(m);
  }
  return found;
}

function keyMoments(episodes: TimelineEpisode[], engaged: KeyMoment[]): KeyMoment[] {
  const out: KeyMoment[] = [];
  for (const e of episodes) {
    const tag = episodes.length > 1 ? ` (episode ${e.index})` : '';
    out.push({ kind: 'onset', at: e.onset.at, label: `Onset${tag}: ${e.onset.volume} vs ~${Math.round(e.onset.baseline)} expected`, episode: e.index, messageId: null, value: e.onset.volume });
    const multiple = e.peak.multiple === null ? 'no baseline yet' : `${e.peak.multiple}× baseline`;
    out.push({ kind: 'peak', at: e.peak.at, label: `Peak${tag}: ${e.peak.volume} (${multiple})`, episode: e.index, messageId: null, value: e.peak.volume });
    // Only a true reply to the episode: the brand's first post after onset may answer nothing in it (a contest tweet).
    const reply = e.firstBrandReplyToEpisode;
    if (reply)
      out.push({
        kind: 'first-brand-response', at: reply.at, label: `First brand reply${tag}: ${formatMinutes(reply.minutesAfterOnset)} after onset`,
        episode: e.index, messageId: reply.messageId, value: null,
      });
    // A surge that settled at a new level did not go back to normal.
    if (e.containment)
      out.push({ kind: 'containment', at: e.containment.at, label: `${e.levelShift ? 'Settled at a new normal' : 'Back to normal'}${tag}`, episode: e.index, messageId: null, value: null });
  }
  out.push(...engaged);
  const order: KeyMoment['kind'][] = ['onset', 'peak', 'first-brand-response', 'containment', 'most-engaged'];
  return out.sort((a, b) => a.at.localeCompare(b.at) || order.indexOf(a.kind) - order.indexOf(b.kind) || (a.messageId ?? '').localeCompare(b.messageId ?? ''));
}

function formatMinutes(minutes: number): string {
  if (Math.abs(minutes) < 90) return `${Math.round(minutes)} min`;
  if (Math.abs(minutes) < 48 * 60) return `${round(minutes / 60, 1)} h`;
  return `${round(minutes / 1440, 1)} days`;
}

function describe(o: SpikeOptions, bucket: BucketId, series: 'inbound' | 'total'): string {
  const seasonUnit = o.season * bucketMs(bucket) >= 7 * DAY ? 'weeks' : 'days';
  const base = o.season
    ? `the median of the same ${bucket} slot on up to ${o.seasonsBack} previous ${seasonUnit} (the previous ${o.window} buckets until 3 such slots exist)`
    : `the median of the previous ${o.window} buckets`;
  return `${series === 'inbound' ? 'Customer messages' : 'Records'} per ${bucket}, compared with ${base}; anomalous above baseline + ${o.k}σ and at least ${o.minExcess} over; onset after ${o.sustain} anomalous buckets in a row, containment after ${o.contain} normal ones.`;
}
