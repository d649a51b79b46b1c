/**
 * The crisis analyses: timeline, response and coverage (which share the
 * notions of notions.ts), the playbook, and amplifiers. Each declares what it
 * reads; the runner (../runner/order.ts) orders them.
 */
import type { Analysis } from '../runner/analysis.ts';
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
export type * from './types.ts';

/** All crisis analyses (the runner orders them by what they read). */
export const CRISIS_ANALYSES: readonly Analysis[] = [timelineAnalysis, responseAnalysis, coverageAnalysis, playbookAnalysis, amplifiersAnalysis];
