/**
 * Astro's process for `debrief build` and `debrief dev`: `node astro.js
 * <args>` in the project. A build's preloads node/astro-compile-cache.mjs,
 * which answers Astro's compiler from a cache of its own output for the
 * components that did not change since an earlier build.
 * `DEBRIEF_PLAIN_ASTRO=1` (node/plain-astro.ts) leaves the cache out.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { plainAstro } from '../node/plain-astro.ts';

const COMPILE_CACHE = new URL('../node/astro-compile-cache.mjs', import.meta.url);
/** The variable naming astro-compile-cache.mjs's directory. */
const COMPILE_CACHE_ENV = 'DEBRIEF_ASTRO_COMPILE_CACHE';

/** What a build's Astro process of the project `root` gets besides the build's own environment. */
export function astroEnv(root: string): NodeJS.ProcessEnv {
  // Telemetry would try the network, which is closed here and none of its business anyway.
  const env: NodeJS.ProcessEnv = { ASTRO_TELEMETRY_DISABLED: '1' };
  if (!plainAstro()) env[COMPILE_CACHE_ENV] = path.join(root, 'node_modules', '.cache', 'debrief', 'astro-compile');
  return env;
}

/**
 * Runs `node astro.js <args>` in `root` with the environment `env` (all of
 * it), Astro's compile cache preloaded unless `compileCache` is false
 * (`astro dev`, whose compiles stay Astro's alone); resolves when it exited 0.
 */
export function runAstro(root: string, args: string[], env: NodeJS.ProcessEnv, { compileCache = true }: { compileCache?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(compileCache && !plainAstro(env) ? ['--import', COMPILE_CACHE.href] : []), path.join(root, 'node_modules/astro/astro.js'), ...args], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`astro ${args[0]} failed (exit ${code}); its output is above`))));
  });
}
