/**
 * `npm run bench -- --e2e [--posts N] [--seed S] [--dir D]`: the end-to-end
 * benchmark. Generates a realistic crisis (bench/realistic-crisis.ts), runs
 * `debrief build` on it as a child process, and prints wall time, peak RSS of
 * the process tree and time per stage against the targets, beside a floor:
 * native DuckDB's own read_csv of the same file.
 *
 * Targets: 1,000,000 realistic posts through `debrief build` (analyse + that
 * crisis's pages) in ≤ 90 s with peak RSS ≤ 2 GB; ingest (parse, normalise,
 * ledger) of 1M rows ≤ 10 s on DuckDB-WASM.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, createWriteStream, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { GENERATOR_VERSION, writeRealisticCrisis, type RealisticCrisisStats } from './realistic-crisis.ts';

const TARGET_SECONDS = 90;
const TARGET_RSS_MIB = 2048;
const TARGET_INGEST_SECONDS_PER_MILLION = 10;
const ROOT = path.resolve(import.meta.dirname, '..');
const SLUG = 'nimbus-outage-bench';

/** Runs the end-to-end benchmark; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  // --against <git ref>: the same build with that ref's code and this tree's, alternating (bench/e2e-paired.ts).
  if (argv.some((a) => a === '--against' || a.startsWith('--against='))) return (await import('./e2e-paired.ts')).pairedMain(argv);
  const { values } = parseArgs({
    args: argv,
    options: {
      e2e: { type: 'boolean' },
      posts: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '20171108' },
      dir: { type: 'string', default: path.join(os.tmpdir(), 'debrief-bench-e2e') },
    },
  });
  const posts = Number(values.posts);
  const seed = Number(values.seed);
  const base = path.resolve(values.dir!);
  const fmt = (v: number) => Math.round(v).toLocaleString('en-US');
  console.log(`debrief bench --e2e — engine ${process.env.DEBRIEF_ENGINE || 'wasm'} (DEBRIEF_ENGINE), node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(2)} (other work on the machine counts against these times)`);

  const crisis = prepareCrisis(base, posts, seed);
  const s = crisis.stats;
  console.log(`crisis: ${fmt(s.posts)} posts (${fmt(s.customerPosts)} customer, ${fmt(s.brandPosts)} brand; ${fmt(s.threads)} threads, ${fmt(s.retweets)} retweets, ${fmt(s.copyPastes)} copy-pastes), ${(s.bytes / 2 ** 20).toFixed(0)} MiB, ${s.start.slice(0, 10)} → ${s.end.slice(0, 10)}, surge from ${s.surgeOnset.slice(0, 16)}Z`);
  console.log(`texts: ${(s.distinctShare * 100).toFixed(1)}% distinct (${fmt(s.distinctTexts)}): ${s.source}`);
  if (!s.realTexts) console.log('WARNING: the built-in word list stands in for real tweets: the language stages are flattered; do not quote these numbers.');
  console.log(`        ${crisis.reused ? 'reused' : `generated in ${s.seconds.toFixed(1)} s`}: ${crisis.dir}`);

  const run = await runBuild(base, path.dirname(crisis.dir));
  if (run.code !== 0) {
    console.log(`debrief build failed (exit ${run.code}); the last lines of ${run.log}:`);
    console.log(run.tail.join('\n'));
    return 1;
  }
  printStages(run, s.posts);
  await printFloor(crisis.dir);
  console.log(`second line (templated texts, few distinct values — flatter the language stages): npm run bench`);
  console.log(`build output with timestamps: ${run.log}`);
  return 0;
}

// ---------------------------------------------------------------- the crisis

/** The crisis for (posts, seed, generator version), generated once and reused. */
export function prepareCrisis(base: string, posts: number, seed: number): { dir: string; stats: RealisticCrisisStats; reused: boolean } {
  const dir = path.join(base, `data-n${posts}-s${seed}-g${GENERATOR_VERSION}`, SLUG);
  const statsFile = path.join(dir, 'stats.json');
  // stats.json is written last: its presence means a complete crisis.
  if (existsSync(statsFile)) return { dir, stats: JSON.parse(readFileSync(statsFile, 'utf8')) as RealisticCrisisStats, reused: true };
  console.log(`generating ${posts.toLocaleString('en-US')} posts (seed ${seed}) …`);
  const stats = writeRealisticCrisis(dir, { posts, seed });
  writeFileSync(statsFile, JSON.stringify(stats, null, 2));
  return { dir, stats, reused: false };
}

