/** Every analysis, in the order they run (later ones may read earlier sections and columns). */
import type { Analysis } from './analysis.ts';
import { sentimentAnalysis } from './language/sentiment-analysis.ts';

/** The default analyses; sentiment first so the timeline can split volume by it. */
export function defaultAnalyses(): Analysis[] {
  return [sentimentAnalysis()];
}
