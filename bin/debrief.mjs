#!/usr/bin/env node
// The `debrief` command: TypeScript sources run through tsx, so there is no compile step to forget.
import { setFlagsFromString } from 'node:v8';
import { register } from 'tsx/esm/api';

// V8 lets the heap grow to about twice what is live before it collects again; a million-post crisis keeps
// ~1 GB live, so the default doubles the process's peak for nothing. 20% costs no measurable time
// (docs/scaling.md). Set before anything is allocated; DEBRIEF_HEAP_GROWING_PERCENT overrides it (0: V8's own default).
const heapGrowing = process.env.DEBRIEF_HEAP_GROWING_PERCENT ?? '20';
if (/^\d+$/.test(heapGrowing)) setFlagsFromString(`--heap-growing-percent=${heapGrowing}`);
else process.stderr.write(`debrief: DEBRIEF_HEAP_GROWING_PERCENT="${heapGrowing}" is not a whole number of percent: V8's default is used\n`);
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