/**
 * A project root for the child: symlinks to the project (this one, or another
 * checkout of it), so Astro builds the real site, but its own cwd, so the
 * language cache (`.debrief-cache`, relative to cwd; `debrief build` has no
 * --no-cache) and `.astro` start empty each run. Packages are always this
 * project's node_modules.
 */
function projectRoot(base: string, project: string): string {
  const root = path.join(base, project === ROOT ? 'root' : `root-${path.basename(project)}`);
  mkdirSync(root, { recursive: true });
  for (const name of ['bin', 'reports', 'astro.config.mjs', 'tsconfig.json', 'package.json']) {
    if (!existsSync(path.join(root, name))) symlinkSync(path.join(project, name), path.join(root, name));
  }
  // src is copied, not linked: Astro compiles a page's client <script> (the explorer's) only from a real path.
  rmSync(path.join(root, 'src'), { recursive: true, force: true });
  cpSync(path.join(project, 'src'), path.join(root, 'src'), { recursive: true });
  // node_modules: a directory of links to the packages, so Vite's and Astro's caches (node_modules/.vite, .astro) stay ours.
  const modules = path.join(root, 'node_modules');
  mkdirSync(modules, { recursive: true });
  for (const name of readdirSync(path.join(ROOT, 'node_modules'))) {
    if (name !== '.vite' && name !== '.astro' && !existsSync(path.join(modules, name))) symlinkSync(path.join(ROOT, 'node_modules', name), path.join(modules, name));
  }
  for (const name of ['.debrief-cache', '.astro']) rmSync(path.join(root, name), { recursive: true, force: true });
  return root;
}

// ---------------------------------------------------------------- the build

export interface Stage {
  name: string;
  start: number;
  end: number;
  peakMiB: number;
  /** CPU seconds of the process tree at the stage's start and end: unlike wall time, not stretched by other work on the machine. */
  cpuStart: number;
  cpuEnd: number;
}

export interface BuildRun {
  code: number | null;
  wall: number;
  /** CPU seconds of the whole tree (the last reading, ≤ 100 ms before exit). */
  cpu: number;
  stages: Stage[];
  peakMiB: number;
  /** The largest single process's own high-water mark (VmHWM): catches peaks between samples. */
  peakHwmMiB: number;
  notes: string[];
  /** Read + map time of the posts file from its own progress line. */
  readSeconds?: number;
  log: string;
  tail: string[];
}

/**
 * Progress lines that start a stage, in the order they come: each is looked for
 * only after the ones before it; `repeat` ones (analysis: x) may come again;
 * `after` ones only right after that stage (astro prints "✓ Completed" thrice).
 */
const MARKERS: { re: RegExp; name: (m: RegExpMatchArray) => string; repeat?: boolean; after?: string }[] = [
  { re: /^debrief: analysing /, name: () => 'ingest: open the engine, read + map' },
  { re: /^ {2}\S+: [\d,]+ records read/, name: () => 'ingest: threads + load into DuckDB', repeat: true },
  { re: /^ {2}analysis: (\S+)/, name: (m) => `analysis: ${m[1]}`, repeat: true },
  { re: /^ {2}writing the bundle/, name: () => 'writing the bundle' },
  { re: /^debrief: \d+ read, /, name: () => 'closing the engine' },
  { re: /^debrief: bundles in /, name: () => 'astro: start, config, sync' },
  { re: /\[build\] Building static entrypoints/, name: () => 'astro: vite build' },
  { re: /generating static routes/, name: () => 'astro: pages' },
  { re: /✓ Completed in/, name: () => 'astro: downloads, finish', after: 'astro: pages' },
  { re: /^debrief: site written/, name: () => 'exit' },
];

