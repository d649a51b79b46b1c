/**
 * `npm run bench -- --e2e --against <git ref> [--rounds 2] [--posts N]`: the
 * end-to-end build of one crisis with the code of `<ref>` and with this working
 * tree's, in turns, each round in the other order (ref, this; this, ref; …),
 * and each stage's median side by side.
 *
 * Why: on this shared 2-core machine the same code's wall time moves by ±15%
 * from one run to the next, more than most changes gain; runs taken in turns,
 * in one sitting, compare like with like. The order turns too: the second build
 * of a pair was the slower one in reading in three pairings of one night, the
 * same code against itself included (docs/scaling.md), so a fixed order would
 * charge that to one side. `<ref>`'s files come from `git archive` (its
 * committed tree); both use this project's node_modules.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { prepareCrisis, printFloor, runBuild, type BuildRun } from './e2e.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Runs the paired benchmark; returns the exit code. */
export async function pairedMain(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      e2e: { type: 'boolean' },
      against: { type: 'string' },
      rounds: { type: 'string', default: '2' },
      posts: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '20171108' },
      dir: { type: 'string', default: path.join(os.tmpdir(), 'debrief-bench-e2e') },
    },
  });
  const rounds = Number(values.rounds);
  if (!values.against || !Number.isInteger(rounds) || rounds < 1) {
    console.log('usage: npm run bench -- --e2e --against <git ref> [--rounds N ≥ 1] [--posts N]');
    return 2;
  }
  const base = path.resolve(values.dir!);
  const crisis = prepareCrisis(base, Number(values.posts), Number(values.seed));
  const ref = checkout(base, values.against);
  console.log(`debrief bench --e2e --against ${values.against} (${ref.sha.slice(0, 12)}) — ${rounds} round${rounds === 1 ? '' : 's'}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(2)}`);
  console.log(`crisis: ${crisis.dir}${crisis.reused ? '' : ' (generated)'}`);
  const runs: Record<'ref' | 'this', BuildRun[]> = { ref: [], this: [] };
  for (let round = 1; round <= rounds; round++) {
    for (const [side, project] of roundOrder(round, ref.dir)) {
      console.log(`\nround ${round}, ${side === 'ref' ? `${values.against}` : 'this tree'}:`);
      const run = await runBuild(base, path.dirname(crisis.dir), project);
      if (run.code !== 0) {
        console.log(`debrief build failed (exit ${run.code}); the last lines of ${run.log}:\n${run.tail.join('\n')}`);
        return 1;
      }
      console.log(`  wall ${run.wall.toFixed(1)} s, CPU ${run.cpu.toFixed(1)} s, peak ${Math.round(Math.max(run.peakMiB, run.peakHwmMiB))} MiB`);
      runs[side].push(run);
    }
  }
  printComparison(values.against, runs);
  // The floor, as the single run prints it: measured after the builds, so that it takes nothing from them.
  await printFloor(crisis.dir);
  return 0;
}

/** The two builds of round `round` (from 1): the ref's first in odd rounds, this tree's first in even ones. */
export function roundOrder(round: number, refDir: string): (readonly ['ref' | 'this', string])[] {
  const pair = [['ref', refDir], ['this', ROOT]] as const;
  return round % 2 === 1 ? [...pair] : [pair[1], pair[0]];
}

/** `<ref>`'s committed tree under `base`, made once per commit, with this project's packages. */
function checkout(base: string, ref: string): { sha: string; dir: string } {
  let sha: string;
  try {
    sha = execFileSync('git', ['-C', ROOT, 'rev-parse', '--verify', `${ref}^{commit}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    throw new Error(`--against ${ref}: not a commit of this repository (git rev-parse failed); give a branch, tag or commit`);
  }
  const dir = path.join(base, `against-${sha.slice(0, 12)}`);
  if (!existsSync(dir)) {
    // Unpacked aside and renamed into place: an interrupted run never leaves half a tree.
    const staging = `${dir}.partial`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    execFileSync('sh', ['-c', 'git -C "$1" archive "$2" | tar -x -C "$3"', 'sh', ROOT, sha, staging], { stdio: 'inherit' });
    // Its CLI resolves packages from beside itself.
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(staging, 'node_modules'));
    renameSync(staging, dir);
  }
  return { sha, dir };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Each stage's median seconds (and CPU seconds) for both sides, and the whole build's. */
function printComparison(ref: string, runs: Record<'ref' | 'this', BuildRun[]>): void {
  const names = [...new Set([...runs.this, ...runs.ref].flatMap((r) => r.stages.map((st) => st.name)))];
  const stat = (side: 'ref' | 'this', name: string, of: 'wall' | 'cpu') =>
    median(runs[side].map((r) => r.stages.filter((st) => st.name === name).reduce((sum, st) => sum + (of === 'wall' ? st.end - st.start : st.cpuEnd - st.cpuStart), 0)));
  const head = ref.length > 14 ? `${ref.slice(0, 13)}…` : ref;
  console.log(`\nmedians of ${runs.this.length} run${runs.this.length === 1 ? '' : 's'} each (seconds; CPU seconds in brackets)`);
  console.log(`${'stage'.padEnd(40)} ${head.padStart(16)} ${'this tree'.padStart(16)} ${'change'.padStart(8)}`);
  const row = (name: string, a: number, b: number, ca: number, cb: number) =>
    console.log(`${name.padEnd(40)} ${`${a.toFixed(1)} (${ca.toFixed(1)})`.padStart(16)} ${`${b.toFixed(1)} (${cb.toFixed(1)})`.padStart(16)} ${`${b - a >= 0 ? '+' : ''}${(b - a).toFixed(1)}`.padStart(8)}`);
  for (const name of names) row(name, stat('ref', name, 'wall'), stat('this', name, 'wall'), stat('ref', name, 'cpu'), stat('this', name, 'cpu'));
  const total = (side: 'ref' | 'this', of: 'wall' | 'cpu') => median(runs[side].map((r) => r[of]));
  row('total', total('ref', 'wall'), total('this', 'wall'), total('ref', 'cpu'), total('this', 'cpu'));
  const peak = (side: 'ref' | 'this') => median(runs[side].map((r) => Math.max(r.peakMiB, r.peakHwmMiB)));
  console.log(`${'peak RSS, process tree (MiB)'.padEnd(40)} ${Math.round(peak('ref')).toLocaleString('en-US').padStart(16)} ${Math.round(peak('this')).toLocaleString('en-US').padStart(16)} ${`${peak('this') - peak('ref') >= 0 ? '+' : ''}${Math.round(peak('this') - peak('ref'))}`.padStart(8)}`);
}
