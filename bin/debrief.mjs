#!/usr/bin/env node
// The `debrief` command. Its TypeScript runs as a bundle that esbuild makes whenever the sources change
// (src/node/bundle-entry.mjs, ~0.3 s) and Node then imports at once: no tsx loader thread starts beside it (0.15 s
// and ~20 MiB saved on every run, and this process waits beside the analysis for all of it). If the bundle cannot
// be made, the sources run through tsx, as they always can: there is no compile step to forget.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// V8 lets the heap grow to about twice what is live before it collects again; a million-post crisis keeps
// ~1 GB live, so the default doubles the process's peak for nothing. 20% costs no measurable time
// (docs/scaling.md). Set before anything is allocated; DEBRIEF_HEAP_GROWING_PERCENT overrides it (0: V8's own default).
const heapGrowing = process.env.DEBRIEF_HEAP_GROWING_PERCENT ?? '20';
if (/^\d+$/.test(heapGrowing)) setFlagsFromString(`--heap-growing-percent=${heapGrowing}`);
else process.stderr.write(`debrief: DEBRIEF_HEAP_GROWING_PERCENT="${heapGrowing}" is not a whole number of percent: V8's default is used\n`);

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');
const ENTRY = path.join(SRC, 'cli', 'main.ts');

/** Every file below `dir`, sorted. */
function files(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** The CLI's bundle for the sources as they are (their place included: paths are built into it); made if missing. */
function cliBundle() {
  const hash = createHash('sha256').update(`debrief cli 1\0${SRC}\0`);
  for (const file of files(SRC)) hash.update(`${path.relative(SRC, file)}\0`).update(readFileSync(file));
  const dir = path.join(ROOT, 'node_modules', '.cache', 'debrief');
  const name = `cli-${hash.digest('hex').slice(0, 16)}`;
  if (existsSync(path.join(dir, name, 'main.mjs'))) return path.join(dir, name, 'main.mjs');
  return execFileSync(process.execPath, [path.join(SRC, 'node', 'bundle-entry.mjs'), ENTRY, dir, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

let main;
try {
  ({ main } = await import(pathToFileURL(cliBundle()).href));
} catch (error) {
  process.stderr.write(`debrief: running through tsx (the command's bundle could not be made: ${String(error?.stderr || error?.message || error).split('\n')[0]})\n`);
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