/** `debrief build` of the crisis in `dataDir` with the code of `project` (default this one), timed by stage. */
export async function runBuild(base: string, dataDir: string, project = ROOT): Promise<BuildRun> {
  const root = projectRoot(base, project);
  const bundles = path.join(base, 'bundles');
  const dist = path.join(base, 'dist');
  // A bundle left from an earlier run would be "up to date" and skip the analysis.
  for (const d of [bundles, dist]) rmSync(d, { recursive: true, force: true });
  const logFile = path.join(base, 'build.log');
  const log = createWriteStream(logFile);
  const env = { ...process.env, DEBRIEF_DATA_DIR: dataDir, DEBRIEF_BUNDLES_DIR: bundles, DEBRIEF_OUT_DIR: dist, DEBRIEF_NO_CACHE: '1', ASTRO_TELEMETRY_DISABLED: '1' };
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(project, 'bin/debrief.mjs'), 'build'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stages: Stage[] = [{ name: 'startup: node, the CLI, crisis.yaml', start: 0, end: 0, peakMiB: 0, cpuStart: 0, cpuEnd: 0 }];
  let cpu = 0;
  const notes: string[] = [];
  const tail: string[] = [];
  let marker = 0;
  let readSeconds: number | undefined;
  let peakMiB = 0;
  let peakHwmMiB = 0;
  const sampler = setInterval(() => {
    const { rssMiB, hwmMiB, cpuSeconds } = treeStats(child.pid!);
    cpu = Math.max(cpu, cpuSeconds); // 0 once the child is gone: keep the last reading
    peakMiB = Math.max(peakMiB, rssMiB);
    peakHwmMiB = Math.max(peakHwmMiB, hwmMiB);
    const stage = stages[stages.length - 1]!;
    stage.peakMiB = Math.max(stage.peakMiB, rssMiB);
  }, 100);
  const onLine = (raw: string) => {
    const at = (performance.now() - t0) / 1000;
    const line = raw.replace(/\x1b\[[0-9;]*m/g, '');
    log.write(`${at.toFixed(2).padStart(8)}  ${line}\n`);
    tail.push(line);
    if (tail.length > 40) tail.shift();
    const read = line.match(/^ {2}\S+: ([\d,]+) records read \(([\d,]+) records\/s\)/);
    if (read) readSeconds = Number(read[1]!.replace(/,/g, '')) / Math.max(1, Number(read[2]!.replace(/,/g, '')));
    if (/^ {2}(sentiment|themes|faults): /.test(line) || /^ {2}.*worker/.test(line)) notes.push(line.trim());
    for (let i = marker; i < MARKERS.length; i++) {
      const { re, name, repeat, after } = MARKERS[i]!;
      const m = line.match(re);
      if (!m || (after && stages[stages.length - 1]!.name !== after)) continue;
      cpu = Math.max(cpu, treeStats(child.pid!).cpuSeconds);
      Object.assign(stages[stages.length - 1]!, { end: at, cpuEnd: cpu });
      stages.push({ name: name(m), start: at, end: at, peakMiB: 0, cpuStart: cpu, cpuEnd: cpu });
      console.log(`  ${at.toFixed(1).padStart(6)} s  ${name(m)}`);
      marker = repeat ? i : i + 1;
      break;
    }
  };
  createInterface({ input: child.stdout! }).on('line', onLine);
  createInterface({ input: child.stderr! }).on('line', onLine);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  const wall = (performance.now() - t0) / 1000;
  Object.assign(stages[stages.length - 1]!, { end: wall, cpuEnd: cpu });
  await new Promise((r) => log.end(r));
  return { code, wall, cpu, stages: stages.filter((st) => st.name !== 'exit' || st.end - st.start > 0.05), peakMiB, peakHwmMiB, notes, readSeconds, log: logFile, tail };
}

/**
 * Summed VmRSS of `pid` and its descendants (astro runs as a grandchild), the
 * largest VmHWM among them (MiB), and their CPU time, reaped children's included (s).
 */
function treeStats(pid: number): { rssMiB: number; hwmMiB: number; cpuSeconds: number } {
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) comes after the command name, which is in parentheses and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
      // utime, stime, cutime, cstime: fields 14-17 of stat(5), in clock ticks (100 per second on Linux).
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]));
    } catch {
      // gone between readdir and read
    }
  }
  let rss = 0;
  let hwm = 0;
  let cpu = 0;
  for (const todo = [pid]; todo.length; ) {
    const p = todo.pop()!;
    todo.push(...(children.get(p) ?? []));
    cpu += ticks.get(p) ?? 0;
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      rss += Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
      hwm = Math.max(hwm, Number(status.match(/VmHWM:\s+(\d+)/)?.[1] ?? 0));
    } catch {
      // exited
    }
  }
  return { rssMiB: rss / 1024, hwmMiB: hwm / 1024, cpuSeconds: cpu / 100 };
}

