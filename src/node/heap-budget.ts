/**
 * How much JavaScript heap an analysis gets, and the one line that says it
 * ran out. The analysis runs in a child process (analysis-process.ts) started
 * with `--max-old-space-size` from {@link heapBudget}: by default a share of
 * the machine's memory rather than V8's own default (about 4 GB whatever the
 * machine has), overridable with DEBRIEF_HEAP_MB.
 */
import { setFlagsFromString } from 'node:v8';
import os from 'node:os';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

/** Largest default heap: beyond it a full collection takes seconds, and a crisis that big should say so (DEBRIEF_HEAP_MB). */
const DEFAULT_CAP_MB = 16_384;
/** Memory left to the rest of the process tree: DuckDB, text worker threads, the parent, the system. */
const HEADROOM_MB = 1_024;
/** Smaller heaps cannot even load the analyses. */
const MIN_MB = 64;

export interface HeapBudget {
  /** The old generation's limit, MB (`--max-old-space-size`). */
  mb: number;
  /** Where the figure comes from. */
  from: 'DEBRIEF_HEAP_MB' | '--max-old-space-size' | 'machine';
}

/** The machine's memory in MB: physical memory, or the container's limit when lower. */
export function machineMemoryMb(): number {
  const total = os.totalmem();
  // Unconstrained, Node 20 reports 2^64 (or 0 / undefined on other versions).
  const constrained = (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.() ?? 0;
  return Math.floor((constrained > 0 && constrained < total ? constrained : total) / 2 ** 20);
}

/**
 * The heap for an analysis: DEBRIEF_HEAP_MB when set; else a `--max-old-space-size` given to this Node (on its
 * command line or in NODE_OPTIONS, as older versions advised); else 75% of the machine's memory, at most 16 GB,
 * less 1 GB of headroom. Throws on a DEBRIEF_HEAP_MB that is not a whole number of MB ≥ 64.
 */
export function heapBudget(env: NodeJS.ProcessEnv = process.env, execArgv: readonly string[] = process.execArgv, machineMb = machineMemoryMb()): HeapBudget {
  const asked = env.DEBRIEF_HEAP_MB?.trim();
  if (asked) {
    const mb = Number(asked);
    if (!/^\d+$/.test(asked) || mb < MIN_MB) throw new Error(`DEBRIEF_HEAP_MB must be a whole number of MB ≥ ${MIN_MB} (got "${asked}"); this machine has ${machineMb} MB`);
    return { mb, from: 'DEBRIEF_HEAP_MB' };
  }
  const flag = maxOldSpaceFlag([...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)]);
  if (flag !== undefined) return { mb: flag, from: '--max-old-space-size' };
  return { mb: defaultHeapMb(machineMb), from: 'machine' };
}

/** 75% of `machineMb`, at most 16 GB, less 1 GB of headroom (never below 512 MB). */
export function defaultHeapMb(machineMb: number): number {
  return Math.max(512, Math.min(Math.floor(0.75 * machineMb), DEFAULT_CAP_MB) - HEADROOM_MB);
}

/** A semi-space chosen for an analysis ({@link semiSpaceMb}). */
export interface SemiSpace {
  /** MB (`--max-semi-space-size`). */
  mb: number;
  /** Where the figure comes from: the variable, or the size of the exports. */
  from: 'DEBRIEF_SEMI_SPACE_MB' | 'exports';
}

/** Exports at least this large get larger semi-spaces ({@link semiSpaceMb}); a million posts are 176 MB. */
const LARGE_INPUT_BYTES = 384 * 2 ** 20;
/** Exports at least this large (about six million posts) get the largest. */
const HUGE_INPUT_BYTES = 1024 * 2 ** 20;

