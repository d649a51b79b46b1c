/**
 * Work an analysis starts ahead of its run (Analysis.prefetch): its
 * `prefetch` starts it for a context, its `run` takes what was started — or
 * starts it then, when nothing was (a caller running the analysis alone).
 * Either way `run` sees the same values, so results do not depend on it.
 */
import type { AnalysisContext } from './analysis.ts';

export interface StartedWork<T> {
  /** Starts the work for `ctx` (for Analysis.prefetch); a failure is thrown by `take`. */
  prefetch(ctx: AnalysisContext): void;
  /** What was started for `ctx`, or the work started now; each start is taken once. */
  take(ctx: AnalysisContext): Promise<T>;
}

/** Per-context started work of one analysis; `start` runs synchronously up to its first await. */
export function startedWork<T>(start: (ctx: AnalysisContext) => Promise<T>): StartedWork<T> {
  const started = new WeakMap<AnalysisContext, Promise<T>>();
  return {
    prefetch(ctx) {
      const work = start(ctx);
      // Until `take` awaits it, a failure must not be an unhandled rejection.
      work.catch(() => {});
      started.set(ctx, work);
    },
    take(ctx) {
      const work = started.get(ctx) ?? start(ctx);
      started.delete(ctx);
      return work;
    },
  };
}
