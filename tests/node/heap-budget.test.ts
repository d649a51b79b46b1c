/** The analysis's heap: DEBRIEF_HEAP_MB, else Node's --max-old-space-size, else a share of the machine; and the line when it runs out. */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { collectGarbage, collectGarbageIfGrown, defaultHeapMb, heapBudget, outOfHeapMessage, semiSpaceMb, startCollectionIfGrown } from '../../src/node/heap-budget.ts';

describe('the heap budget', () => {
  it('is DEBRIEF_HEAP_MB when set, whatever Node was given', () => {
    expect(heapBudget({ DEBRIEF_HEAP_MB: '6000', NODE_OPTIONS: '--max-old-space-size=100' }, ['--max-old-space-size=200'], 24_000)).toEqual({ mb: 6000, from: 'DEBRIEF_HEAP_MB' });
  });

  it('refuses a DEBRIEF_HEAP_MB that is not a whole number of MB, or too small to load the analyses', () => {
    expect(() => heapBudget({ DEBRIEF_HEAP_MB: '4GB' }, [], 24_000)).toThrow('DEBRIEF_HEAP_MB must be a whole number of MB ≥ 64 (got "4GB"); this machine has 24000 MB');
    expect(() => heapBudget({ DEBRIEF_HEAP_MB: '32' }, [], 24_000)).toThrow(/≥ 64 \(got "32"\)/);
  });

  it("is Node's --max-old-space-size otherwise, the last given, on the command line or in NODE_OPTIONS", () => {
    expect(heapBudget({}, ['--max-old-space-size=3000'], 24_000)).toEqual({ mb: 3000, from: '--max-old-space-size' });
    expect(heapBudget({ NODE_OPTIONS: '--max_old_space_size=1500' }, [], 24_000)).toEqual({ mb: 1500, from: '--max-old-space-size' });
    expect(heapBudget({ NODE_OPTIONS: '--max-old-space-size 900', DEBRIEF_HEAP_MB: ' ' }, ['--max-old-space-size=700'], 24_000).mb).toBe(900);
  });

  it('is 75% of the machine otherwise, at most 16 GB, less 1 GB of headroom, never below 512 MB', () => {
    expect(heapBudget({}, [], 24_000)).toEqual({ mb: 15_360, from: 'machine' });
    expect(defaultHeapMb(8_192)).toBe(5_120);
    expect(defaultHeapMb(4_096)).toBe(2_048);
    expect(defaultHeapMb(1_024)).toBe(512);
    expect(defaultHeapMb(262_144)).toBe(15_360);
  });
});

describe('the young generation', () => {
  const MB = 2 ** 20;
  it("is V8's own up to 384 MB of exports (a million posts are 176 MB), 64 MB semi-spaces from there, 128 MB from 1 GB", () => {
    expect(semiSpaceMb(0, {})).toBeNull();
    expect(semiSpaceMb(176 * MB, {})).toBeNull();
    expect(semiSpaceMb(384 * MB - 1, {})).toBeNull();
    expect(semiSpaceMb(384 * MB, {})).toEqual({ mb: 64, from: 'exports' });
    expect(semiSpaceMb(530 * MB, {})).toEqual({ mb: 64, from: 'exports' });
    expect(semiSpaceMb(1024 * MB, {})).toEqual({ mb: 128, from: 'exports' });
    expect(semiSpaceMb(1688 * MB, {})).toEqual({ mb: 128, from: 'exports' });
  });

  it('is DEBRIEF_SEMI_SPACE_MB when set (0: V8\'s own), and refuses one that is not a whole number of MB up to 1024', () => {
    expect(semiSpaceMb(0, { DEBRIEF_SEMI_SPACE_MB: '32' })).toEqual({ mb: 32, from: 'DEBRIEF_SEMI_SPACE_MB' });
    expect(semiSpaceMb(2048 * MB, { DEBRIEF_SEMI_SPACE_MB: '0' })).toBeNull();
    expect(semiSpaceMb(2048 * MB, { DEBRIEF_SEMI_SPACE_MB: ' ' })).toEqual({ mb: 128, from: 'exports' });
    expect(() => semiSpaceMb(0, { DEBRIEF_SEMI_SPACE_MB: '64MB' })).toThrow('DEBRIEF_SEMI_SPACE_MB must be a whole number of MB, at most 1024 (0: V8\'s own); got "64MB"');
    expect(() => semiSpaceMb(0, { DEBRIEF_SEMI_SPACE_MB: '4096' })).toThrow(/at most 1024/);
  });
});

describe('the line when the heap runs out', () => {
  it('names the crisis, the heap and the activity, and offers twice the heap while the machine has it', () => {
    expect(outOfHeapMessage('data/acme', 'running the faults analysis', 4096, 24_000)).toBe(
      'data/acme: ran out of JavaScript memory (4096 MB heap) while running the faults analysis; give it more heap, e.g. DEBRIEF_HEAP_MB=8192 (this machine has 24000 MB), or split the export into smaller files',
    );
    // Not more than the machine has, less the headroom.
    expect(outOfHeapMessage('data/acme', 'x', 15_360, 24_000)).toContain('DEBRIEF_HEAP_MB=22976 ');
  });

  it('does not offer more heap when the heap already has most of the machine', () => {
    expect(outOfHeapMessage('data/acme', 'reading posts.csv', 15_360, 16_384)).toBe(
      "data/acme: ran out of JavaScript memory (15360 MB heap) while reading posts.csv; split the export into smaller files, or run on a machine with more memory (the heap already has most of this machine's 16384 MB)",
    );
  });
});

