/** Every analysis Debrief runs on a crisis. Adding one means adding it here; the runner orders them. */
import type { Analysis } from './analysis.ts';
import { CRISIS_ANALYSES } from '../crisis/index.ts';
import { faultsAnalysis } from '../language/faults-analysis.ts';
import { sentimentAnalysis } from '../language/sentiment-analysis.ts';
import { themesAnalysis } from '../language/themes-analysis.ts';
import { ticketsAnalysis } from '../sections/tickets/analysis.ts';
import { segmentsAnalysis } from '../sections/segments/analysis.ts';

/**
 * The default analyses, listed in a readable order (the runner orders them by
 * what each declares it reads: sentiment before the timeline and playbook,
 * the timeline before themes and faults).
 */
export function defaultAnalyses(): Analysis[] {
  return [sentimentAnalysis, ...CRISIS_ANALYSES, themesAnalysis, faultsAnalysis, ticketsAnalysis, segmentsAnalysis];
}
