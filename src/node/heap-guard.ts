/**
 * Stops an analysis with one plain line before V8 runs out of JavaScript
 * heap, instead of the raw "FATAL ERROR: Reached heap limit" and exit 134 of
 * a process killed by V8. The heap is looked at on a timer (cheap: one
 * statistics call) and at progress points; only when it is above the
 * threshold is a full collection run, so the figure is what is live, not
 * what awaits collection.
 *
 * It cannot stop a heap that fills inside one synchronous step (an array
 * growing past the limit): V8 then aborts the process. The CLI therefore
 * analyses in a child process (analysis-process.ts) whose parent turns such
 * a crash into the same line; the guard stays as the first, cheaper line of
 * defence (a clean stop, no abort, no core dump) and covers analyses run in
 * process (tests, prepareBundles without isolate).
 */
import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { outOfHeapMessage } from './heap-budget.ts';

/** The heap was (nearly) full of live data. */
export class HeapExhaustedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HeapExhaustedError';
  }
}

export interface HeapGuardOptions {
  /** What is being analysed (a crisis directory), for the message. */
  subject: string;
  /** Share of V8's heap limit that live data may reach (default 0.9). */
  ratio?: number;
  /** How often the timer looks (ms; default 100). */
  intervalMs?: number;
  /**
   * Called from the timer when the heap is exhausted, with the message: the
   * running analysis cannot be interrupted there, so this should end the
   * process (the CLI prints the line and exits 1).
   */
  onExhausted: (error: HeapExhaustedError) => void;
  /** Told each new activity (the analysis process passes it to its parent, for the message if V8 itself runs out). */
  onActivity?: (activity: string) => void;
}

export interface HeapGuard {
  /** What is being done now (`reading posts.csv`), for the message. */
  at(activity: string): void;
  /** Looks now (a progress point); throws {@link HeapExhaustedError} when the heap is exhausted. */
  check(): void;
  stop(): void;
}

/** Watches the heap until `stop()`. */
export function startHeapGuard({ subject, ratio = 0.9, intervalMs = 100, onExhausted, onActivity }: HeapGuardOptions): HeapGuard {
  let activity = 'starting';
  const { heap_size_limit: limit } = getHeapStatistics();
  const oldLimit = oldGenerationLimit(limit);
  const threshold = ratio * oldLimit;
  // After a full collection that found the heap under the threshold, the next is run only once the heap has grown
  // halfway from what was live to the limit: a heap that stays just under the threshold is not collected every tick.
  let collectAt = threshold;
  let found: HeapExhaustedError | null = null;
  const exhausted = (): HeapExhaustedError | null => {
    if (found) return found;
    if (oldGenerationUsed() < collectAt) return null;
    collect();
    const live = oldGenerationUsed();
    if (live < threshold) {
      collectAt = Math.max(threshold, live + (oldLimit - live) / 2);
      return null;
    }
    return (found = new HeapExhaustedError(message(subject, activity, oldLimit)));
  };
  let stopped = false;
  const timer = setInterval(() => {
    const error = exhausted();
    if (error && !stopped) {
      stopped = true;
      clearInterval(timer);
      onExhausted(error);
    }
  }, intervalMs);
  // The guard never keeps the process alive by itself.
  timer.unref();
  return {
    at(now) {
      activity = now;
      onActivity?.(now);
    },
    check() {
      const error = exhausted();
      if (error) throw error;
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

/**
 * V8 dies when the old generation reaches its limit: `heap_size_limit` less the young generation's reserve
 * (three semi-spaces, 16 MiB each unless --max-semi-space-size says otherwise), which is never all in use.
 */
function oldGenerationLimit(heapLimit: number): number {
  const flags = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  const semiMiB = Number(/--max[-_]semi[-_]space[-_]size[= ](\d+)/.exec(flags)?.[1] ?? 16);
  const young = 3 * semiMiB * 2 ** 20;
  return young < heapLimit / 2 ? heapLimit - young : heapLimit;
}

/** Bytes in use outside the young generation (which a scavenge empties). */
function oldGenerationUsed(): number {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) if (!space.space_name.startsWith('new_')) used += space.space_used_size;
  return used;
}

function message(subject: string, activity: string, limit: number): string {
  return outOfHeapMessage(subject, activity, Math.round(limit / 2 ** 20));
}

let gc: (() => void) | null | undefined;

/** A full collection: `globalThis.gc` under `node --expose-gc`, else the same function taken from a fresh context. */
function collect(): void {
  if (gc === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (typeof exposed === 'function') gc = exposed;
    else {
      try {
        setFlagsFromString('--expose-gc');
        gc = runInNewContext('gc') as () => void;
      } catch {
        gc = null;
      }
    }
  }
  gc?.();
}