function printStages(run: BuildRun, posts: number): void {
  const fmt = (v: number) => Math.round(v).toLocaleString('en-US');
  // cpu/wall: about 1 for one busy thread; 2 with the worker busy too; well under 1 when other work on the machine takes the cores.
  console.log(`\n${'stage'.padEnd(40)} ${'seconds'.padStart(8)} ${'share'.padStart(6)} ${'cpu s'.padStart(8)} ${'cpu/wall'.padStart(8)} ${'peak RSS MiB'.padStart(13)}`);
  for (const st of [...run.stages, { name: 'total', start: 0, end: run.wall, cpuStart: 0, cpuEnd: run.cpu, peakMiB: run.peakMiB }]) {
    const sec = st.end - st.start;
    const cpu = st.cpuEnd - st.cpuStart;
    console.log(`${st.name.padEnd(40)} ${sec.toFixed(1).padStart(8)} ${`${((sec / run.wall) * 100).toFixed(0)}%`.padStart(6)} ${cpu.toFixed(1).padStart(8)} ${(sec > 0 ? cpu / sec : 0).toFixed(2).padStart(8)} ${fmt(st.peakMiB).padStart(13)}`);
  }
  const span = (from: RegExp, to: RegExp) => {
    const a = run.stages.find((st) => from.test(st.name));
    const b = [...run.stages].reverse().find((st) => to.test(st.name));
    return a && b ? b.end - a.start : NaN;
  };
  const ingest = span(/^ingest: open/, /^ingest: /);
  const analyse = span(/^ingest: open/, /^closing the engine/);
  const site = span(/^astro: start/, /^(astro|exit)/);
  for (const n of run.notes) console.log(`  (${n})`);
  console.log('');
  console.log(`analyse (ingest → bundle written)        ${analyse.toFixed(1).padStart(8)} s`);
  console.log(`site (astro build of the crisis's pages) ${site.toFixed(1).padStart(8)} s`);
  const perMillion = (run.wall / posts) * 1e6;
  console.log(`debrief build, wall                      ${run.wall.toFixed(1).padStart(8)} s   target ${TARGET_SECONDS} s for 1M → ${perMillion.toFixed(1)} s per million, ${(perMillion / TARGET_SECONDS).toFixed(2)} of the target`);
  const peak = Math.max(run.peakMiB, run.peakHwmMiB);
  console.log(`peak RSS, process tree                   ${fmt(peak).padStart(8)} MiB target ${fmt(TARGET_RSS_MIB)} MiB → ${(peak / TARGET_RSS_MIB).toFixed(2)} of the target (sampled sum every 100 ms ${fmt(run.peakMiB)}, largest process's VmHWM ${fmt(run.peakHwmMiB)})`);
  // The first ingest stage also opens DuckDB-WASM and starts the worker threads; the file's own progress line says how long reading took.
  const first = run.stages.find((st) => st.name.startsWith('ingest: open'));
  const open = run.readSeconds !== undefined && first ? Math.max(0, first.end - first.start - run.readSeconds) : 0;
  const rows = ingest - open;
  const ingestPerMillion = (rows / posts) * 1e6;
  console.log(`ingest (read, map, ledger, threads, load) ${rows.toFixed(1).padStart(7)} s   ${fmt(posts / rows)} rows/s; target ${TARGET_INGEST_SECONDS_PER_MILLION} s per million → ${(ingestPerMillion / TARGET_INGEST_SECONDS_PER_MILLION).toFixed(2)} of the target${run.readSeconds === undefined ? '' : ` (read + map ${run.readSeconds.toFixed(1)} s; besides, the engine's open and worker start ${open.toFixed(1)} s)`}`);
}

// ---------------------------------------------------------------- the floor

/** Measures and prints the floor of a crisis's `posts.csv` ({@link nativeFloor}). */
export async function printFloor(crisisDir: string): Promise<void> {
  const floor = await nativeFloor(path.join(crisisDir, 'posts.csv'));
  const rate = Math.round(floor.rows / floor.read).toLocaleString('en-US');
  console.log(`floor: native DuckDB read_csv of the same file: ${floor.read.toFixed(2)} s (${rate} rows/s); with created_at parsed by strptime: ${floor.parsed.toFixed(2)} s`);
}

/** Native DuckDB reading the same CSV: what reading this file can cost at best on this machine. */
async function nativeFloor(file: string): Promise<{ read: number; parsed: number; rows: number }> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const quoted = `'${file.replace(/'/g, "''")}'`;
  try {
    let t = performance.now();
    await conn.run(`CREATE TABLE t AS SELECT * FROM read_csv(${quoted})`);
    const read = (performance.now() - t) / 1000;
    const rows = Number((await conn.runAndReadAll('SELECT count(*) FROM t')).getRows()[0]![0]);
    t = performance.now();
    await conn.run(`CREATE TABLE t2 AS SELECT * REPLACE (strptime(created_at, '%a %b %d %H:%M:%S %z %Y') AS created_at) FROM read_csv(${quoted}, all_varchar = true)`);
    const parsed = (performance.now() - t) / 1000;
    return { read, parsed, rows };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
