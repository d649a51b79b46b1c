/** Every analysis, in the order they run (later ones may read earlier sections). */
import type { Analysis } from './analysis.ts';

export const ANALYSES: Analysis[] = [];