describe('collections between analyses', () => {
  it('collects only when the heap has grown by the threshold since the last collection made here', () => {
    const g = globalThis as { gc?: () => void };
    const before = g.gc;
    let collections = 0;
    let heap = 700 * 2 ** 20;
    let freed = 50 * 2 ** 20;
    g.gc = () => {
      collections++;
      heap -= freed;
    };
    try {
      const used = () => heap;
      collectGarbage(used);
      expect(collections).toBe(1);
      // 650 MiB after it: a stage that leaves 2 MiB is not worth a collection, one that leaves 40 MiB is.
      heap += 2 * 2 ** 20;
      collectGarbageIfGrown(32, used);
      expect(collections).toBe(1);
      heap += 38 * 2 ** 20;
      freed = 10 * 2 ** 20;
      collectGarbageIfGrown(32, used);
      expect(collections).toBe(2);
      // Measured from the heap after that collection (680 MiB), not from the first one (650 MiB): 711 MiB is 31 more.
      heap += 31 * 2 ** 20;
      collectGarbageIfGrown(32, used);
      expect(collections).toBe(2);
      heap += 1 * 2 ** 20;
      collectGarbageIfGrown(32, used);
      expect(collections).toBe(3);
    } finally {
      g.gc = before;
    }
  });

  it("counts V8's own full collections, once reported, until told to stop", () => {
    // In a process of its own (the module keeps the last collection): a full collection not made by the module, then
    // the heap grown by 48 MiB, by 8 more, and by 48 more before V8 collects again once the watch is stopped.
    const module = fileURLToPath(new URL('../../src/node/heap-budget.ts', import.meta.url));
    const script = `import { collectGarbageIfGrown, watchFullCollections } from ${JSON.stringify(module)};
const v8gc = globalThis.gc;
let made = 0;
globalThis.gc = () => { made++; v8gc(); };
const turn = () => new Promise((resolve) => setTimeout(resolve, 50));
const keep = [];
const grow = (mib) => { for (let i = 0; i < mib; i++) keep.push(new Array(2 ** 17 - 16).fill(i + 0.5)); };
grow(8);
const unwatch = watchFullCollections();
v8gc(); await turn();
collectGarbageIfGrown(32); const afterOwn = made;
grow(48); collectGarbageIfGrown(32); const afterGrowth = made;
grow(8); collectGarbageIfGrown(32); const afterSmall = made;
unwatch(); grow(48); v8gc(); await turn();
collectGarbageIfGrown(32);
console.log(JSON.stringify([afterOwn, afterGrowth, afterSmall, made, keep.length]));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual([0, 1, 1, 2, 112]);
  });

  it('does nothing where Node does not allow a collection', () => {
    const g = globalThis as { gc?: () => void };
    const before = g.gc;
    delete g.gc;
    try {
      expect(() => collectGarbageIfGrown(0, () => Number.MAX_SAFE_INTEGER)).not.toThrow();
    } finally {
      if (before) g.gc = before;
    }
  });
});

describe('collections started between analyses', () => {
  it('starts one only when the heap has grown by the threshold since one was last started', () => {
    let heap = 900 * 2 ** 20;
    let started = 0;
    const used = () => heap;
    const start = () => started++;
    startCollectionIfGrown(32, used, start);
    expect(started).toBe(1);
    heap += 31 * 2 ** 20;
    startCollectionIfGrown(32, used, start);
    expect(started).toBe(1);
    heap += 2 * 2 ** 20;
    startCollectionIfGrown(32, used, start);
    expect(started).toBe(2);
    // The marking it started frees memory: growth counts from the heap when it was started, not from below it.
    heap -= 100 * 2 ** 20;
    startCollectionIfGrown(32, used, start);
    expect(started).toBe(2);
  });

  it("really starts V8's incremental marking", () => {
    // In a process of its own, traced: the marking starts from the buffer, named as V8 names its cause. A full
    // collection first, so that no marking V8 started on its own is still under way (the buffer would only advance it).
    const module = fileURLToPath(new URL('../../src/node/heap-budget.ts', import.meta.url));
    const script = `import { startCollectionIfGrown } from ${JSON.stringify(module)};
const keep = []; for (let i = 0; i < 100000; i++) keep.push({ i });
globalThis.gc(); console.log('before'); startCollectionIfGrown(0); console.log('after', keep.length);`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', '--trace-incremental-marking', '--input-type=module', '-e', script], { encoding: 'utf8' });
    const after = out.slice(out.indexOf('before'));
    expect(after).toMatch(/\[IncrementalMarking\] Start \(external memory pressure\)/);
    expect(after.indexOf('Start (external memory pressure)')).toBeLessThan(after.indexOf('after'));
  });
});

