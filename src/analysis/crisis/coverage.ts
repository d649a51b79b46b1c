/**
 * `coverage`: when customers wrote and how fast they were answered at that
 * time — an hour-of-day × day-of-week grid in the crisis time zone, business
 * hours against off-hours, and the backlog of conversations waiting for a
 * first brand reply over time.
 */
import type { Analysis, AnalysisContext } from '../runner/analysis.ts';
import { bucketGrid, bucketStart, chooseBucket, dateOnly, robustDomain, sortedMessageTimes } from './buckets.ts';
import { businessMinutes, minuteOfWeekIn, minuteOfWeekSql } from './local-time.ts';
import { NO_BRAND_MESSAGES, hasBrandMessages } from './not-measurable.ts';
import { customerMessageSql } from './notions.ts';
import { CONVERSATION_RESPONSE_CTE, fetchColumns, num } from './sql.ts';
import { durationStats, median, roundOrNull, share } from './stats.ts';
import type { CoverageCell, CoverageSection, CoverageWindow } from './types.ts';

export const COVERAGE_DEFINITIONS: Record<string, string> = {
  grid: 'Each cell is one hour of the week on the crisis time zone’s clock (daylight saving time included): customer messages posted in that hour, and the median conversation first response of conversations whose first customer message fell in it.',
  businessHours:
    'Business hours come from crisis.yaml (businessHours: days, start, end, in the crisis time zone). Messages and conversations are placed by the local time they were posted (conversations: their first customer message).',
  backlog:
    'Backlog: conversations whose first customer message has been posted but that have no brand message after it yet, counted at the end of each time bucket. Conversations never answered stay in the backlog to the end.',
  firstResponse: 'First response times are conversation first response times as defined in the response section.',
};

/** The `coverage` analysis (messages only; absent when the crisis has none). */
export const coverageAnalysis: Analysis = {
  name: 'coverage',
  sections: ['coverage'],
  async run(ctx) {
    if (ctx.messages.length) ctx.report.sections.coverage = await computeCoverage(ctx);
  },
};

/** Conversations as columns: when each started, and its first response in seconds (NaN when unanswered). */
interface Conversations {
  firstAt: Float64Array;
  seconds: Float64Array;
}

async function computeCoverage(ctx: AnalysisContext): Promise<CoverageSection> {
  const { config } = ctx;
  const minuteOfWeek = minuteOfWeekIn(config.timezone);
  const business = businessMinutes(config.businessHours);
  const slaSeconds = config.sla.firstResponseMinutes * 60;
  const conversations = await readConversations(ctx);

  const cells: CoverageCell[] = [];
  const cellSeconds: number[][] = [];
  for (let weekday = 1; weekday <= 7; weekday++)
    for (let hour = 0; hour < 24; hour++) {
      cells.push({ weekday, hour, inbound: 0, conversations: 0, answered: 0, medianFirstResponseSeconds: null });
      cellSeconds.push([]);
    }
  const windows = { inside: emptyWindow(), outside: emptyWindow() };
  // Customer messages counted by minute of the week in SQL; each minute gives its hour cell and business-hours flag.
  const times = sortedMessageTimes(ctx.messages);
  const minuteSql = minuteOfWeekSql(config.timezone, 'm.created_at', times[0], times[times.length - 1]);
  for (const r of await ctx.engine.query(`SELECT ${minuteSql} AS minute, count(*) AS n FROM messages m WHERE ${customerMessageSql('m')} GROUP BY 1`)) {
    const minute = num(r.minute);
    cells[Math.floor(minute / 60)].inbound += num(r.n);
    windows[business[minute] ? 'inside' : 'outside'].inbound += num(r.n);
  }
  // Conversations come as columns: the same minute arithmetic in TypeScript, no object per conversation.
  const { firstAt, seconds } = conversations;
  for (let i = 0; i < firstAt.length; i++) {
    const minute = minuteOfWeek(firstAt[i]);
    const cell = Math.floor(minute / 60);
    const w = windows[business[minute] ? 'inside' : 'outside'];
    cells[cell].conversations++;
    w.conversations++;
    if (!Number.isNaN(seconds[i])) {
      cells[cell].answered = (cells[cell].answered ?? 0) + 1;
      cellSeconds[cell].push(seconds[i]);
      w.seconds.push(seconds[i]);
    }
  }
  cells.forEach((cell, i) => (cell.medianFirstResponseSeconds = roundOrNull(median(cellSeconds[i]))));

  const section: CoverageSection = {
    timezone: config.timezone,
    definitions: COVERAGE_DEFINITIONS,
    grid: cells,
    businessHours: { ...config.businessHours, inside: finishWindow(windows.inside, slaSeconds), outside: finishWindow(windows.outside, slaSeconds) },
    backlog: backlog(ctx, conversations),
  };
  // Without a brand message nobody can leave the backlog: a curve climbing to every conversation would be an artefact.
  if (!hasBrandMessages(ctx)) markNotMeasurable(section);
  return section;
}

