/** `debrief build`: analyse every crisis in data/ and build the static report site into dist/. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { analyzeDirectory } from './analyze.ts';
import { progress } from './progress.ts';

/** Where `debrief build` puts each crisis's report.json and messages.csv for the site to read. */
export const SITE_DATA_DIR = '.debrief/site-data';

export interface BuildOptions {
  quiet?: boolean;
  strict?: boolean;
  /** Skip the Astro step (reports only). */
  reportsOnly?: boolean;
}

export async function build(root: string, options: BuildOptions): Promise<void> {
  const say = progress(!!options.quiet);
  const dataDir = path.join(root, 'data');
  const slugs = existsSync(dataDir)
    ? (await readdir(dataDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort()
    : [];
  if (!slugs.length) throw new Error('no crises in data/: run `npx debrief new <slug>` and add exports');
  const out = path.join(root, SITE_DATA_DIR);
  await rm(out, { recursive: true, force: true });
  for (const slug of slugs) {
    const result = await analyzeDirectory(path.join(dataDir, slug), { out: path.join(out, slug), quiet: options.quiet, strict: options.strict });
    await result.engine.close();
  }
  if (options.reportsOnly) return;
  say('debrief: building the site (astro build)');
  await run(process.execPath, [path.join(root, 'node_modules/astro/astro.js'), 'build', ...(options.quiet ? ['--silent'] : [])], root);
  say(`debrief: site written to ${path.join(root, 'dist')}`);
}

function run(cmd: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`astro build failed (exit ${code}); its output is above`))));
  });
}
