import { afterEach, describe, expect, it, vi } from 'vitest';

const collections = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/node/heap-budget.ts', () => ({ collectGarbage: () => void collections.count++ }));

const { progress } = await import('../../src/cli/progress.ts');

/** The lines `run` writes on stderr. */
function stderrOf(run: () => void): string[] {
  const lines: string[] = [];
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    run();
  } finally {
    write.mockRestore();
  }
  return lines;
}

describe('progress', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    collections.count = 0;
  });

  it('writes plain lines, and nothing when quiet', () => {
    vi.stubEnv('DEBRIEF_TRACE_MEMORY', '');
    expect(stderrOf(() => progress(false)('analysis: themes'))).toEqual(['analysis: themes\n']);
    expect(stderrOf(() => progress(true)('analysis: themes'))).toEqual([]);
    expect(collections.count).toBe(0);
  });

  it('under DEBRIEF_TRACE_MEMORY adds the heap, memory outside it, the resident set and the peak', () => {
    vi.stubEnv('DEBRIEF_TRACE_MEMORY', '1');
    const [line] = stderrOf(() => progress(false)('analysis: themes'));
    expect(line).toMatch(/^analysis: themes \[heap [\d,]+ MiB of [\d,]+, external [\d,]+ MiB, rss [\d,]+ MiB, peak [\d,]+ MiB\]\n$/);
    const [rss, peak] = [/rss ([\d,]+)/, /peak ([\d,]+)/].map((re) => Number(line!.match(re)![1]!.replace(/,/g, '')));
    expect(peak).toBeGreaterThanOrEqual(rss!);
    expect(collections.count).toBe(1);
  });

  it('collects before the line that ends a file, not before the lines while it is read', () => {
    vi.stubEnv('DEBRIEF_TRACE_MEMORY', '1');
    const say = progress(false);
    const lines = stderrOf(() => {
      say.file({ file: 'posts.csv', records: 20_000, elapsedMs: 1_000, done: false });
      say.file({ file: 'posts.csv', records: 40_000, elapsedMs: 2_000, done: false });
    });
    expect(lines[0]).toMatch(/^ {2}posts\.csv: 20,000 records so far \(20,000 records\/s\) \[heap /);
    expect(collections.count).toBe(0);
    stderrOf(() => say.file({ file: 'posts.csv', records: 50_000, elapsedMs: 2_500, done: true }));
    expect(collections.count).toBe(1);
  });
});