/** Blanks the figures that need the brand's replies, with {@link NO_BRAND_MESSAGES} beside them (see `NotMeasurable`). */
function markNotMeasurable(section: CoverageSection): void {
  for (const cell of section.grid) cell.answered = null;
  for (const w of [section.businessHours.inside, section.businessHours.outside])
    Object.assign(w, { answered: null, responseRate: null, withinSlaShare: null, responseNotMeasurable: NO_BRAND_MESSAGES });
  section.backlog = { bucket: section.backlog.bucket, points: [], peak: null, waitingAtEnd: null };
  section.backlogNotMeasurable = NO_BRAND_MESSAGES;
}

/** Every conversation's start and first response (see the response analysis), fetched packed. */
async function readConversations(ctx: AnalysisContext): Promise<Conversations> {
  const [first, ms] = await fetchColumns(
    ctx.engine,
    `WITH ${CONVERSATION_RESPONSE_CTE} SELECT epoch_ms(first_at) AS first_at, epoch_ms(answered_at) - epoch_ms(first_at) AS ms FROM conv_response`,
    ['first_at', 'ms'],
  );
  const firstAt = new Float64Array(first.length);
  const seconds = new Float64Array(first.length);
  for (let i = 0; i < first.length; i++) {
    firstAt[i] = Number(first[i]);
    // Whole milliseconds / 1000 is the same double as the SQL's seconds.
    seconds[i] = ms[i] === null ? NaN : Number(ms[i]) / 1000;
  }
  return { firstAt, seconds };
}

interface WindowDraft {
  inbound: number;
  conversations: number;
  seconds: number[];
}

function emptyWindow(): WindowDraft {
  return { inbound: 0, conversations: 0, seconds: [] };
}

function finishWindow(w: WindowDraft, slaSeconds: number): CoverageWindow {
  return {
    inbound: w.inbound,
    conversations: w.conversations,
    answered: w.seconds.length,
    responseRate: share(w.seconds.length, w.conversations),
    firstResponse: durationStats(w.seconds),
    withinSlaShare: share(w.seconds.filter((s) => s <= slaSeconds).length, w.conversations),
  };
}

/** Conversations waiting for a first brand reply at the end of each bucket (the last point is the end of the data). */
function backlog(ctx: AnalysisContext, { firstAt, seconds }: Conversations): CoverageSection['backlog'] {
  const times = sortedMessageTimes(ctx.messages);
  const minMs = dateOnly(times, ctx.config.timezone) ? 86_400_000 : 0;
  const domain = robustDomain(times, minMs)!;
  const id = chooseBucket(domain.end - domain.start, minMs);
  const grid = bucketGrid(domain.start, domain.end, id, ctx.config.timezone);
  const dataEnd = times[times.length - 1];
  const sampleAt = (i: number) => (i === grid.count - 1 ? Math.max(dataEnd, domain.end) : bucketStart(grid, i + 1));
  // Waiting at t = conversations asked by t − conversations answered by t: two sorted arrays walked once.
  const asked = Float64Array.from(firstAt).sort();
  let unanswered = 0;
  for (let i = 0; i < seconds.length; i++) if (Number.isNaN(seconds[i])) unanswered++;
  const answered = new Float64Array(seconds.length - unanswered);
  for (let i = 0, j = 0; i < seconds.length; i++) if (!Number.isNaN(seconds[i])) answered[j++] = firstAt[i] + Math.round(seconds[i] * 1000);
  answered.sort();
  const points: { at: string; waiting: number }[] = [];
  let a = 0;
  let b = 0;
  let peak: { at: string; waiting: number } | null = null;
  for (let i = 0; i < grid.count; i++) {
    const t = sampleAt(i);
    while (a < asked.length && asked[a] <= t) a++;
    while (b < answered.length && answered[b] <= t) b++;
    const point = { at: new Date(t).toISOString(), waiting: a - b };
    points.push(point);
    if (!peak || point.waiting > peak.waiting) peak = point;
  }
  return { bucket: id, points, peak: peak && peak.waiting > 0 ? peak : null, waitingAtEnd: unanswered };
}
