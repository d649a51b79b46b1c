/**
 * Work an analysis starts ahead of its run (Analysis.prefetch, and
 * Analysis.prefetchRows for work that needs only the rows read): a prefetch
 * starts it, the analysis's `run` takes what was started — or starts it
 * then, when nothing was (a caller running the analysis alone). Either way
 * `run` sees the same values, so results do not depend on it.
 */
import type { AnalysisContext, RowsContext } from './analysis.ts';

export interface StartedWork<T, C> {
  /** Starts the work for `ctx` unless it is started already; a failure is thrown by `take`. */
  prefetch(ctx: C): void;
  /** What was started for `ctx`, or the work started now; each start is taken once. */
  take(ctx: C): Promise<T>;
}

/** Per-context started work of one analysis; `start` runs synchronously up to its first await. */
export function startedWork<T>(start: (ctx: AnalysisContext) => Promise<T>): StartedWork<T, AnalysisContext> {
  return keyedWork(start, (ctx) => ctx);
}

/**
 * Started work that needs only the rows read: started before the engine holds them (Analysis.prefetchRows, with a
 * context made of the rows alone) and taken by the analysis context over the same rows, so it is kept by the
 * messages array rather than by the context.
 */
export function startedRowsWork<T>(start: (rows: RowsContext) => Promise<T>): StartedWork<T, RowsContext> {
  return keyedWork(start, (rows) => rows.messages);
}

function keyedWork<T, C>(start: (ctx: C) => Promise<T>, keyOf: (ctx: C) => object): StartedWork<T, C> {
  const started = new WeakMap<object, Promise<T>>();
  return {
    prefetch(ctx) {
      // Started once: the pipeline may start it early, and the runner asks again when its turn comes.
      if (started.has(keyOf(ctx))) return;
      const work = start(ctx);
      // Until `take` awaits it, a failure must not be an unhandled rejection.
      work.catch(() => {});
      started.set(keyOf(ctx), work);
    },
    take(ctx) {
      const work = started.get(keyOf(ctx)) ?? start(ctx);
      started.delete(keyOf(ctx));
      return work;
    },
  };
}
