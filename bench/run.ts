/**
 * `npm run bench`: throughput of each pipeline stage on generated posts, printed
 * as posts/s and as a ratio to the target. Targets live here, never in unit tests.
 * Usage: npm run bench [-- --posts 1000000]; end to end: npm run bench -- --e2e [--posts 1000000];
 * the explorer in Chromium: npm run bench -- --explorer [--posts 100000];
 * a rebuild after a notebook edit: npm run bench -- --notebook [--runs 5]
 */
import { parseArgs } from 'node:util';
import { benchIngest } from './ingest.bench.ts';
import { generatePosts } from './generate-posts.ts';

// --e2e: the end-to-end benchmark on a realistic crisis (bench/e2e.ts), instead of the micro-benchmarks below.
if (process.argv.includes('--e2e')) process.exit(await (await import('./e2e.ts')).main(process.argv.slice(2)));
// --notebook: `npm run build` after an edit of a notebook's text alone (bench/notebook.ts).
if (process.argv.includes('--notebook')) process.exit(await (await import('./notebook.ts')).main(process.argv.slice(2)));
// --explorer: the explorer's speed in headless Chromium on a 100,000-message crisis (bench/explorer.ts).
if (process.argv.includes('--explorer')) process.exit(await (await import('./explorer.ts')).main(process.argv.slice(2)));

const { values } = parseArgs({ options: { posts: { type: 'string', default: '200000' }, ingest: { type: 'string', default: '200000' } } });
const posts = Number(values.posts);

const line = (stage: string, rate: number, unit: string, extra = '') =>
  console.log(`${stage.padEnd(28)} ${Math.round(rate).toLocaleString('en-US').padStart(12)} ${unit}${extra}`);

console.log(`debrief bench — node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
const ingest = await benchIngest(Number(values.ingest));
line(`ingest (${Number(values.ingest).toLocaleString('en-US')} rows)`, ingest.rowsPerSecond, 'rows/s', `  (${ingest.megabytesPerSecond.toFixed(1)} MB/s)`);

const texts = generatePosts(posts);
let languageSeconds = 0;
for (const [name, file, fn] of [
  ['sentiment', './sentiment.bench.ts', 'benchSentiment'],
  ['themes', './themes.bench.ts', 'benchThemes'],
  ['faults', './faults.bench.ts', 'benchFaults'],
] as const) {
  try {
    const mod = (await import(file)) as Record<string, (t: string[]) => Promise<{ postsPerSecond: number }>>;
    const r = await mod[fn](texts);
    languageSeconds += posts / r.postsPerSecond;
    line(`${name} (${posts.toLocaleString('en-US')} posts)`, r.postsPerSecond, 'posts/s');
  } catch (error) {
    console.log(`${name.padEnd(28)} not run: ${(error as Error).message.split('\n')[0]}`);
  }
}
// Target (issue 4): sentiment + themes + faults over 1,000,000 posts in ≤ 60 s on this 2-core machine.
const perMillion = (languageSeconds / posts) * 1e6;
console.log(`language stages total       ${languageSeconds.toFixed(1)} s for ${posts.toLocaleString('en-US')} posts → ${perMillion.toFixed(1)} s per million, ${(perMillion / 60).toFixed(2)} of the 60 s target`);

// The privacy filter the bundle writer runs on every published text (bench/privacy.bench.ts).
const privacy = await (await import('./privacy.bench.ts')).benchPrivacy(texts);
line(`privacy mask (${posts.toLocaleString('en-US')} posts)`, privacy.postsPerSecond, 'posts/s', `  (${(privacy.changedShare * 100).toFixed(1)}% changed)`);

// The same stages as the analyses run them (each distinct text once), on
// this thread and then with the per-text work on worker threads.
const { benchParallel } = await import('./parallel.bench.ts');
const { workerCount } = await import('../src/node/worker-mapper.ts');
const pipelineTotals: number[] = [];
for (const workers of [0, Math.max(1, workerCount())]) {
  const r = await benchParallel(texts, workers);
  const how = r.threads ? `this thread + ${r.threads} worker${r.threads === 1 ? '' : 's'}` : 'one thread';
  for (const stage of ['sentiment', 'themes', 'faults'] as const) line(`${stage} (pipeline, ${how})`, posts / r[stage], 'posts/s');
  const total = r.sentiment + r.themes + r.faults;
  pipelineTotals.push(total);
  const perM = (total / posts) * 1e6;
  console.log(`pipeline, ${how}: ${total.toFixed(1)} s for ${posts.toLocaleString('en-US')} posts → ${perM.toFixed(1)} s per million, ${(perM / 60).toFixed(2)} of the 60 s target`);
}
console.log(`worker threads speed-up: ${(pipelineTotals[0]! / pipelineTotals[1]!).toFixed(2)}×`);
const mem = process.memoryUsage();
// maxRSS is the process's peak, worker threads included (target: ≤ 2 GB).
console.log(`memory: peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (target 2,048), now ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`);
