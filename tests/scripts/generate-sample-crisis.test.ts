/**
 * The synthetic sample crisis: the generator is deterministic (same seed →
 * same bytes, another seed → other bytes), the committed data/ files are what
 * the default seed writes, and the output loads with nothing rejected.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_OUT, DEFAULT_SEED, Rng, generateCrisis, isoLocal, mulberry32, writeCrisis, type GeneratedCrisis } from '../../scripts/generate-sample-crisis.ts';
import { analyzeCrisis } from '../../src/analysis/pipeline.ts';
import { parseCrisisConfig } from '../../src/analysis/config/crisis-config.ts';
import { openNodeEngine } from '../../src/node/duckdb-node.ts';
import { nodeCrisisFiles } from '../../src/node/files.ts';

const FILES = ['SOURCE.md', 'crisis.yaml', 'posts.csv', 'tickets.json'];
const temp: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'debrief-sample-'));
  temp.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

let defaultRun: GeneratedCrisis | undefined;
const byDefaultSeed = () => (defaultRun ??= generateCrisis());

describe('seeded PRNG', () => {
  it('mulberry32 repeats its sequence for a seed and differs across seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });

  it('forks independent streams per label', () => {
    expect(new Rng(1, 'text').float()).not.toBe(new Rng(1, 'volume').float());
    expect(new Rng(1, 'text').float()).toBe(new Rng(1, 'text').float());
  });

  it('writes local times with the New York offset', () => {
    expect(isoLocal(Date.parse('2024-10-09T05:00:00Z'))).toBe('2024-10-09T01:00:00-04:00');
    expect(isoLocal(Date.parse('2024-12-01T17:30:15.900Z'))).toBe('2024-12-01T12:30:15-05:00');
  });
});

describe('generate-sample-crisis', () => {
  it('writes byte-identical files for the same seed', () => {
    const a = tempDir();
    const b = tempDir();
    writeCrisis(a);
    writeCrisis(b);
    expect(readdirSync(a).sort()).toEqual(FILES);
    for (const name of FILES) expect(readFileSync(path.join(b, name)).equals(readFileSync(path.join(a, name))), name).toBe(true);
  });

  it('writes different data for a different seed', () => {
    const other = generateCrisis({ seed: DEFAULT_SEED + 1 });
    const base = byDefaultSeed();
    expect(other.files['posts.csv']).not.toBe(base.files['posts.csv']);
    expect(other.files['tickets.json']).not.toBe(base.files['tickets.json']);
    expect(other.files['crisis.yaml']).toContain(`seed ${DEFAULT_SEED + 1}`);
  });

  it('matches the committed data directory (regenerate with npx tsx scripts/generate-sample-crisis.ts)', () => {
    const run = byDefaultSeed();
    for (const name of FILES) {
      const committed = readFileSync(path.join(DEFAULT_OUT, name), 'utf8');
      expect(committed === run.files[name as keyof GeneratedCrisis['files']], `data/${path.basename(DEFAULT_OUT)}/${name} is stale`).toBe(true);
    }
  });

  it('tells the documented story at the documented scale', () => {
    const { stats, files } = byDefaultSeed();
    expect(stats.posts).toBeGreaterThanOrEqual(8_000);
    expect(stats.posts).toBeLessThanOrEqual(15_000);
    expect(stats.peakHour.posts).toBeGreaterThanOrEqual(200);
    expect(Buffer.byteLength(files['posts.csv']) + Buffer.byteLength(files['tickets.json'])).toBeLessThan(3.5 * 1024 * 1024);
    expect(Object.keys(stats.byChannel).sort()).toEqual(['facebook', 'instagram', 'reddit', 'twitter']);
    // The night-time coverage gap: replies to posts made outside business hours wait far longer.
    expect(stats.medianReplyMinutes.outside).toBeGreaterThan(4 * stats.medianReplyMinutes.business);
    const csv = files['posts.csv'];
    expect(csv).toContain('&amp;');
    expect(csv).toMatch(/[\w.]+@example\.(com|net|org)/);
    expect(csv).toMatch(/\(?\d{3}\)?[ -]555-01\d\d/);
    expect(csv).toMatch(/send us a DM/i);
    expect(csv).toMatch(/latchly\.example\/october-update/);
  });

  it('has fault keywords that the generated complaints actually use', () => {
    const { files } = byDefaultSeed();
    const config = parseCrisisConfig(files['crisis.yaml']);
    const text = files['posts.csv'].toLowerCase();
    for (const [id, fault] of Object.entries(config.faults)) {
      const used = fault.keywords.filter((k) => text.includes(k.toLowerCase()));
      expect(used.length, `fault ${id}`).toBeGreaterThan(0);
    }
  });

  it('loads with nothing rejected; the only duplicates are the export overlap', async () => {
    const dir = tempDir();
    const { stats } = writeCrisis(dir);
    const engine = await openNodeEngine();
    try {
      const result = await analyzeCrisis(nodeCrisisFiles(dir), engine, { slug: 'smartlock-firmware-2024', analyses: [] });
      const { ledger, counts } = result.report;
      expect(ledger.totals.rejected).toBe(0);
      const [posts, tickets] = ledger.sources;
      expect(posts).toMatchObject({ file: 'posts.csv', format: 'generic', table: 'messages', read: stats.posts + stats.exportOverlap, loaded: stats.posts, duplicates: stats.exportOverlap, exactDuplicates: stats.exportOverlap, warnings: {} });
      expect(tickets).toMatchObject({ file: 'tickets.json', format: 'generic', table: 'cases', read: stats.tickets, loaded: stats.tickets, duplicates: 0, warnings: {} });
      expect(counts.messages).toBe(stats.posts);
      expect(counts.cases).toBe(stats.tickets);
      expect(counts.brandMessages).toBe(stats.byKind['brand-reply'] + stats.byKind['brand-post']);
      // Threads: every reply's conversation is its root's, including Instagram rows exported without one.
      const byId = new Map(result.messages.map((m) => [m.id, m]));
      let replies = 0;
      for (const m of result.messages) {
        const parent = m.parentId ? byId.get(m.parentId) : undefined;
        if (!parent) continue;
        replies++;
        expect(m.conversationId).toBe(parent.conversationId);
        expect(m.createdAt, `${m.id} is older than its parent ${parent.id}`).toBeGreaterThan(parent.createdAt);
      }
      expect(replies).toBeGreaterThan(stats.posts / 2);
      const c = result.cases.find((x) => x.resolvedAt !== null && x.closedAt !== null)!;
      expect(c).toMatchObject({ status: 'closed' });
      expect(c.firstResponseAt).not.toBeNull();
      expect(c.text).toBeTruthy();
      // `priority` maps to the canonical case field by its header; the other keys stay attributes.
      expect(c.priority).toMatch(/^(urgent|high|normal|low)$/);
      expect(Object.keys(c.attributes)).toEqual(expect.arrayContaining(['subject', 'tags', 'customer.plan']));
      expect(result.messages.some((m) => m.text.includes('&amp;'))).toBe(false);
    } finally {
      await engine.close();
    }
  });
});
