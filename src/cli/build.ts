/**
 * `debrief build`: the report site. The site's own build analyses every crisis
 * in data/ once (src/site/crises.ts) and keeps its DuckDB tables open for the
 * notebooks' SQL cells, so this only runs `astro build` and says where it went.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { progress } from './progress.ts';

export interface BuildOptions {
  quiet?: boolean;
}

export async function build(root: string, options: BuildOptions): Promise<void> {
  const say = progress(!!options.quiet);
  const dataDir = path.join(root, 'data');
  const slugs = existsSync(dataDir) ? (await readdir(dataDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name) : [];
  if (!slugs.length) throw new Error('no crises in data/: run `npx debrief new <slug>` and add exports');
  say(`debrief: building the report site for ${slugs.length} crisis(es): ${slugs.sort().join(', ')}`);
  const started = Date.now();
  await run(process.execPath, [path.join(root, 'node_modules/astro/astro.js'), 'build', ...(options.quiet ? ['--silent'] : [])], root);
  say(`debrief: site written to ${process.env.DEBRIEF_OUT_DIR || path.join(root, 'dist')} in ${((Date.now() - started) / 1000).toFixed(1)} s — open index.html there`);
}

function run(cmd: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // Telemetry would try the network, which is closed here and none of its business anyway.
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`astro build failed (exit ${code}); its output is above`))));
  });
}