/**
 * The young generation's semi-space for the analysis of `inputBytes` of exports, MB (`--max-semi-space-size`), and
 * where the figure comes from, or null for V8's own (16 MB): DEBRIEF_SEMI_SPACE_MB when set (0: V8's own), else 64 MB from 384 MB of exports and
 * 128 MB from 1 GB. Why: besides copying what survives, every scavenge costs time in proportion to the old
 * generation (measured in a loop that makes only garbage: 1.1 ms a scavenge beside 150 MB of old objects, 7.2 ms
 * beside 1.5 GB), and a crisis of millions of posts keeps gigabytes old and scavenges thousands of times (ten million
 * posts: about 12,000 scavenges, 20–37 ms each, 300 s of the analysis thread). A larger young generation is
 * scavenged as many times fewer. It costs its size in memory, so a million posts keep V8's own: their 2 GB target
 * has no room for it.
 */
export function semiSpaceMb(inputBytes: number, env: NodeJS.ProcessEnv = process.env): SemiSpace | null {
  const asked = env.DEBRIEF_SEMI_SPACE_MB?.trim();
  if (asked) {
    const mb = Number(asked);
    if (!/^\d+$/.test(asked) || mb > 1024) throw new Error(`DEBRIEF_SEMI_SPACE_MB must be a whole number of MB, at most 1024 (0: V8's own); got "${asked}"`);
    return mb === 0 ? null : { mb, from: 'DEBRIEF_SEMI_SPACE_MB' };
  }
  if (inputBytes >= HUGE_INPUT_BYTES) return { mb: 128, from: 'exports' };
  if (inputBytes >= LARGE_INPUT_BYTES) return { mb: 64, from: 'exports' };
  return null;
}

/** The last `--max-old-space-size` among `flags` (the last one wins, as in Node). */
function maxOldSpaceFlag(flags: readonly string[]): number | undefined {
  let mb: number | undefined;
  for (let i = 0; i < flags.length; i++) {
    const m = /^--max[-_]old[-_]space[-_]size(?:=(\d+))?$/.exec(flags[i]!);
    if (!m) continue;
    const value = m[1] ?? flags[i + 1];
    if (value !== undefined && /^\d+$/.test(value)) mb = Number(value);
  }
  return mb;
}

/**
 * `subject: ran out of JavaScript memory (N MB heap) while <activity>; <what to do>`. What to do: a bigger
 * DEBRIEF_HEAP_MB while the machine has room for one, and a smaller export. Not `--engine native`: it moves
 * DuckDB's memory out of the process, not the JavaScript copies of the records that fill this heap (docs/scaling.md).
 */
export function outOfHeapMessage(subject: string, activity: string, heapMb: number, machineMb = machineMemoryMb()): string {
  const room = machineMb - HEADROOM_MB;
  const bigger = Math.min(Math.max(2 * heapMb, 1_024), room);
  const advice =
    bigger > heapMb * 1.25
      ? `give it more heap, e.g. DEBRIEF_HEAP_MB=${bigger} (this machine has ${machineMb} MB), or split the export into smaller files`
      : `split the export into smaller files, or run on a machine with more memory (the heap already has most of this machine's ${machineMb} MB)`;
  return `${subject}: ran out of JavaScript memory (${heapMb} MB heap) while ${activity}; ${advice}`;
}

/**
 * A full collection where Node allows one (under `--expose-gc`, as the analysis process runs); nothing otherwise.
 * The analysis calls it before the bundle where the heap has grown ({@link collectGarbageIfGrown}): at a million posts
 * the garbage of one stage (themes' index) otherwise sits under the next one's peak (measured: 80 MiB lower peak).
 * Between analyses it starts V8's incremental collection instead ({@link startCollectionIfGrown}).
 */
export function collectGarbage(heapUsed: () => number = usedHeap): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  gc();
  heapAfterCollection = heapUsed();
}

/** The heap in use right after the last collection this module made (none yet: -Infinity). */
let heapAfterCollection = -Infinity;

function usedHeap(): number {
  return process.memoryUsage().heapUsed;
}

/**
 * Counts V8's own full collections as made here, until the returned function is called: the heap in use when each is
 * reported (an event-loop turn after it ends) is where growth counts from. The collection before the bundle followed
 * one V8 had just finished (started between the last two analyses, {@link startCollectionIfGrown}) and found 2–10 MiB
 * (10 at a million posts, 0.7 s; 3 at ten million, 5.7 s of this thread).
 */
