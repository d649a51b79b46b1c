/**
 * The bundle of a crisis whose texts carry personal data and hostile strings:
 * every file is through the privacy filter, the tables read back with every
 * analysis column, the excerpts hold every row the report quotes, and the
 * manifest's checksums describe the files.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Excerpts } from '../../../src/analysis/bundle/excerpts.ts';
import { quotedIds } from '../../../src/analysis/bundle/excerpts.ts';
import { memoryBundleSink, writeBundle } from '../../../src/analysis/bundle/write-bundle.ts';
import type { ReportModel } from '../../../src/analysis/report/report-model.ts';
import { analyzeDirectory } from '../../../src/cli/analyze.ts';
import { FIXTURE_SLUG, HOSTILE, writeFixtureCrisis } from '../../site/fixture-crisis.ts';

let data: string;
let out: string;
let result: Awaited<ReturnType<typeof analyzeDirectory>>;
const file = (name: string) => readFileSync(path.join(out, name));
const text = (name: string) => file(name).toString('utf8');

beforeAll(async () => {
  data = writeFixtureCrisis();
  out = path.join(data, 'bundle');
  result = await analyzeDirectory(path.join(data, FIXTURE_SLUG), { out, quiet: true, cacheDir: null, workers: 0 });
  await result.engine.close();
}, 120_000);
afterAll(() => rmSync(data, { recursive: true, force: true }));

describe('writeBundle', () => {
  it('lists every file in the manifest with its size and SHA-256', () => {
    const manifest = JSON.parse(text('manifest.json'));
    expect(manifest.files.map((f: { name: string }) => f.name)).toEqual(['case_attributes.arrow', 'cases.arrow', 'excerpts.json', ...result.lists.map((l) => `list-${l.name}.csv`), 'message_attributes.arrow', 'messages.arrow', 'messages.csv', 'report.json']);
    expect(result.lists.map((l) => l.name)).toEqual(expect.arrayContaining(['authors', 'engaged-posts', 'repeated-posts']));
    for (const f of manifest.files) {
      const bytes = file(f.name);
      expect(bytes.length, f.name).toBe(f.bytes);
      expect(createHash('sha256').update(bytes).digest('hex'), f.name).toBe(f.sha256);
    }
    expect(manifest.slug).toBe(FIXTURE_SLUG);
    expect(manifest.inputKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes the same bytes into memory (a browser download) as into a directory', async () => {
    const sink = memoryBundleSink();
    const manifest = await writeBundle(result, result.manifest.inputKey, sink);
    expect(manifest).toEqual(result.manifest);
    for (const f of manifest.files) expect(Buffer.from(sink.files.get(f.name)!).equals(file(f.name)), f.name).toBe(true);
  });

  it('keeps every ranking in full: each list has the M of its "N of M", its first rows are the N, filtered and formula-safe', () => {
    const report = JSON.parse(text('report.json')) as ReportModel;
    const a = report.sections.amplifiers!;
    const rows = (name: string) => text(`list-${name}.csv`).trimEnd().split('\n');
    expect(rows('authors')).toHaveLength(a.topAuthorsByMessagesTotal + 1);
    expect(rows('authors')[0]).toBe('author,messages,engagement,first_message_at');
    expect(rows('authors').slice(1, 1 + a.topAuthorsByMessages.length).map((r) => r.split(',')[0])).toEqual(a.topAuthorsByMessages.map((x) => x.author));
    expect(rows('engaged-posts')).toHaveLength(a.mostEngagedPostsTotal + 1);
    expect(rows('engaged-posts').slice(1, 1 + a.mostEngagedPosts.length).map((r) => r.split(',')[0])).toEqual(a.mostEngagedPosts.map((p) => p.messageId));
    expect(rows('repeated-posts')).toHaveLength(a.mostRepeatedTotal + 1);
    if (report.sections.themes) {
      expect(rows('themes')).toHaveLength(report.sections.themes.themesTotal + 1);
      expect(rows('context-terms')).toHaveLength(report.sections.themes.contextTermsTotal + 1);
    }
    for (const l of result.lists) {
      const csv = text(`list-${l.name}.csv`);
      expect(csv, l.name).not.toContain('jane.doe@example.com');
      expect(csv, l.name).not.toMatch(/customer\d+/);
      expect(csv, l.name).not.toMatch(/(^|,)=/m);
    }
  });

  it('masks personal data and pseudonymises customers in every file, keeping the brand', () => {
    for (const name of ['report.json', 'messages.csv', 'excerpts.json']) {
      expect(text(name), name).not.toContain('jane.doe@example.com');
      expect(text(name), name).not.toContain('555-123-4567');
      expect(text(name), name).not.toMatch(/customer\d+/);
    }
    const messages = tableFromIPC(file('messages.arrow'));
    const authors = new Set(messages.getChild('author')!.toArray() as string[]);
    expect([...authors].every((a) => a === 'WidgetHelp' || /^user-[0-9a-f]{6}$/.test(a))).toBe(true);
    const texts = messages.getChild('text')!.toArray() as string[];
    expect(texts).toContain('write me at [email] about the widget');
    expect(texts).toContain(HOSTILE.script);
  });

  it('holds every message in time order with the canonical and analysis columns', () => {
    const report = JSON.parse(text('report.json')) as ReportModel;
    const messages = tableFromIPC(file('messages.arrow'));
    expect(messages.numRows).toBe(report.counts.messages);
    const names = messages.schema.fields.map((f) => f.name);
    expect(names.slice(0, 14)).toEqual(['id', 'conversation_id', 'parent_id', 'created_at', 'author', 'is_brand', 'inbound', 'channel', 'text', 'likes', 'shares', 'replies', 'source_file', 'source_row']);
    for (const c of ['sentiment', 'sentiment_score', 'fault', 'fault_evidence', 'themes', 'first_response_s']) expect(names).toContain(c);
    const times = [...(messages.getChild('created_at')!.toArray() as Iterable<number>)].map(Number);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // The CSV download is the same rows.
    expect(text('messages.csv').trimEnd().split('\n').length).toBe(report.counts.messages + 1);
    expect(text('messages.csv')).toContain(`'=HYPERLINK(`);
  });

  it('keeps every quoted example in the excerpts, and the first page of messages', () => {
    const report = JSON.parse(text('report.json')) as ReportModel;
    const excerpts = JSON.parse(text('excerpts.json')) as Excerpts;
    const have = new Set([...excerpts.messages.head, ...excerpts.quoted.messages].map((m) => m.id));
    const quoted = [...quotedIds(report)];
    expect(quoted.length).toBeGreaterThan(0);
    for (const id of quoted) expect(have.has(id), id).toBe(true);
    expect(excerpts.messages.total).toBe(report.counts.messages);
    expect(excerpts.messages.head.length).toBe(Math.min(1000, report.counts.messages));
    expect(excerpts.messages.columnNames).toContain('fault');
  });
});
