/**
 * `coverage`: when customers wrote and how fast they were answered at that
 * time — an hour-of-day × day-of-week grid in the crisis time zone, business
 * hours against off-hours, and the backlog of conversations waiting for a
 * first brand reply over time.
 */
import type { Analysis, AnalysisContext } from '../runner/analysis.ts';
import { bucketGrid, bucketStart, chooseBucket, dateOnly, robustDomain } from './buckets.ts';
import { businessHoursPredicate, localTimeIn } from './local-time.ts';
import { isCustomerMessage } from './notions.ts';
import { CONVERSATION_RESPONSE_CTE, num } from './sql.ts';
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

interface Conversation {
  firstAt: number;
  /** Null when unanswered. */
  seconds: number | null;
}

async function computeCoverage(ctx: AnalysisContext): Promise<CoverageSection> {
  const { config } = ctx;
  const local = localTimeIn(config.timezone);
  const inBusiness = businessHoursPredicate(config.businessHours);
  const slaSeconds = config.sla.firstResponseMinutes * 60;
  const conversations: Conversation[] = (
    await ctx.engine.query(`WITH ${CONVERSATION_RESPONSE_CTE} SELECT epoch_ms(first_at) AS first_at, seconds FROM conv_response`)
  ).map((r) => ({ firstAt: num(r.first_at), seconds: r.seconds === null ? null : num(r.seconds) }));

  const cells: CoverageCell[] = [];
  const cellSeconds: number[][] = [];
  for (let weekday = 1; weekday <= 7; weekday++)
    for (let hour = 0; hour < 24; hour++) {
      cells.push({ weekday, hour, inbound: 0, conversations: 0, answered: 0, medianFirstResponseSeconds: null });
      cellSeconds.push([]);
    }
  const cellOf = (ms: number) => {
    const t = local(ms);
    return { index: (t.weekday - 1) * 24 + t.hour, business: inBusiness(t) };
  };
  const windows = { inside: emptyWindow(), outside: emptyWindow() };
  for (const m of ctx.messages) {
    if (!isCustomerMessage(m)) continue;
    const c = cellOf(m.createdAt);
    cells[c.index].inbound++;
    windows[c.business ? 'inside' : 'outside'].inbound++;
  }
  for (const conv of conversations) {
    const c = cellOf(conv.firstAt);
    const w = windows[c.business ? 'inside' : 'outside'];
    cells[c.index].conversations++;
    w.conversations++;
    if (conv.seconds !== null) {
      cells[c.index].answered++;
      cellSeconds[c.index].push(conv.seconds);
      w.seconds.push(conv.seconds);
    }
  }
  cells.forEach((cell, i) => (cell.medianFirstResponseSeconds = roundOrNull(median(cellSeconds[i]))));

  return {
    timezone: config.timezone,
    definitions: COVERAGE_DEFINITIONS,
    grid: cells,
    businessHours: { ...config.businessHours, inside: finishWindow(windows.inside, slaSeconds), outside: finishWindow(windows.outside, slaSeconds) },
    backlog: backlog(ctx, conversations),
  };
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
function backlog(ctx: AnalysisContext, conversations: Conversation[]): CoverageSection['backlog'] {
  const times = ctx.messages.map((m) => m.createdAt).sort((a, b) => a - b);
  const domain = robustDomain(times)!;
  const id = chooseBucket(domain.end - domain.start, dateOnly(times, ctx.config.timezone) ? 86_400_000 : 0);
  const grid = bucketGrid(domain.start, domain.end, id, ctx.config.timezone);
  const dataEnd = times[times.length - 1];
  const sampleAt = (i: number) => (i === grid.count - 1 ? Math.max(dataEnd, domain.end) : bucketStart(grid, i + 1));
  // A running sum over sorted +1 (asked) / −1 (answered) events: one pass, no range join per bucket.
  const events: [number, number][] = [];
  for (const c of conversations) {
    events.push([c.firstAt, 1]);
    if (c.seconds !== null) events.push([c.firstAt + Math.round(c.seconds * 1000), -1]);
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const points: { at: string; waiting: number }[] = [];
  let waiting = 0;
  let e = 0;
  let peak: { at: string; waiting: number } | null = null;
  for (let i = 0; i < grid.count; i++) {
    const t = sampleAt(i);
    while (e < events.length && events[e][0] <= t) waiting += events[e++][1];
    const point = { at: new Date(t).toISOString(), waiting };
    points.push(point);
    if (!peak || waiting > peak.waiting) peak = point;
  }
  const waitingAtEnd = conversations.filter((c) => c.seconds === null).length;
  return { bucket: id, points, peak: peak && peak.waiting > 0 ? peak : null, waitingAtEnd };
}
