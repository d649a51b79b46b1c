/**
 * `npm run bench -- --notebook [--runs N]`: how long `npm run build` takes
 * after an edit of a notebook's text alone (target ≤ 5 s), beside a whole
 * build of the same site. Works on a copy of the project (node_modules
 * linked), so the project's notebooks are never touched: builds the copy's
 * site once, then N times appends a line to a notebook and builds again,
 * then builds once more with nothing changed.
 */
import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '..');
const TARGET_SECONDS = 5;
/** What a build of the site reads; everything else of the project stays out of the copy. */
const COPIED = ['bin', 'src', 'public', 'schema', 'data', 'reports', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];

/** Runs the benchmark; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { notebook: { type: 'boolean' }, runs: { type: 'string', default: '5' } } });
  const runs = Number(values.runs);
  const copy = mkdtempSync(path.join(os.tmpdir(), 'debrief-bench-notebook-'));
  try {
    for (const name of COPIED) if (existsSync(path.join(ROOT, name))) cpSync(path.join(ROOT, name), path.join(copy, name), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
    const notebooks = readdirSync(path.join(copy, 'reports')).filter((n) => n.endsWith('.mdx')).sort();
    if (!notebooks.length) throw new Error('no notebook in reports/ to edit');
    const notebook = path.join(copy, 'reports', notebooks[0]!);
    const build = async (env: NodeJS.ProcessEnv = {}) => {
      const started = performance.now();
      // As the user runs it: npm's own start-up counts.
      const { stdout, stderr } = await promisify(execFile)('npm', ['run', '--silent', 'build'], { cwd: copy, env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
      const said = `${stdout}${stderr}`;
      return { seconds: (performance.now() - started) / 1000, notebookOnly: said.includes('only the notebook of'), upToDate: said.includes('is up to date') };
    };
    console.log(`debrief bench --notebook — node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(2)}; a copy of the project in ${copy}`);
    const first = await build();
    console.log(`first build (analyses the crises, builds every page): ${first.seconds.toFixed(1)} s`);
    const whole = await build({ DEBRIEF_FULL_BUILD: '1' });
    console.log(`whole site again, bundles up to date (DEBRIEF_FULL_BUILD=1): ${whole.seconds.toFixed(1)} s`);
    const times: number[] = [];
    for (let i = 1; i <= runs; i++) {
      appendFileSync(notebook, `\nA line added by the benchmark, edit ${i}.\n`);
      const r = await build();
      if (!r.notebookOnly) throw new Error(`edit ${i}: debrief build built every page instead of the notebook's`);
      times.push(r.seconds);
      console.log(`edit ${i} of reports/${notebooks[0]}: ${r.seconds.toFixed(2)} s`);
    }
    const again = await build();
    if (!again.upToDate) throw new Error('debrief build with nothing changed did not find the site up to date');
    console.log(`build again, nothing changed (the site is up to date): ${again.seconds.toFixed(2)} s`);
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    console.log(`rebuild after a notebook edit: median ${median.toFixed(2)} s, fastest ${sorted[0]!.toFixed(2)} s, slowest ${sorted.at(-1)!.toFixed(2)} s of ${runs}; target ${TARGET_SECONDS} s → ${(median / TARGET_SECONDS).toFixed(2)} of the target (a whole build: ${whole.seconds.toFixed(1)} s)`);
    return 0;
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
