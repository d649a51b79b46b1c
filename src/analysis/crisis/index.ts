/**
 * The crisis analyses, in the order they should run: the timeline first
 * (it reads a `sentiment` column if the sentiment analysis ran before it),
 * then response and coverage (which share the conversation definitions in
 * sql.ts), the playbook, and amplifiers.
 */
import type { Analysis } from '../analysis.ts';
import { amplifiersAnalysis } from './amplifiers.ts';
import { coverageAnalysis } from './coverage.ts';
import { playbookAnalysis } from './playbook.ts';
import { responseAnalysis } from './response.ts';
import { timelineAnalysis } from './timeline.ts';

export { amplifiersAnalysis } from './amplifiers.ts';
export { coverageAnalysis } from './coverage.ts';
export { playbookAnalysis } from './playbook.ts';
export { responseAnalysis } from './response.ts';
export { createTimelineAnalysis, timelineAnalysis, type TimelineOptions } from './timeline.ts';
export { addTimelineSentiment } from './timeline-sentiment.ts';
export type * from './types.ts';

/** All crisis analyses in run order. */
export const CRISIS_ANALYSES: readonly Analysis[] = [timelineAnalysis, responseAnalysis, coverageAnalysis, playbookAnalysis, amplifiersAnalysis];
