/** Every analysis, in the order they run (later ones read earlier sections and columns). */
import type { Analysis } from './analysis.ts';
import { CRISIS_ANALYSES } from './crisis/index.ts';
import { faultsAnalysis } from './language/faults-analysis.ts';
import { sentimentAnalysis } from './language/sentiment-analysis.ts';
import { themesAnalysis } from './language/themes-analysis.ts';

/**
 * The default analyses. Sentiment first: the timeline splits volume by it and
 * the playbook reads it; themes and faults after the timeline, whose buckets
 * and onset they share.
 */
export function defaultAnalyses(): Analysis[] {
  return [sentimentAnalysis, ...CRISIS_ANALYSES, themesAnalysis, faultsAnalysis];
}
