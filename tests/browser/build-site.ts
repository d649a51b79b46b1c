/**
 * Builds the site for browser tests when the output is missing or stale.
 * A build writes `.debrief-build.json` (base, build date, each crisis's input
 * key); the output is stale when that stamp is missing, names another base or
 * other crises or inputs than the data directory's, or is older (by its file
 * time) than any source, data or notebook file.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { crisisSlugs } from '../../src/cli/bundles.ts';
import { crisisInputKey } from '../../src/node/input-key.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const INPUTS = ['src', 'reports', 'data', 'public', 'astro.config.mjs'];

/** Newest modification time (ms) under the site's inputs. */
function newestInput(): number {
  let newest = 0;
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const e of readdirSync(p)) walk(path.join(p, e));
    else newest = Math.max(newest, s.mtimeMs);
  };
  for (const i of INPUTS) walk(path.join(ROOT, i));
  return newest;
}

export interface BuildStamp {
  base: string;
  buildDate: string;
  crises: { slug: string; inputKey: string }[];
}

/** Reads the stamp of a build output, if any. */
export function readStamp(outDir: string): BuildStamp | null {
  const file = path.join(outDir, '.debrief-build.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BuildStamp) : null;
}

/** Builds into `outDir` (relative to the project) unless an up-to-date build is there. Returns build seconds (0 when reused). */
export async function ensureSite(outDir: string, base = '/', dataDir = path.join(ROOT, 'data')): Promise<number> {
  const out = path.resolve(ROOT, outDir);
  const stamp = readStamp(out);
  const crises = JSON.stringify(crisisSlugs(dataDir).map((slug) => ({ slug, inputKey: crisisInputKey(path.join(dataDir, slug)) })));
  const fresh = stamp && stamp.base === base && JSON.stringify(stamp.crises) === crises && statSync(path.join(out, '.debrief-build.json')).mtimeMs > newestInput();
  if (fresh && existsSync(path.join(out, 'index.html'))) return 0;
  const started = Date.now();
  process.stderr.write(`browser tests: building the site into ${outDir} (base ${base}); this takes a while on two cores\n`);
  await new Promise<void>((resolve, reject) => {
    // As a user builds: bundles brought up to date first, then the site rendered from them.
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/debrief.mjs'), 'build', '--quiet'], {
      cwd: ROOT,
      env: { ...process.env, DEBRIEF_BASE: base, DEBRIEF_OUT_DIR: out, DEBRIEF_DATA_DIR: dataDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`debrief build failed (exit ${code}):\n${stderr.slice(-4000)}`))));
  });
  return (Date.now() - started) / 1000;
}
