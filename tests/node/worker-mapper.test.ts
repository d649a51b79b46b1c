/**
 * The worker-thread mapper gives exactly the in-process results: per task on
 * real-looking posts, and for a whole sample crisis (report.json and
 * messages.csv byte for byte), with workers forced on for small inputs.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePosts } from '../../bench/generate-posts.ts';
import { GENERIC_TAXONOMY } from '../../bench/faults.bench.ts';
import { analyzeCrisis } from '../../src/analysis/pipeline.ts';
import { arrowIpc, type ArrowColumn } from '../../src/analysis/core/arrow-columns.ts';
import { arrowBatchCsv } from '../../src/analysis/report/arrow-csv.ts';
import { memoryBundleSink, writeBundle } from '../../src/analysis/bundle/write-bundle.ts';
import { indexDocuments } from '../../src/analysis/nlp/phrases/corpus.ts';
import { discoverPhrases, mergeDiscovered } from '../../src/analysis/nlp/phrases/discover.ts';
import { PhraseMatcher } from '../../src/analysis/nlp/phrases/matcher.ts';
import { inProcessMapper } from '../../src/analysis/parallel/text-mapper.ts';
import { openNodeEngine } from '../../src/node/duckdb-node.ts';
import { nodeCrisisFiles } from '../../src/node/files.ts';
import { createWorkerMapper, workerCount } from '../../src/node/worker-mapper.ts';

const SMARTLOCK = path.resolve(import.meta.dirname, '../../data/smartlock-firmware-2024');

describe('worker mapper', () => {
  const notes: string[] = [];
  const mapper = createWorkerMapper({ workers: 2, minTexts: 0, chunkSize: 700, onNote: (m) => notes.push(m) });
  afterAll(() => mapper.close());
  // With personal data for the privacy task: an address, a phone number, a signed name, mentions of a person and of the brand.
  const texts = [...new Set(generatePosts(3_000))].map((t, i) => (i % 7 ? t : `${t} @jane_doe @AcmeHelp mail me at jane.doe@example.com or 555-123-4567 — Jane`));

  it('matches the in-process results for every task, in input order', async () => {
    for (const [task, params] of [
      ['sentiment', {}],
      ['fault-match', { taxonomy: GENERIC_TAXONOMY }],
      ['complaints', {}],
      ['privacy-text', { settings: { maskPersonalData: true, pseudonymizeAuthors: true }, brandHandles: ['AcmeHelp'], salt: 'acme' }],
      ['copy-key', {}],
    ] as const) {
      // The tuple's params fit their task; TypeScript cannot correlate them through the loop.
      const threaded = await mapper.map(task, params as never, texts);
      const local = await inProcessMapper.map(task, params as never, texts);
      expect(threaded, task).toEqual(local);
    }
    expect(mapper.threads).toBe(2);
    // Both sides did part of the work: the workers' chunks came back in their places.
    expect(mapper.chunks.workers).toBeGreaterThanOrEqual(2);
    expect(mapper.chunks.local).toBeGreaterThanOrEqual(1);
    expect(notes).toContain('language analyses use 2 worker threads besides this one');
    const sentiment = await mapper.map('sentiment', {}, ['still waiting on hold for 2 hours', 'thank you so much, fixed!']);
    expect(sentiment.map((r) => r.label)).toEqual(['negative', 'positive']);
    // The privacy task masks (null: nothing to mask), as the bundle needs it.
    const [masked, plain] = await mapper.map('privacy-text', { settings: { maskPersonalData: true, pseudonymizeAuthors: true }, brandHandles: ['AcmeHelp'], salt: 'acme' }, [texts[0]!, 'late again']);
    expect(masked).toMatch(/\[email\] or \[phone\]/);
    expect(masked).toContain('@AcmeHelp');
    expect(masked).not.toContain('jane_doe');
    expect(plain).toBeNull();
  });

  it('splits phrase discovery over the running workers, in whole tagger batches, and the merge equals one run', async () => {
    const sample = texts.slice(0, 1_230);
    const before = mapper.chunks;
    const parts = await mapper.mapChunks('phrases', {}, sample);
    // chunkSize 700 rounds to whole batches of 50; 1,230 texts → 700 + 530.
    expect(parts).toHaveLength(2);
    expect(mapper.chunks.workers + mapper.chunks.local).toBe(before.workers + before.local + 2);
    expect(mergeDiscovered(parts)).toEqual(mergeDiscovered(await inProcessMapper.mapChunks('phrases', {}, sample)));
  });

  it('indexes the themes\' documents as one chunk on a worker, started ahead, settled before it is joined', async () => {
    // Retweets and re-linked copies: documents of several texts.
    const all = [...texts, ...texts.slice(0, 900).map((t, i) => (i % 2 ? `RT @fan${i}: ${t}` : `${t} https://t.co/${i}`))];
    const phrases = [...discoverPhrases(all.slice(0, 400)).values()].map((p) => p.stems).sort();
    const before = mapper.chunks;
    const started = mapper.startChunks('doc-index', { phrases }, all);
    // Settled by the workers alone: this thread takes no chunk until it joins.
    await started.settled;
    expect(mapper.chunks).toEqual({ workers: before.workers + 1, local: before.local });
    const [docs, ...more] = await started.join();
    expect(more).toHaveLength(0);
    const whole = indexDocuments(all, new PhraseMatcher(phrases));
    expect(docs!.count).toBeLessThan(all.length);
    expect(docs).toEqual(whole);
  });

  it('keeps concurrent jobs apart', async () => {
    const [sentiment, complaints] = await Promise.all([mapper.map('sentiment', {}, texts), mapper.map('complaints', {}, texts)]);
    expect(sentiment).toEqual(await inProcessMapper.map('sentiment', {}, texts));
    expect(complaints).toEqual(await inProcessMapper.map('complaints', {}, texts));
  });

  it('rejects an unknown task by name before handing out work, and keeps working', async () => {
    // Not a task (the cast gets it past TypeScript).
    await expect(mapper.map('summarise' as never, {} as never, ['late again'])).rejects.toThrow(/^unknown text task "summarise"$/);
    expect((await mapper.map('complaints', {}, ['my lock won\'t open']))[0]).toMatchObject([{ object: 'lock', problem: "won't", action: 'open' }]);
  });

  it('falls back to this thread when the worker entry is missing (a bundled build), and says so', async () => {
    // Chunk tasks never start workers: with none running, discovery stays on this thread.
    const idle = createWorkerMapper({ workers: 1, minTexts: 0 });
    expect(await idle.mapChunks('phrases', {}, texts.slice(0, 200))).toHaveLength(1);
    expect(idle.threads).toBe(0);
    await idle.close();
    const bad = createWorkerMapper({ workers: 1, minTexts: 0, entry: pathToFileURL(path.resolve(import.meta.dirname, 'does-not-exist.mjs')), onNote: (m) => notes.push(m) });
    // A missing entry falls back to this thread rather than failing the build.
    expect(await bad.map('sentiment', {}, ['late again'])).toEqual(await inProcessMapper.map('sentiment', {}, ['late again']));
    expect(bad.threads).toBe(0);
    expect(notes.some((n) => n.includes('does-not-exist.mjs not found'))).toBe(true);
    await bad.close();
  });

  it('starts a job on the workers while this thread works elsewhere, yielding now and then, and the join gives the in-process results', async () => {
    // A worker holds at most about two chunks' texts at once: the rest waits for this thread's event loop, or its join.
    const ahead = createWorkerMapper({ workers: 1, minTexts: 0, chunkSize: 50, textAhead: 2 * 50 * 120 });
    try {
      // A large job first starts the thread (a worker takes about a second to start).
      await ahead.map('complaints', {}, texts.slice(0, 500));
      const before = ahead.chunks;
      const started = ahead.start('sentiment', {}, texts);
      // This thread busy with other work (as with a crisis's SQL), turning the event loop between steps: the worker keeps
      // being handed chunks, more than it is given at once, and this thread takes none until it joins.
      const until = Date.now() + 60_000;
      while (ahead.chunks.workers - before.workers < 10 && Date.now() < until) {
        const busy = Date.now() + 5;
        while (Date.now() < busy);
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(ahead.chunks.workers - before.workers).toBeGreaterThanOrEqual(10);
      expect(ahead.chunks.local).toBe(before.local);
      const joined = started.join();
      // Joined, this thread takes the chunks not yet handed out.
      expect(await joined).toEqual(await inProcessMapper.map('sentiment', {}, texts));
      expect(ahead.chunks.local).toBeGreaterThan(before.local);
      expect(started.join()).toBe(joined);
    } finally {
      await ahead.close();
    }
  }, 120_000);

  it('hands a started job to the worker whole when its texts are few: it keeps working while this thread never turns its event loop', async () => {
    const ahead = createWorkerMapper({ workers: 1, minTexts: 0, chunkSize: 50 });
    try {
      await ahead.map('complaints', {}, texts.slice(0, 500));
      const before = ahead.chunks;
      const started = ahead.start('sentiment', {}, texts);
      const chunks = Math.ceil(texts.length / 50);
      // Busy without a turn of the event loop (as with themes' document index): nothing more can be handed over now.
      const busy = Date.now() + 3_000;
      while (Date.now() < busy);
      expect(await started.join()).toEqual(await inProcessMapper.map('sentiment', {}, texts));
      // Every chunk was the worker's: with eight at a time, this thread took the rest at the join.
      expect(ahead.chunks.workers - before.workers).toBe(chunks);
      expect(ahead.chunks.local).toBe(before.local);
    } finally {
      await ahead.close();
    }
  }, 120_000);

  it('hands work started whenIdle to a worker only while no other work waits, and its join takes what is left', async () => {
    const idle = createWorkerMapper({ workers: 1, minTexts: 0, chunkSize: 50, textAhead: 2 * 50 * 120 });
    const privacy = { settings: { maskPersonalData: true, pseudonymizeAuthors: true }, brandHandles: ['AcmeHelp'], salt: 'acme' };
    try {
      await idle.map('complaints', {}, texts.slice(0, 500));
      const before = idle.chunks;
      // Started first; the worker is given at once what fits ahead of it (TEXT_AHEAD).
      const later = idle.start('privacy-text', privacy, texts, { whenIdle: true });
      const now = idle.start('sentiment', {}, texts.slice(0, 1_000));
      // This thread busy, turning its event loop, until the worker has answered more chunks than the idle job gave it
      // at once plus all 20 of the other: in the order they were started, that would be idle chunks only.
      const until = Date.now() + 60_000;
      while (idle.chunks.workers - before.workers < 26 && Date.now() < until) {
        const busy = Date.now() + 5;
        while (Date.now() < busy);
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(await now.join()).toEqual(await inProcessMapper.map('sentiment', {}, texts.slice(0, 1_000)));
      // Every chunk of the other job was the worker's, taken before the idle job's rest.
      expect(idle.chunks.local).toBe(before.local);
      expect(await later.join()).toEqual(await inProcessMapper.map('privacy-text', privacy, texts));
      expect(idle.chunks.workers + idle.chunks.local - before.workers - before.local).toBe(Math.ceil(texts.length / 50) + 20);
    } finally {
      await idle.close();
    }
  }, 120_000);

  it('moves a byte task to a running worker and its result back: an Arrow batch\'s CSV', async () => {
    const columns: ArrowColumn<string>[] = [{ name: 'text', type: 'utf8', value: (t) => t }];
    const ipc = arrowIpc(columns, texts);
    const csv = { columns: ['text'] };
    const before = mapper.chunks;
    // A view of part of a buffer: the task owns the whole buffer.
    const input = new Uint8Array(ipc.length + 16).subarray(8, 8 + ipc.length);
    input.set(ipc);
    const buffer = input.buffer;
    const started = mapper.startBytes('arrow-csv', csv, input);
    // Moved, not copied: the caller's buffer is empty now.
    expect(input.byteLength).toBe(0);
    expect(buffer.byteLength).toBe(0);
    const rows = await started.join();
    expect(Buffer.from(rows).equals(Buffer.from(await arrowBatchCsv(ipc.slice(), csv)))).toBe(true);
    // Back in the same buffer, written over its start: the whole buffer came back.
    expect([rows.byteOffset, rows.buffer.byteLength]).toEqual([0, ipc.length + 16]);
    expect(mapper.chunks.workers).toBe(before.workers + 1);
    expect(mapper.chunks.local).toBe(before.local);
    // A failing task fails at the join, with the worker's reason.
    await expect(mapper.startBytes('arrow-csv', { columns: ['nope'] }, ipc.slice()).join()).rejects.toThrow(/CSV column "nope" is not in the Arrow batch/);
  });

  it('leaves what cannot start on the workers to the join: a small job runs there, a bad task fails there', async () => {
    const small = createWorkerMapper({ workers: 1, minTexts: 100 });
    try {
      const later = small.start('sentiment', {}, ['late again']);
      expect(small.threads).toBe(0);
      expect(await later.join()).toEqual(await inProcessMapper.map('sentiment', {}, ['late again']));
      // Not a task (the cast gets it past TypeScript): nothing is thrown when starting, the join rejects.
      const bad = small.start('summarise' as never, {} as never, ['late again']);
      await expect(bad.join()).rejects.toThrow(/^unknown text task "summarise"$/);
      // No thread running: a byte task runs at the join, on this thread, and its input is not moved.
      const ipc = arrowIpc([{ name: 'text', type: 'utf8', value: (t: string) => t }], texts.slice(0, 50));
      const input = ipc.slice();
      const bytes = small.startBytes('arrow-csv', { columns: ['text'] }, input);
      expect(input.byteLength).toBe(ipc.byteLength);
      expect(Buffer.from(await bytes.join()).equals(Buffer.from(await arrowBatchCsv(ipc.slice(), { columns: ['text'] })))).toBe(true);
      expect(small.threads).toBe(0);
      const discovery = small.startChunks('phrases', {}, texts.slice(0, 120));
      expect(mergeDiscovered(await discovery.join())).toEqual(mergeDiscovered(await inProcessMapper.mapChunks('phrases', {}, texts.slice(0, 120))));
    } finally {
      await small.close();
    }
  });

  it('gives a whole crisis byte-identical outputs with and without threads', async () => {
    const run = async (textMapper = inProcessMapper) => {
      const engine = await openNodeEngine();
      try {
        const r = await analyzeCrisis(nodeCrisisFiles(SMARTLOCK), engine, { slug: 'smartlock', textMapper });
        // The bundle too: its privacy filter runs over the mapper's threads.
        const manifest = await writeBundle(r, 'key', memoryBundleSink(), { textMapper });
        return { json: JSON.stringify(r.report), csv: r.csv(), files: manifest.files };
      } finally {
        await engine.close();
      }
    };
    const [local, threaded] = [await run(), await run(mapper)];
    expect(threaded.json).toBe(local.json);
    expect(threaded.csv).toBe(local.csv);
    expect(threaded.files).toEqual(local.files);
    expect(local.csv.length).toBeGreaterThan(1_000_000);
  }, 120_000);
});

describe('workerCount', () => {
  it('reads DEBRIEF_WORKERS and rejects nonsense with the fix', () => {
    const saved = process.env['DEBRIEF_WORKERS'];
    try {
      process.env['DEBRIEF_WORKERS'] = '3';
      expect(workerCount()).toBe(3);
      expect(workerCount(0)).toBe(0);
      process.env['DEBRIEF_WORKERS'] = 'many';
      expect(() => workerCount()).toThrow(/DEBRIEF_WORKERS must be a whole number ≥ 0 \(got "many"\)/);
    } finally {
      if (saved === undefined) delete process.env['DEBRIEF_WORKERS'];
      else process.env['DEBRIEF_WORKERS'] = saved;
    }
  });
});