export function watchFullCollections(heapUsed: () => number = usedHeap): () => void {
  const observer = new PerformanceObserver((list) => {
    if (list.getEntries().some(isFullCollection)) heapAfterCollection = heapUsed();
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => observer.disconnect();
}

function isFullCollection(entry: PerformanceEntry): boolean {
  return (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR;
}

/**
 * {@link collectGarbage}, unless the heap has grown by less than `minGrowthMb` since the last collection made here
 * (or seen by {@link watchFullCollections}):
 * a full collection of a million posts' heap takes 0.4–0.7 s of the analysis thread whatever it finds, and after a
 * stage that left a few MiB (tickets, segments, the last one before the bundle) it found 2–9 MiB.
 */
export function collectGarbageIfGrown(minGrowthMb = 32, heapUsed: () => number = usedHeap): void {
  if (heapUsed() - heapAfterCollection < minGrowthMb * 2 ** 20) return;
  collectGarbage(heapUsed);
}

/**
 * Sets V8's heap growing factor to `DEBRIEF_HEAP_GROWING_PERCENT` (default 20%; 0 or a value that is not a whole
 * number leaves V8's own). V8 lets the heap grow to about twice what is live before it collects again; a
 * million-post crisis keeps ~1 GB live through its analyses, so the default would double the peak for nothing.
 * The analysis sets it once the files are read: while reading, the heap only grows, and V8's own factor spends
 * 3.5–4.4 s less of a million posts' ingest collecting it (27 s against 31 s), below the later peak.
 */
export function limitHeapGrowth(env: NodeJS.ProcessEnv = process.env): void {
  const percent = env.DEBRIEF_HEAP_GROWING_PERCENT ?? '20';
  if (/^\d+$/.test(percent) && Number(percent) > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}

/**
 * A full collection that also compacts every page of the heap (under `--expose-gc`; nothing otherwise). Reading a
 * million posts leaves the heap's pages a third empty (454 MiB live in 726 MiB of pages after a full collection),
 * and V8 keeps such pages; compacting returns them (497 MiB of pages, 300 MiB less resident). Compaction copies the
 * live objects first, so it briefly costs their size: the analysis does it once, after reading and before the
 * engine's memory grows, where that costs no peak (measured: 2,072 → 2,037 MiB peak at a million posts; compacting
 * between every analysis too raised the peak to 2,494 MiB).
 */
export function compactHeap(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  setFlagsFromString('--compact-on-every-full-gc');
  try {
    gc();
    heapAfterCollection = usedHeap();
  } finally {
    setFlagsFromString('--no-compact-on-every-full-gc');
  }
}

/** Bytes of a buffer that tell V8 memory outside its heap grew: more than its 64 MiB soft limit for that. */
const NUDGE_BYTES = 96 * 2 ** 20;

/** The heap in use when a collection was last started here (-Infinity: none yet). */
let heapAtLastStart = -Infinity;

/**
 * Starts V8's own incremental collection, unless the heap has grown by less than `minGrowthMb` since one was last
 * started or made here. An explicit `gc()` stops this thread for the whole marking (0.4–0.7 s of a million posts'
 * heap, each time); V8's incremental marking does most of it on another core while the next analysis runs (measured
 * with `--trace-gc` on a million posts: pauses for full collections 3.3–3.6 s against 7.5–8.2 s, all of this thread's
 * collections 18.7–19.0 s against 22.3–25.7 s, the peak the same). No call starts one, but V8 does when memory
 * outside its heap grows by more than 64 MiB (heap.cc, ReportExternalMemoryPressure): a zero-filled buffer that size,
 * dropped at once, says so. Its pages are never written, so they are never resident.
 */
export function startCollectionIfGrown(minGrowthMb = 32, heapUsed: () => number = usedHeap, start: () => void = nudgeV8): void {
  const used = heapUsed();
  if (used - Math.max(heapAtLastStart, heapAfterCollection) < minGrowthMb * 2 ** 20) return;
  heapAtLastStart = used;
  start();
}

function nudgeV8(): void {
  try {
    void new ArrayBuffer(NUDGE_BYTES);
  } catch {
    // No room even for untouched pages (a strict overcommit policy): V8 then collects when it would have anyway.
  }
}
