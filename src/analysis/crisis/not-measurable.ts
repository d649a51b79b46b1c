/**
 * The reasons a crisis figure is not measurable (see `NotMeasurable` in
 * types.ts), worded once so report.json and every page say the same thing.
 */
import type { AnalysisContext } from '../runner/analysis.ts';

/** Response figures (rate, SLA, times, unanswered, backlog) without any brand message. */
export const NO_BRAND_MESSAGES = 'the export contains no brand replies';

/** Customer figures (sentiment shares) when every message is the brand's. */
export const NO_CUSTOMER_MESSAGES = 'the export contains no customer messages';

/** Playbook steps and reply-dependent customer signals when no conversation has a brand reply. */
export const NO_BRAND_REPLIES = 'no conversation in the export has a brand reply';

/** Likes when no message carries a like count. */
export const NO_LIKES_COLUMN = 'the export has no likes column';

/** Shares when no message carries a share or retweet count. */
export const NO_SHARES_COLUMN = 'the export has no shares or retweets column';

/** Engagement when the export has no counts and no reply threads. */
export const NO_ENGAGEMENT = 'the export has no likes, shares or reply counts, and no message replies to another';

/** Case timings the export has no timestamps or flag for. */
export const NO_CASE_FIRST_RESPONSE = 'the export has no first-response times for cases';
export const NO_CASE_RESOLUTION = 'the export has no resolution times for cases';
export const NO_CASE_CLOSE = 'the export has no close times for cases';
export const NO_CASE_TIMELY_FLAG = 'the export has no timely-response flag for cases';

/** True when the crisis has at least one message from the brand's accounts: `report.counts.brandMessages`, counted once before any analysis. */
export function hasBrandMessages(ctx: Pick<AnalysisContext, 'report'>): boolean {
  return ctx.report.counts.brandMessages > 0;
}
